import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Demo } from './registry.js';

/** The demos package folder: children run from here so `--import tsx` resolves whatever the caller's cwd. */
const packageDir = fileURLToPath(new URL('..', import.meta.url));

function demoArgs(demo: Demo): string[] {
  return ['--import', 'tsx', fileURLToPath(new URL(`./demos/${demo.file}`, import.meta.url))];
}

/**
 * The environment of a demo run by the tour: `CORO_DEMO_IN_TOUR=1` tells a demo that needs
 * something the machine may lack (distributed: Redis) to say how to enable it and exit 0.
 */
export const tourEnv = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => ({ ...env, CORO_DEMO_IN_TOUR: '1' });

/**
 * Run one demo in a child process of its own, so that what one demo patches (monkey patching!)
 * cannot leak into the next. Output goes straight to this terminal. Returns the exit code.
 */
export function runDemo(demo: Demo, env: NodeJS.ProcessEnv = process.env): number {
  const child = spawnSync(process.execPath, demoArgs(demo), { stdio: 'inherit', cwd: packageDir, env });
  return child.status ?? 1;
}

/** What a demo printed, for tests. */
export interface DemoOutput {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run a script of this package (a demo, or the tour itself) in a child process and collect what it prints. */
export function captureScript(args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<DemoOutput> {
  return new Promise((resolve, reject) => {
    // A process group of its own: a script killed at its time bound takes what it started (a redis-server,
    // workers) with it, where killing the script alone would leave them running.
    const child = spawn(process.execPath, args, { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'], env, detached: process.platform !== 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

function killGroup(child: ChildProcess): void {
  try {
    if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL'); // the group is gone already
  }
}

/** Run one demo the way {@link runDemo} does, collecting its output instead of printing it. */
export function captureDemo(demo: Demo, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<DemoOutput> {
  return captureScript(demoArgs(demo), timeoutMs, env);
}
