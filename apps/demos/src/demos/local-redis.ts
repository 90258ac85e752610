/**
 * A Redis for the distributed demo that harms nothing: the one `REDIS_URL` names, or a
 * `redis-server` of our own on a free loopback port, in a temporary folder, writing nothing to disk
 * (`--save '' --appendonly no`), stopped when the demo ends. Never 6379: a Redis already there may
 * hold someone's data.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { redisAnswers, startRedisServer, type RedisServer } from '../../../../tools/redis/redis-server.js';


/** The one line the demo prints when it has no Redis to use. */
export const howToEnable =
  'distributed: skipped — needs Redis: install redis-server (apt-get install redis-server, brew install redis) or set REDIS_URL=redis://host:port, then run npm run demo -- distributed';

/** The `redis-server` executable on `path` (a PATH value), or undefined: the lookup is injectable so tests can take it away. */
export function findRedisServer(path: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, process.platform === 'win32' ? 'redis-server.exe' : 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; next folder
    }
  }
  return undefined;
}

/** A Redis the demo can use, and how to let go of it. */
export interface DemoRedis {
  readonly url: string;
  /** `REDIS_URL`'s Redis or the redis-server we started, for the demo's first line. */
  readonly description: string;
  /** Stop the redis-server we started (nothing for REDIS_URL's); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Start `binary` (a redis-server) on a free loopback port and resolve once it answers PING.
 * Aborting `signal` before then kills it at once and removes its folder.
 */
export async function startDemoRedis(binary: string, signal?: AbortSignal): Promise<DemoRedis> {
  let server: RedisServer;
  try {
    server = await startRedisServer({ binary, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new Error(`distributed: ${(error as Error).message}`, { cause: error });
  }
  return { url: server.url, description: `our own redis-server on ${server.url} (in ${server.dir}, nothing saved)`, stop: () => server.stop() };
}

/**
 * `REDIS_URL`'s Redis when it is set (it must answer), else a redis-server of our own when one is
 * on `path`, else undefined: the caller says {@link howToEnable}.
 */
export async function demoRedis(env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<DemoRedis | undefined> {
  const given = env.REDIS_URL;
  if (given) {
    if (!(await redisAnswers(given, 3000))) throw new Error(`distributed: REDIS_URL is ${given}, but nothing there answers PING`);
    const shown = new URL(given);
    shown.password = '';
    return { url: given, description: `REDIS_URL (${shown.href})`, stop: () => Promise.resolve() };
  }
  const binary = findRedisServer(env.PATH);
  return binary === undefined ? undefined : startDemoRedis(binary, signal);
}
