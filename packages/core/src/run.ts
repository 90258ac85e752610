import { defaultScheduler } from './default-scheduler.js';
import type { Coroutine } from './operation.js';

/**
 * Enter the coroutine world from ordinary code: run `fn(...args)` as a root task on the default
 * scheduler and get a Promise of its result.
 *
 * @example
 * ```ts
 * import { run, sleep } from '@coro/core';
 *
 * const answer = await run(function* () {
 *   yield* sleep(100);
 *   return 42;
 * });
 * ```
 *
 * @typeParam T - the result.
 * @typeParam A - `fn`'s parameters.
 */
export function run<T, A extends unknown[]>(fn: (...args: A) => Coroutine<T>, ...args: A): Promise<T> {
  const task = defaultScheduler().spawn(fn, ...args);
  return task.then((value) => value); // attach now, so a failure is never reported as unobserved
}
