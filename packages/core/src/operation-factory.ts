import { claim, track } from './dropped-operation.js';
import type { Instruction, Operation } from './operation.js';

/**
 * Make an Operation from a generator function, registered with the dropped-operation check
 * (so `all([...]);` without `yield*` is reported like `sleep(1);`). The body runs afresh each
 * time the operation is delegated to. Other packages build their composite operations with it.
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
export function operation<T>(body: () => Iterator<Instruction, T, any>, label = 'operation()'): Operation<T> {
  if (typeof body !== 'function') throw new TypeError(`operation: body must be a generator function, got ${typeof body}`);
  return new Deferred(body, label);
}

class Deferred<T> implements Operation<T> {
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

  toString(): string {
    return this.label;
  }
}
