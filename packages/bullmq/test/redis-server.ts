// A real Redis for the tests: a redis-server of our own on a free loopback port, in a temporary
// folder, with every write on disk (appendonly, fsync always) so that a restart loses nothing; or
// the one REDIS_URL names. Stopped when the test file ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface TestRedis {
  readonly url: string;
  /** Whether this Redis is ours (it can be restarted). */
  readonly owned: boolean;
  /** Shut Redis down (saving) and start it again on the same port with the same data. */
  restart(downFor?: number): Promise<void>;
  stop(): Promise<void>;
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

async function answers(url: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch (error) {
      client.disconnect();
      if (Date.now() > deadline) throw new Error(`redis at ${url} did not answer within ${timeout} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export async function startRedis(): Promise<TestRedis> {
  const given = process.env.REDIS_URL;
  if (given) {
    await answers(given, 5000);
    return {
      url: given,
      owned: false,
      restart: () => Promise.reject(new Error('REDIS_URL names a Redis these tests do not own; the restart test needs their own')),
      stop: () => Promise.resolve(),
    };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'coro-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--daemonize', 'no', '--loglevel', 'warning'];
    server = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    const failed = new Promise<never>((_, reject) => server!.once('error', (error) => reject(new Error(`cannot start redis-server (is it installed? apt-get install redis-server): ${error.message}`))));
    await Promise.race([answers(url, 10_000), failed]);
  };
  const shutdown = async () => {
    const child = server;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM'); // redis-server saves and exits on SIGTERM
    await exited;
  };
  await launch();
  return {
    url,
    owned: true,
    async restart(downFor = 300) {
      await shutdown();
      await new Promise((resolve) => setTimeout(resolve, downFor));
      await launch();
    },
    async stop() {
      await shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
