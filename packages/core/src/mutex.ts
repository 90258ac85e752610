import type { AwaitableOperation } from './awaitable.js';
import type { Instruction, Operation } from './operation.js';
import { operation } from './operation-factory.js';
import { Semaphore } from './semaphore.js';

/**
 * Mutual exclusion between coroutines, granted first-in, first-out. Prefer `withLock`, which
 * unlocks in a `finally` even when the body fails or the task is cancelled.
 *
 * @example
 * ```ts
 * const mutex = new Mutex();
 * yield* mutex.withLock(function* () {
 *   const n = yield* wait(load());
 *   yield* wait(save(n + 1));
 * });
 * ```
 */
export class Mutex {
  private readonly semaphore = new Semaphore(1);

  /** Whether someone holds the lock. */
  get locked(): boolean {
    return this.semaphore.available === 0;
  }

  /** Take the lock, waiting (FIFO) while it is held. */
  lock(): AwaitableOperation<void> {
    return this.semaphore.acquire();
  }

  /** Release the lock; throws if it is not held. */
  unlock(): void {
    if (!this.locked) throw new Error('Mutex.unlock: the mutex is not locked');
    this.semaphore.release();
  }

  /**
   * Run `body` holding the lock.
   *
   * @typeParam T - `body`'s result.
   */
  withLock<T>(body: () => Operation<T>): AwaitableOperation<T> {
    if (typeof body !== 'function') throw new TypeError(`Mutex.withLock: body must be a generator function, got ${typeof body}`);
    return operation(() => this.guarded(body), 'mutex.withLock(…)');
  }

  private *guarded<T>(body: () => Operation<T>): Generator<Instruction, T, any> {
    yield* this.lock();
    try {
      return yield* body();
    } finally {
      this.unlock();
    }
  }
}
