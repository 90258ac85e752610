import { currentTask } from './scheduler.js';
import type { Task } from './task.js';

let syncJobSignal: AbortSignal | undefined;

/**
 * The AbortSignal of the executor job that is running: it aborts when the job's
 * `TaskRef.with({ signal })` aborts or its map is aborted. Inside a coroutine job (and its child
 * tasks) it works anywhere; in an async or plain function, read it synchronously at the start,
 * before the first `await`. Other executors (threads, processes) provide the same function.
 *
 * @example
 * ```ts
 * export async function download(url: string) {
 *   const signal = jobSignal();
 *   return (await fetch(url, { signal })).text();
 * }
 * ```
 */
export function jobSignal(): AbortSignal {
  for (let t: Task<any> | undefined = currentTask(); t !== undefined; t = t.parent) {
    if (t.extra?.job === true) return t.signal;
  }
  if (syncJobSignal !== undefined) return syncJobSignal;
  throw new Error('jobSignal() was called outside an executor job (in an async function, read it before the first await)');
}

/**
 * Call `fn` with `signal` as the job signal for its synchronous part: what an executor that runs
 * a plain or async export outside a coroutine (a worker thread's fast path) uses so that
 * {@link jobSignal} answers inside it.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const result = withJobSignal(controller.signal, () => exported(...args));
 * ```
 *
 * @typeParam R - what `fn` returns.
 */
export function withJobSignal<R>(signal: AbortSignal, fn: () => R): R {
  const outer = syncJobSignal;
  syncJobSignal = signal;
  try {
    return fn();
  } finally {
    syncJobSignal = outer;
  }
}
