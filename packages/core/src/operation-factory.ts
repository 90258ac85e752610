import { claim, track } from './dropped-operation.js';
import { type AwaitableOperation, runWhenAwaited } from './awaitable.js';
import type { Instruction } from './operation.js';

/**
 * Make an Operation from a generator function, registered with the dropped-operation check
 * (so `all([...]);` without `yield*` is reported like `sleep(1);`). The body runs afresh each
 * time the operation is delegated to. Other packages build their composite operations with it.
 * From ordinary code the result can be awaited (it runs as a root task on the default scheduler).
 *
 * @example
 * ```ts
 * const twice = (ms: number) => operation(function* () {
 *   yield* sleep(ms);
 *   yield* sleep(ms);
 * }, `twice(${ms})`);
 * yield* twice(10);
 * ```
 *
 * @typeParam T - what `yield*` evaluates to.
 */
export function operation<T>(body: () => Iterator<Instruction, T, any>, label = 'operation()'): AwaitableOperation<T> {
  if (typeof body !== 'function') throw new TypeError(`operation: body must be a generator function, got ${typeof body}`);
  return new Deferred(body, label);
}

class Deferred<T> implements AwaitableOperation<T> {
  trackedIn = 0;
  constructor(
    private readonly body: () => Iterator<Instruction, T, any>,
    private readonly label: string,
  ) {
    track(this);
  }

  [Symbol.iterator](): Iterator<Instruction, T, any> {
    claim(this);
    return this.body();
  }

  /** Await from ordinary code: runs the operation as a root task on the default scheduler. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return runWhenAwaited(this, onfulfilled, onrejected);
  }

  toString(): string {
    return this.label;
  }
}
