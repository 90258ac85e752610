import type { Instruction, Operation } from '@coro/core';
import { bridgeIterator } from './hub/bridge.js';
import { type Blocking, blocking } from './hub/operation.js';
import { Timeout } from './timeout.js';

/**
 * Options for {@link withTimeout}.
 *
 * @typeParam V - the fallback value's type.
 * @example
 * ```ts
 * yield* withTimeout(100, op, { timeoutValue: 'too slow' });
 * ```
 */
export interface WithTimeoutOptions<V> {
  /** Returned instead of raising when *this* timeout fires. */
  timeoutValue: V;
}

/**
 * What {@link withTimeout} runs: an Operation, or a function returning one, a promise, or a value.
 *
 * @typeParam T - the result.
 * @example
 * ```ts
 * const work: TimedWork<number> = () => g.get();
 * ```
 */
export type TimedWork<T> = Operation<T> | (() => Operation<T> | PromiseLike<T> | T);

function* runWork<T>(work: TimedWork<T>): Generator<Instruction, T, unknown> {
  if (typeof work !== 'function') return yield* work;
  const result = work();
  if (typeof (result as Operation<T> | null)?.[Symbol.iterator] === 'function' && typeof (result as Iterator<unknown> | null)?.next === 'function') return yield* (result as Operation<T>);
  if (typeof (result as PromiseLike<T> | null)?.then === 'function') return yield* bridgeIterator(result as PromiseLike<T>);
  return result as T;
}

const withTimeoutOp = /* @__PURE__ */ blocking('withTimeout', function* <T, V>(ms: number, work: TimedWork<T>, options: WithTimeoutOptions<V> | undefined): Generator<Instruction, T | V, unknown> {
  const timeout = Timeout.startNew(ms);
  try {
    return yield* runWork(work);
  } catch (error) {
    // Only our own timeout turns into the fallback value; an enclosing one propagates.
    if (error === timeout && options !== undefined) return options.timeoutValue;
    throw error;
  } finally {
    timeout.close();
  }
});

/**
 * Run an Operation (or a function returning one, a promise, or a value) with a time limit: its
 * `Timeout` is raised after `ms`, or `timeoutValue` is returned instead if given.
 *
 * @typeParam T - the work's result.
 * @typeParam V - the fallback value's type.
 * @example
 * ```ts
 * import { withTimeout, sleep } from '@coro/gevent';
 * const r = await withTimeout(10, sleep(1000), { timeoutValue: 'late' }); // "late"
 * ```
 */
export function withTimeout<T>(ms: number, work: TimedWork<T>): Blocking<T>;
export function withTimeout<T, V>(ms: number, work: TimedWork<T>, options: WithTimeoutOptions<V>): Blocking<T | V>;
export function withTimeout<T, V>(ms: number, work: TimedWork<T>, options?: WithTimeoutOptions<V>): Blocking<T | V> {
  if (typeof work !== 'function' && typeof (work as Operation<T> | null)?.[Symbol.iterator] !== 'function') throw new TypeError('withTimeout: work must be an Operation or a function');
  return withTimeoutOp(ms, work, options);
}
