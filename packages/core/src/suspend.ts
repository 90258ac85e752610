import { claim, track } from './dropped-operation.js';
import { type AwaitableOperation, runWhenAwaited } from './awaitable.js';
import type { Instruction, Suspend, Teardown } from './operation.js';

/**
 * The instruction behind {@link suspend}: it never resumes, so drivers may park a task on it
 * without allocating anything (core's scheduler does).
 *
 * @internal
 */
export const forever: Suspend<never> = /* @__PURE__ */ new (class Forever implements Suspend<never> {
  enter(): Teardown | void {}
  toString(): string {
    return 'suspend()';
  }
})();

// Stateless: the task only ever leaves suspend() by being cancelled (`return()`).
const foreverIterator: Iterator<Instruction, never, unknown> = {
  next: () => ({ done: false, value: forever }),
  return: (value?: unknown) => ({ done: true, value: value as never }),
};

class Suspension implements AwaitableOperation<never> {
  trackedIn = 0;
  constructor() {
    track(this);
  }
  [Symbol.iterator](): Iterator<Instruction, never, unknown> {
    claim(this);
    return foreverIterator;
  }
  /** Await from ordinary code: runs the operation as a root task on the default scheduler. */
  then<R1 = never, R2 = never>(
    onfulfilled?: ((value: never) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return runWhenAwaited(this, onfulfilled, onrejected);
  }

  toString(): string {
    return 'suspend()';
  }
}

/**
 * Wait until cancelled. Useful for a task whose work lives in its `finally` block, or that
 * only holds a resource open for its children. A task parked here costs no allocation beyond
 * itself.
 *
 * @example
 * ```ts
 * const server = spawn(function* () {
 *   const handle = open();
 *   try { yield* suspend(); } finally { handle.close(); }
 * });
 * server.cancel(); // closes the handle
 * ```
 */
export function suspend(): AwaitableOperation<never> {
  return new Suspension();
}
