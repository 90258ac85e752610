// coro-worker as case cpu-jobs runs it: real child processes of the built CLI, each pinned to its
// own CPU with taskset, ready once they say so, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@coro/bullmq/package.json')), 'dist', 'cli.js');
const READY_TIMEOUT_MS = 30_000;

export interface WorkerProcesses {
  /** The CPU each worker is pinned to, in start order. */
  readonly cpus: readonly string[];
  stop(): Promise<void>;
}

async function stopOne(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function ready(child: ChildProcess): Promise<void> {
  let text = '';
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`coro-worker was not ready within ${READY_TIMEOUT_MS} ms:\n${text}`)), READY_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(': ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', (error) => reject(new Error(`cannot start coro-worker under taskset: ${error.message}`)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`coro-worker exited (${code ?? signal}) before it was ready:\n${text}`));
    });
  });
}

/**
 * Start one `coro-worker --executor thread --size 1` per entry of `cpus`, pinned there, serving
 * `queue` with task paths resolved under `root`; resolves once all are taking jobs.
 */
export async function startWorkerProcesses(cpus: readonly string[], url: string, queue: string, root: string): Promise<WorkerProcesses> {
  const children = cpus.map((cpu, i) =>
    spawn('taskset', ['-c', cpu, process.execPath, cli, '--redis', url, '--queue', queue, '--executor', 'thread', '--size', '1', '--root', root, '--name', `bench-${i + 1}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const stop = async () => {
    await Promise.all(children.map(stopOne));
  };
  try {
    await Promise.all(children.map(ready));
  } catch (error) {
    await stop();
    throw error;
  }
  return { cpus, stop };
}
