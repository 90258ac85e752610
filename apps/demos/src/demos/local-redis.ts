/**
 * A Redis for the distributed demo that harms nothing: the one `REDIS_URL` names, or a
 * `redis-server` of our own on a free loopback port, in a temporary folder, writing nothing to disk
 * (`--save '' --appendonly no`), stopped when the demo ends. Never 6379: a Redis already there may
 * hold someone's data.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

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

/** Whether Redis at `url` replies to PING (any reply: an auth error is still a Redis) within `timeoutMs`. */
export function redisAnswers(url: string, timeoutMs: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname.replace(/^\[|\]$/g, ''));
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (reply) => done(/^[+-]/.test(reply.toString('latin1'))));
    socket.once('error', () => done(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start `binary` (a redis-server) on a free loopback port and resolve once it answers PING.
 * Aborting `signal` before then kills it at once and removes its folder.
 */
export async function startRedisServer(binary: string, signal?: AbortSignal): Promise<DemoRedis> {
  const port = await freePort();
  signal?.throwIfAborted();
  const dir = mkdtempSync(join(tmpdir(), 'coro-demo-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && spawnError === undefined) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const kill = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  signal?.addEventListener('abort', kill, { once: true });
  try {
    const deadline = Date.now() + 10_000;
    while (!(await redisAnswers(url, 500))) {
      signal?.throwIfAborted();
      if (spawnError !== undefined || child.exitCode !== null || Date.now() > deadline) {
        await stop();
        const why = spawnError?.message ?? (child.exitCode !== null ? `it exited with code ${child.exitCode}` : 'it did not answer within 10 s');
        throw new Error(`distributed: could not start ${binary} on port ${port}: ${why}\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    signal?.removeEventListener('abort', kill);
  }
  return { url, description: `our own redis-server on ${url} (in ${dir}, nothing saved)`, stop };
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
  return binary === undefined ? undefined : startRedisServer(binary, signal);
}
