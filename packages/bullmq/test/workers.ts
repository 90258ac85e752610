// coro-worker as the tests run it: a real child process of the built CLI, ready once it says so.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type TestRedis } from './redis-server.js';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed. */
  output(): string;
  /** Resolves with its exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `coro-worker` with `args` and wait until it reports ready. */
export async function startWorkerProcess(args: string[]): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(': ready')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    void exited.then(({ code, signal }) => reject(new Error(`coro-worker exited (${code ?? signal}) before it was ready:\n${text}`)));
  });
  return { child, pid: child.pid!, output: () => text, exited };
}

/**
 * A test file's Redis and the coro-worker processes it starts: Redis up before the tests, every
 * worker killed and Redis stopped after them.
 */
export function redisAndWorkers() {
  let redis: TestRedis | undefined;
  const started: WorkerProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const worker of started) worker.child.kill('SIGKILL');
    await redis?.stop();
  });
  return {
    get redis(): TestRedis {
      return redis!;
    },
    /** Start `coro-worker --redis <this Redis> ...args`, killed when the file ends. */
    async worker(args: string[]): Promise<WorkerProcess> {
      const made = await startWorkerProcess(['--redis', redis!.url, ...args]);
      started.push(made);
      return made;
    },
  };
}
