import { currentTask } from './scheduler.js';
import type { Task } from './task.js';

/** The job signal of the synchronous part running now, or the function that makes it on first use. */
let syncJobSignal: AbortSignal | (() => AbortSignal) | undefined;

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
  if (typeof syncJobSignal === 'function') syncJobSignal = syncJobSignal(); // made once, on first use
  if (syncJobSignal !== undefined) return syncJobSignal;
  throw new Error('jobSignal() was called outside an executor job (in an async function, read it before the first await)');
}

/**
 * Call `fn` with `signal` as the job signal for its synchronous part: what an executor that runs
 * a plain or async export outside a coroutine (a worker thread's fast path) uses so that
 * {@link jobSignal} answers inside it. `signal` may also be a function that makes the signal: it
 * is called only if `fn` asks for it, once, which spares a short job that never does an
 * `AbortController` (a few microseconds, as much as the rest of a no-op job).
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const result = withJobSignal(controller.signal, () => exported(...args));
 * const lazily = withJobSignal(() => new AbortController().signal, () => exported(...args));
 * ```
 *
 * @typeParam R - what `fn` returns.
 */
export function withJobSignal<R>(signal: AbortSignal | (() => AbortSignal), fn: () => R): R {
  const outer = syncJobSignal;
  syncJobSignal = signal;
  try {
    return fn();
  } finally {
    syncJobSignal = outer;
  }
}
