import type { Operation, Resume, Teardown } from './operation.js';
import { SuspendOperation } from './suspend-operation.js';

/**
 * Wait until cancelled. Useful for a task whose work lives in its `finally` block, or that
 * only holds a resource open for its children.
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
export function suspend(): Operation<never> {
  return new Forever();
}

class Forever extends SuspendOperation<never> {
  enter(_resume: Resume<never>): Teardown | void {}

  override toString(): string {
    return 'suspend()';
  }
}
