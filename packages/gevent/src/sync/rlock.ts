import type { Instruction } from '@coro/core';
import { getCurrent } from '../hub/current.js';
import { type Blocking, blocking } from '../hub/operation.js';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { type AcquireOptions, Semaphore } from './semaphore.js';

const acquireOp = /* @__PURE__ */ blocking('acquire', function* (lock: RLock, options: AcquireOptions | undefined): Generator<Instruction, boolean, unknown> {
  const me = getCurrent();
  if (lock.owner === me) {
    lock.count++;
    return true;
  }
  if (!(yield* lock.block.acquire(options))) return false;
  lock.owner = me;
  lock.count = 1;
  return true;
});

/**
 * A re-entrant mutex owned by a greenlet: its owner may acquire it again (each acquire needs a
 * release); another greenlet's `release` is an error.
 *
 * @example
 * ```ts
 * import { RLock } from '@coro/gevent';
 * const lock = new RLock();
 * function* critical() {
 *   yield* lock.acquire();
 *   try { yield* lock.acquire(); lock.release(); } finally { lock.release(); }
 * }
 * ```
 */
export class RLock {
  /** @internal */
  readonly block = new Semaphore(1);
  /** @internal the owning greenlet. */
  owner: RawGreenlet | null = null;
  /** @internal how many times the owner acquired it. */
  count = 0;

  /**
   * Acquire it (again, if this greenlet owns it): true, or false if not `blocking` or after `timeout`.
   *
   * @example
   * ```ts
   * yield* lock.acquire();
   * ```
   */
  acquire(options?: AcquireOptions): Blocking<boolean> {
    return acquireOp(this, options);
  }

  /**
   * Release one acquisition; the lock is free once every acquire is released.
   *
   * @example
   * ```ts
   * lock.release();
   * ```
   */
  release(): void {
    if (this.owner !== getCurrent()) throw new Error(`cannot release un-acquired lock. Owner: ${String(this.owner)} Current: ${String(getCurrent())}`);
    if (--this.count === 0) {
      this.owner = null;
      this.block.release();
    }
  }

  /**
   * True if the current greenlet holds it (gevent's `_is_owned()`, which `threading.Condition` uses).
   *
   * @example
   * ```ts
   * yield* lock.acquire();
   * lock.isOwned(); // true here, false in any other greenlet
   * ```
   */
  isOwned(): boolean {
    return this.owner !== null && this.owner === getCurrent();
  }

  /** True while some greenlet holds it. */
  locked(): boolean {
    return this.block.locked();
  }

  /** `<RLock owner=… count=N>`. */
  toString(): string {
    return `<RLock owner=${String(this.owner)} count=${this.count}>`;
  }
}
