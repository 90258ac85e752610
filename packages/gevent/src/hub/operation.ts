import { claim, type Instruction, type Operation, track, type Trackable } from '@coro/core';
import { getHub } from './current.js';

export { PARK } from './park.js';

/**
 * A blocking call of the gevent API. Inside a greenlet, `yield*` it; from ordinary (async) code,
 * `await` it: awaiting runs it as a blocking call of the main greenlet, driving the hub until it
 * completes. Because it is an Operation, `coro/no-dropped-operation` reports it when dropped
 * inside a generator (and the hub reports it at run time).
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
export type Blocking<T> = Operation<T> & PromiseLike<T>;

interface Runnable {
  [Symbol.iterator](): Iterator<Instruction, unknown, unknown>;
  __promise?: Promise<unknown>;
}

/** `then` of every blocking call: run it as a blocking call of the main greenlet (once, however often awaited). */
export function thenRunInMain(this: Runnable, onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown): Promise<unknown> {
  // Cached: a blocking call runs once however many times its result is awaited.
  this.__promise ??= getHub().runRoot(this);
  return this.__promise.then(onFulfilled, onRejected);
}

function claimed<T extends object>(this: T): T {
  claim(this);
  return this;
}

/**
 * Make a generator function's results blocking calls named `name`: awaitable (`then` lives on the
 * function's generator prototype, so a call costs one generator object), and tracked by core's
 * dropped-operation check, so one created inside a greenlet step and never delegated to is
 * reported in that greenlet as `name(…)`. The name is a string, not the function's own: a bundler
 * renames functions whose names collide (gevent has several `get`, `wait` and `join` operations,
 * and `sleep`/`idle`/`joinAll` share the names of the functions that call them), and a minifier
 * renames them all. It also becomes `fn.name`, for stack traces. Call it as
 * `/* @__PURE__ *\/ blocking(…)` at module level, so that a bundle that never uses the operation
 * drops it.
 */
export function blocking<A extends unknown[], T>(name: string, fn: (...args: A) => Generator<Instruction, T, any>): (...args: A) => Blocking<T> {
  Object.defineProperty(fn, 'name', { value: name });
  const proto = fn.prototype as Record<PropertyKey, unknown>;
  proto.then = thenRunInMain;
  proto[Symbol.iterator] = claimed;
  const label = `${name}(…)`;
  proto.toString = () => label;
  return (...args: A) => track(fn(...args) as Trackable) as unknown as Blocking<T>;
}

/** Give a hand-written iterator object the same awaitable behaviour; returns it. */
export function makeAwaitable<T extends object>(target: T): T {
  (target as { then?: unknown }).then = function (this: Runnable, onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) {
    return getHub().runRoot(this).then(onFulfilled, onRejected);
  };
  return target;
}
