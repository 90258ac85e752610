import type { Instruction, Operation } from '@coro/core';
import { getHub } from './current.js';

/**
 * What a gevent greenlet yields when it has registered its own waker (a timer, a link, a place
 * in a waiter list) and only needs to give control back to the hub. Internal: user code yields
 * Operations with `yield*`, a bare `yield` (a `sleep(0)`), or a core `Suspend`.
 */
export const PARK: object = Object.freeze({ park: true });

/**
 * A blocking call of the gevent API. Inside a greenlet, `yield*` it; from ordinary (async) code,
 * `await` it: awaiting runs it as a blocking call of the main greenlet, driving the hub until it
 * completes. Because it is both an Operation and a thenable, `coro/no-dropped-operation` reports
 * it when dropped inside a generator, and `no-floating-promises` when dropped outside.
 *
 * @typeParam T - what the call returns.
 * @example
 * ```ts
 * import { spawn, sleep } from '@coro/gevent';
 * const g = spawn(function* () { yield* sleep(10); return 42; });
 * console.log(await g.get()); // 42, from ordinary code
 * spawn(function* () { console.log(yield* g.get()); }); // 42, inside a greenlet
 * ```
 */
export interface Blocking<T> extends Operation<T>, PromiseLike<T> {}

interface Runnable {
  [Symbol.iterator](): Iterator<Instruction, unknown, unknown>;
  __promise?: Promise<unknown>;
}

function thenRunInMain(this: Runnable, onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown): Promise<unknown> {
  // Cached: a blocking call runs once however many times its result is awaited.
  this.__promise ??= getHub().runRoot(this);
  return this.__promise.then(onFulfilled, onRejected);
}

/**
 * Make a generator function's results awaitable: `then` lives on the function's generator
 * prototype, so a blocking call costs one generator object and nothing more.
 */
export function blocking<A extends unknown[], T>(fn: (...args: A) => Generator<Instruction, T, any>): (...args: A) => Blocking<T> {
  (fn.prototype as { then?: unknown }).then = thenRunInMain;
  return fn as unknown as (...args: A) => Blocking<T>;
}

/** Give a hand-written iterator object the same awaitable behaviour. */
export function makeAwaitable(target: object): void {
  (target as { then?: unknown }).then = function (this: Runnable, onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) {
    return getHub().runRoot(this).then(onFulfilled, onRejected);
  };
}
