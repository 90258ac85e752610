// A redis-server of our own for the BullMQ tests, demo and benchmark: on a free loopback port (never
// 6379, where a Redis may hold someone's data), in a temporary folder, ready once it answers PING,
// stopped (and its folder removed) when asked. Node built-ins only, so it loads from any workspace.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServerOptions {
  /** The executable; default `redis-server` from PATH. */
  readonly binary?: string;
  /** Pin it with `taskset -c <cpus>` (benchmarks). */
  readonly cpus?: string;
  /** Keep every write on disk (appendonly, fsync always), so a restart loses nothing; default off. */
  readonly persist?: boolean;
  /** Aborting it while the server starts kills it at once. */
  readonly signal?: AbortSignal;
}

export interface RedisServer {
  readonly url: string;
  /** The folder it runs in. */
  readonly dir: string;
  /** Shut it down (saving) and start it again on the same port with the same folder. */
  restart(downFor?: number): Promise<void>;
  /** Stop it and remove its folder; safe to call twice. */
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

/** Start a redis-server and resolve once it answers PING; the error says why it did not. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const { binary = 'redis-server', cpus, persist = false, signal } = options;
  const port = await freePort();
  signal?.throwIfAborted();
  const dir = mkdtempSync(join(tmpdir(), 'coro-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const durability = persist ? ['--appendonly', 'yes', '--appendfsync', 'always', '--save', ''] : ['--appendonly', 'no', '--save', ''];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...durability, '--daemonize', 'no', '--loglevel', 'warning'];
  let child: ChildProcess | undefined;

  const launch = async () => {
    const started = cpus === undefined ? spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn('taskset', ['-c', cpus, binary, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let log = '';
    started.stdout!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    started.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    let spawnError: Error | undefined;
    started.once('error', (error) => (spawnError = error));
    const kill = () => started.kill('SIGKILL');
    signal?.addEventListener('abort', kill, { once: true });
    try {
      const deadline = Date.now() + 10_000;
      while (!(await redisAnswers(url, 500))) {
        signal?.throwIfAborted();
        if (spawnError !== undefined || started.exitCode !== null || Date.now() > deadline) {
          const why = spawnError?.message ?? (started.exitCode !== null ? `it exited with code ${started.exitCode}` : 'it did not answer within 10 s');
          throw new Error(`could not start ${binary} on port ${port} (is it installed? apt-get install redis-server): ${why}\n${log}`.trimEnd());
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      signal?.removeEventListener('abort', kill);
    }
  };
  /** SIGTERM: redis-server saves and exits. */
  const shutdown = async () => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null || running.pid === undefined) return;
    const exited = new Promise((resolve) => running.once('close', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  const stop = async () => {
    await shutdown();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await launch();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    dir,
    async restart(downFor = 300) {
      await shutdown();
      await new Promise((resolve) => setTimeout(resolve, downFor));
      await launch();
    },
    stop,
  };
}
