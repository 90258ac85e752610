/**
 * `coro-worker` as a real child process, the way a second machine would run it: `node` on
 * @coro/bullmq's built CLI. Its output is kept, not shown, unless something goes wrong.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The built `coro-worker` CLI. @coro/bullmq exports only `.` and `./package.json`, so find the
 * package by its package.json and take `bin` from there.
 */
export function coroWorkerCli(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@coro/bullmq/package.json');
  const { bin } = require('@coro/bullmq/package.json') as { bin: Record<string, string> };
  const cli = join(dirname(manifest), bin['coro-worker'] ?? 'dist/cli.js');
  if (!existsSync(cli)) throw new Error(`distributed: ${cli} is missing; build it first (npm run build, or npm run demo -- distributed from the repository root)`);
  return cli;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM (coro-worker finishes its running jobs and exits), SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Start `coro-worker` with `args` in `cwd` and resolve once it prints `…: ready` (within `readyMs`,
 * or it is stopped). Aborting `signal` before then kills it at once: a worker that is not ready
 * holds no jobs, and the caller, interrupted, has no handle to stop it with.
 */
export async function startWorkerProcess(args: readonly string[], cwd: string, signal?: AbortSignal, readyMs = 30_000): Promise<WorkerProcess> {
  signal?.throwIfAborted();
  const child = spawn(process.execPath, [coroWorkerCli(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', kill, { once: true });
  let text = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async (graceMs = 5000) => {
    if (running()) child.kill('SIGTERM');
    const timer = setTimeout(() => running() && child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const worker = { child, output: () => text, stop };
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`coro-worker did not say it was ready within ${readyMs} ms:\n${text}`)), readyMs);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        if (/: ready$/m.test(text)) resolve();
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      child.once('error', reject);
      void exited.then(() => reject(new Error(`coro-worker exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${text}`)));
    });
  } catch (error) {
    await stop(0);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', kill);
  }
  return worker;
}
