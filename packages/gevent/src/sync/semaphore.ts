import type { Instruction } from '@coro/core';
import type { Link } from '../greenlet/links.js';
import { Linkable, parkOn } from './linkable.js';
import { type Blocking, blocking } from '../hub/operation.js';
import type { Timeout } from '../timeout.js';

/**
 * Options for `acquire` on semaphores and locks.
 *
 * @example
 * ```ts
 * yield* sem.acquire({ timeout: 100 });
 * ```
 */
export interface AcquireOptions {
  /** `false`: return false at once instead of waiting. */
  blocking?: boolean;
  /** Give up after this long (ms or a Timeout) and return false. */
  timeout?: number | Timeout;
}

const acquireOp = /* @__PURE__ */ blocking('acquire', function* (sem: Semaphore, block: boolean, timeout: number | Timeout | undefined): Generator<Instruction, boolean, unknown> {
  // A free permit is taken at once, even with greenlets queued: permits are not reserved (spec §15.6).
  if (sem.counter > 0) {
    sem.counter--;
    return true;
  }
  if (!block) return false;
  // The notification pass switches into us while the counter is positive, so the permit is ours.
  if (!(yield* parkOn(sem, timeout))) return false;
  sem.counter--;
  return true;
});

const waitOp = /* @__PURE__ */ blocking('wait', function* (sem: Semaphore, timeout: number | Timeout | undefined): Generator<Instruction, number, unknown> {
  if (sem.counter <= 0) yield* parkOn(sem, timeout);
  return sem.counter;
});

const always = /* @__PURE__ */ blocking('always', function* <T>(value: T): Generator<Instruction, T, unknown> {
  return value;
});

function checkValue(value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`semaphore value must be an integer, got ${String(value)}`);
  if (value < 0) throw new RangeError('semaphore initial value must be >= 0');
  return value;
}

/**
 * A counter of permits with no owner. `acquire` takes one or waits; `release` returns one and
 * wakes the next waiter (FIFO, one per permit) without switching.
 *
 * @example
 * ```ts
 * import { Semaphore } from '@coro/gevent';
 * const sem = new Semaphore(2);
 * function* limited() {
 *   yield* sem.acquire();
 *   try { yield* work(); } finally { sem.release(); }
 * }
 * ```
 */
export class Semaphore extends Linkable {
  /** The free permits. */
  counter: number;
  protected override readonly notifyAll = false;

  /** @param value - initial permits (>= 0) */
  constructor(value = 1) {
    super();
    this.counter = checkValue(value);
  }

  /** True if `acquire` would return at once. */
  ready(): boolean {
    return this.counter > 0;
  }

  /** True if `acquire` would wait. */
  locked(): boolean {
    return this.counter <= 0;
  }

  /**
   * Take a permit, waiting for one: true, or false if not `blocking` or after `timeout`.
   *
   * @example
   * ```ts
   * if (yield* sem.acquire({ timeout: 100 })) sem.release();
   * ```
   */
  acquire(options?: AcquireOptions): Blocking<boolean> {
    return acquireOp(this, options?.blocking ?? true, options?.timeout);
  }

  /**
   * Return a permit; returns the counter.
   *
   * @example
   * ```ts
   * sem.release();
   * ```
   */
  release(): number {
    this.counter++;
    this.checkAndNotify();
    return this.counter;
  }

  /**
   * Wait until a permit is free without taking it; returns the counter (0 after `timeout`).
   *
   * @example
   * ```ts
   * const free = yield* sem.wait(100);
   * ```
   */
  wait(timeout?: number | Timeout): Blocking<number> {
    return waitOp(this, timeout);
  }

  override toString(): string {
    return `<${this.constructor.name} counter=${this.counter} waiters=${this.links.length}>`;
  }
}

/**
 * A {@link Semaphore} that cannot be released above its initial value.
 *
 * @example
 * ```ts
 * const sem = new BoundedSemaphore(1);
 * sem.release(); // RangeError: Semaphore released too many times
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  private readonly initial: number;

  /** @param value - initial (and maximum) permits */
  constructor(value = 1) {
    super(value);
    this.initial = value;
  }

  override release(): number {
    if (this.counter >= this.initial) throw new RangeError('Semaphore released too many times');
    return super.release();
  }
}

/**
 * A semaphore that never blocks (what an unbounded `Pool` uses).
 *
 * @example
 * ```ts
 * const sem = new DummySemaphore();
 * console.log(await sem.acquire()); // true
 * ```
 */
export class DummySemaphore extends Semaphore {
  /** @param _value - ignored, as in gevent (`DummySemaphore(value=None)`) */
  constructor(_value?: number | null) {
    super(1);
  }
  /** Does nothing, as in gevent: `wait([dummy])` never sees it ready. */
  override rawlink(_callback: Link<this>): void {}
  /** Does nothing. */
  override unlink(_callback: Link<this> | null | undefined): void {}
  override ready(): boolean {
    return true;
  }
  override locked(): boolean {
    return false;
  }
  override acquire(): Blocking<boolean> {
    return always(true);
  }
  override release(): number {
    return 1;
  }
  override wait(): Blocking<number> {
    return always(1);
  }
}
