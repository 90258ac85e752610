// The Redis the bullmq suite measures against: a redis-server of its own on a free loopback port,
// in a temporary folder, with persistence off (a benchmark measures the queue, not the disk), pinned
// with taskset like the other suites' servers; or the one REDIS_URL names, which it leaves alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface BenchRedis {
  readonly url: string;
  /** Where it runs, for the rows' notes. */
  readonly placement: string;
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
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis at ${url} did not answer within ${timeout} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      client.disconnect();
    }
  }
}

/** Start redis-server pinned to `cpus` (a `taskset -c` list), or use REDIS_URL. */
export async function startRedis(cpus: string): Promise<BenchRedis> {
  const given = process.env.REDIS_URL;
  if (given) {
    await answers(given, 5000);
    return { url: given, placement: 'Redis from REDIS_URL (placement unknown)', stop: () => Promise.resolve() };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'coro-bench-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'];
  const server: ChildProcess = spawn('taskset', ['-c', cpus, 'redis-server', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = async () => {
    if (server.pid !== undefined && server.exitCode === null && server.signalCode === null) {
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Settles when the server dies; a failure only while we still wait for it to answer.
  let waiting = true;
  const died = once(server, 'exit').then(
    ([code]) => {
      if (waiting) throw new Error(`redis-server exited (${String(code)}) before answering`);
    },
    (error: Error) => {
      if (waiting) throw new Error(`cannot start redis-server under taskset (is it installed? apt-get install redis-server): ${error.message}`);
    },
  );
  try {
    await Promise.race([answers(url, 10_000), died]);
  } catch (error) {
    waiting = false;
    await stop();
    throw error;
  }
  waiting = false;
  return { url, placement: `redis-server on CPU ${cpus} (taskset)`, stop };
}
