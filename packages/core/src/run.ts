import { defaultScheduler } from './default-scheduler.js';
import type { Coroutine } from './operation.js';
import type { SpawnOptions } from './spawn.js';

/**
 * Enter the coroutine world from ordinary code: run `fn(...args)` as a root task on the default
 * scheduler and get a Promise of its result. Every argument after `fn` goes to `fn`; for a name
 * or a signal use {@link runWith}.
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
export function run<T, A extends unknown[]>(fn: (...args: A) => Coroutine<T>, ...args: NoInfer<A>): Promise<T> {
  const task = defaultScheduler().spawn(fn, ...args);
  return task.then((value) => value); // attach now, so a failure is never reported as unobserved
}

/**
 * {@link run} with options: `runWith({ name, signal }, fn, ...args)`. The root task is named
 * `name` and cancelled when `signal` aborts (the promise then rejects with `Cancelled`).
 *
 * @example
 * ```ts
 * import { runWith, sleep } from '@coro/core';
 *
 * await runWith({ name: 'nightly', signal: AbortSignal.timeout(60_000) }, function* (ms: number) {
 *   yield* sleep(ms);
 * }, 100);
 * ```
 *
 * @typeParam T - the result.
 * @typeParam A - `fn`'s parameters.
 */
export function runWith<T, A extends unknown[]>(options: SpawnOptions, fn: (...args: A) => Coroutine<T>, ...args: NoInfer<A>): Promise<T> {
  const task = defaultScheduler().spawnWith(options, fn, ...args);
  return task.then((value) => value);
}
