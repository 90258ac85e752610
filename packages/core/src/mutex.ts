import type { AwaitableOperation } from './awaitable.js';
import type { Instruction, Operation } from './operation.js';
import { operation } from './operation-factory.js';
import { Semaphore } from './semaphore.js';
import { describeValue } from './describe.js';

const AsyncFunction: unknown = /* @__PURE__ */ Object.getPrototypeOf(async function () {});

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
    if (typeof body !== 'function') throw new TypeError(`Mutex.withLock: body must be a generator function (function*), got ${describeValue(body)}`);
    if (Object.getPrototypeOf(body) === AsyncFunction) {
      throw new TypeError('Mutex.withLock: body must be a generator function (function*), got an async function; inside a coroutine wait for a promise with `yield* wait(promise)`');
    }
    return operation(() => this.guarded(body), 'mutex.withLock(…)');
  }

  private *guarded<T>(body: () => Operation<T>): Generator<Instruction, T, any> {
    yield* this.lock();
    try {
      const op = body();
      if (op === null || typeof op !== 'object' || typeof (op as Partial<Operation<T>>)[Symbol.iterator] !== 'function') {
        throw new TypeError(`Mutex.withLock: body must be a generator function (function*) returning an Operation, but it returned ${describeValue(op)}`);
      }
      return yield* op;
    } finally {
      this.unlock();
    }
  }
}
