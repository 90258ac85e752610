import { Cancelled } from './errors.js';
import type { Task } from './task.js';

const annotated = new WeakSet<object>();

/**
 * Capture where a task is spawned. It costs a stack capture per spawn (about a microsecond and a
 * few hundred bytes while the task lives), so it is off by default: turn it on with
 * `new Scheduler({ traceSpawns: true })` or the environment variable `CORO_TRACE_SPAWNS=1`.
 *
 * @internal
 */
export function captureSpawnStack(): Error {
  const marker = new Error('spawned');
  Error.captureStackTrace?.(marker, captureSpawnStack);
  return marker;
}

/** Whether spawn stacks are on by default (`CORO_TRACE_SPAWNS=1`). @internal */
export function traceSpawnsByDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.CORO_TRACE_SPAWNS === '1';
}

/**
 * Append to a failed task's error where it ran: the chain of task names (always, it is cheap)
 * and the spawn stack when one was captured. Each error is annotated once, by the innermost task.
 *
 * @internal
 */
export function annotateFailure(error: unknown, task: Task<any>): void {
  if (!(error instanceof Error) || error instanceof Cancelled || annotated.has(error)) return;
  annotated.add(error);
  const chain: string[] = [];
  for (let t: Task<any> | undefined = task; t !== undefined; t = t.parent) chain.push(`"${t.name}"`);
  let note = `\n    in task ${chain.join(' ← spawned by ')}`;
  const spawnStack = task.extra?.spawnStack?.stack;
  if (spawnStack !== undefined) {
    note += `\n    spawned at:\n${spawnStack.split('\n').slice(1).join('\n')}`;
  }
  try {
    error.stack = `${error.stack ?? String(error)}${note}`;
  } catch {
    // a frozen error keeps its stack as it is
  }
}
