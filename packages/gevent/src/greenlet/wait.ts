import type { Instruction } from '@coro/core';
import { describeValue } from '../describe-value.js';
import { asyncIterate, type BlockingIterator } from '../hub/blocking-iterator.js';
import { bridgeIterator, type PromiseSource } from '../hub/bridge.js';
import { getHub } from '../hub/current.js';
import type { LinkTarget } from './links.js';
import { type Blocking, blocking, PARK } from '../hub/operation.js';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { Timeout } from '../timeout.js';

/**
 * Anything `wait`, `iwait` and `joinAll` can watch: a {@link Greenlet}, {@link Event},
 * {@link AsyncResult}, {@link Semaphore}…
 *
 * @example
 * ```ts
 * const waitables: Waitable[] = [spawn(work), new Event()];
 * ```
 */
export interface Waitable {
  /** Notify `link` (in the hub) when ready. */
  rawlink(link: LinkTarget<any>): void;
  /** Stop notifying `link`. */
  unlink(link: LinkTarget<any>): void;
}

/**
 * Options for {@link wait}, {@link iwait} and {@link joinAll}.
 *
 * @example
 * ```ts
 * yield* wait(greenlets, { timeout: 100, count: 2 });
 * ```
 */
export interface WaitOptions {
  /** Stop after this many milliseconds (a number only; gevent rejects Timeout instances here). */
  timeout?: number;
  /** Stop once this many objects are ready. */
  count?: number;
}

/** @internal check `timeout` and `count` at the call, naming the API. */
export function checkOptions(options: WaitOptions | undefined, name: string): void {
  if (options === undefined) return;
  const { timeout, count } = options;
  if (timeout !== undefined && (typeof timeout !== 'number' || Number.isNaN(timeout))) throw new TypeError(`${name}: timeout must be a number of milliseconds, got ${describeValue(timeout)}`);
  if (timeout !== undefined && timeout < 0) throw new RangeError(`${name}: timeout must not be negative, got ${timeout}`);
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) throw new RangeError(`${name}: count must be a non-negative integer, got ${String(count)}`);
}

/**
 * @internal the objects as a list, checked at the call (not at the first step): `joinAll(5)` or
 * `joinAll([1, 2])` name the function and the bad value instead of failing inside the collector.
 */
export function waitables<T extends Waitable>(objects: Iterable<T>, name: string): T[] {
  if (objects === null || typeof objects !== 'object' || typeof (objects as Partial<Iterable<T>>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${name}: expected an iterable of greenlets or other waitables (Event, AsyncResult, Semaphore…), got ${describeValue(objects)}`);
  }
  const list = [...objects];
  list.forEach((o, i) => {
    if (o === null || typeof o !== 'object' || typeof (o as Partial<Waitable>).rawlink !== 'function' || typeof (o as Partial<Waitable>).unlink !== 'function') {
      throw new TypeError(`${name}: item ${i} is not a greenlet or other waitable (an object with rawlink/unlink), got ${describeValue(o)}`);
    }
  });
  return list;
}

/** Collects objects as their links fire, and wakes the iterating greenlet. */
class Collector<T extends Waitable> implements LinkTarget<T> {
  readonly arrived: T[] = [];
  private head = 0;
  waiting: RawGreenlet | null = null;
  private epoch = 0;
  private timer: Timeout | null = null;
  private yielded = 0;
  private finished = false;

  constructor(
    private readonly objects: readonly T[],
    private readonly timeout: number | undefined,
    private readonly count: number,
  ) {
    for (const o of objects) o.rawlink(this);
  }

  /** How many arrivals the parked greenlet waits for (1 when iterating, `count` for a bulk wait). */
  private target = 1;

  onLink(source: T): void {
    this.arrived.push(source);
    const g = this.waiting;
    if (g === null || this.arrived.length - this.head < this.target) return;
    // gevent's MultipleWaiter is switched into from the notification itself: the waiter runs
    // before callbacks queued after it. Outside the hub the wake-up is queued.
    if (g.hub.current === g.hub) {
      if (g.epoch === this.epoch) g.hub.resume(g, undefined, false);
    } else g.hub.wake(g, this.epoch, undefined);
  }

  /** Park once until `count` objects arrived (or the timeout): one wake-up however many objects. */
  *waitFor(count: number): Generator<Instruction, T[], unknown> {
    if (this.arrived.length < count && !this.finished) {
      const me = getHub().blockingCurrent();
      if (this.timeout !== undefined) this.timer = new Timeout(this.timeout).start();
      this.target = count;
      this.waiting = me;
      this.epoch = me.epoch;
      try {
        yield PARK;
      } catch (error) {
        if (error !== this.timer) throw error;
      } finally {
        this.waiting = null;
        this.finish();
      }
    }
    this.finish();
    return this.arrived.slice(0, count);
  }

  *step(): Generator<Instruction, IteratorResult<T, undefined>, unknown> {
    if (this.finished) return { done: true, value: undefined };
    if (this.yielded >= this.count) return this.finish();
    if (this.head === this.arrived.length) {
      const me = getHub().blockingCurrent();
      if (this.timeout !== undefined && this.timer === null) this.timer = new Timeout(this.timeout).start();
      this.waiting = me;
      this.epoch = me.epoch;
      try {
        yield PARK;
      } catch (error) {
        if (error === this.timer) return this.finish();
        this.finish();
        throw error;
      } finally {
        this.waiting = null;
      }
    }
    this.yielded++;
    const value = this.arrived[this.head++]!;
    return { done: false, value };
  }

  finish(): IteratorResult<T, undefined> {
    if (!this.finished) {
      this.finished = true;
      this.timer?.close();
      for (const o of this.objects) o.unlink(this);
    }
    return { done: true, value: undefined };
  }
}

const stepOp = /* @__PURE__ */ blocking('step', function* <T extends Waitable>(collector: Collector<T>): Generator<Instruction, IteratorResult<T, undefined>, unknown> {
  return yield* collector.step();
});

/**
 * Iterate over `objects` as they become ready (gevent's `iwait`). Links are removed at the end,
 * on timeout, and when the iterator is disposed (`using it = iwait(...)`).
 *
 * @typeParam T - the objects' type.
 * @example
 * ```ts
 * using it = iwait([g1, g2, g3]);
 * for (let r = yield* it.next(); !r.done; r = yield* it.next()) console.log(r.value.value);
 * ```
 */
export function iwait<T extends Waitable>(objects: Iterable<T>, options?: WaitOptions): BlockingIterator<T> {
  checkOptions(options, 'iwait');
  const list = waitables(objects, 'iwait');
  const collector = new Collector(list, options?.timeout, options?.count ?? list.length);
  const next = (): Blocking<IteratorResult<T, undefined>> => stepOp(collector);
  const dispose = (): void => void collector.finish();
  return { next, [Symbol.asyncIterator]: () => asyncIterate(next, dispose), [Symbol.dispose]: dispose };
}

/** @internal wait for already-checked objects (see {@link waitables}): joinAll's path, without a second check. */
export const waitObjectsOp = /* @__PURE__ */ blocking('waitObjects', function* <T extends Waitable>(list: T[], options: WaitOptions | undefined): Generator<Instruction, T[], unknown> {
  const count = Math.min(options?.count ?? list.length, list.length);
  return yield* new Collector(list, options?.timeout, count).waitFor(count);
});

const hubJoinOp = /* @__PURE__ */ blocking('hubJoin', function* (timeout: number | undefined): Generator<Instruction, boolean, unknown> {
  return yield* getHub().joinOperation(timeout);
});

const bridgeOp = /* @__PURE__ */ blocking('bridgeIterator', bridgeIterator);

/**
 * Wait, three ways (gevent's `gevent.wait`, plus the promise bridge):
 * - `wait()`, `wait({ timeout })` or `wait(undefined, { timeout })`: until the hub has no more work → true (false after `timeout`);
 * - `wait(objects, { timeout, count })`: until they are ready → the ready ones, in the order they became ready;
 * - `wait(promise)` or `wait(signal => promise)`: park this greenlet until it settles → its value
 *   (a rejection is raised). A kill or Timeout releases the greenlet at once, aborts the signal,
 *   and the late settlement is ignored.
 *
 * @typeParam T - the objects' or the promise's type.
 * @example
 * ```ts
 * const text = yield* wait((signal) => fetch(url, { signal }).then((r) => r.text()));
 * const done = yield* wait([g1, g2], { count: 1 });
 * ```
 */
export function wait(options?: { timeout?: number }): Blocking<boolean>;
export function wait(objects: null | undefined, options?: { timeout?: number }): Blocking<boolean>;
export function wait<T>(source: PromiseSource<T>): Blocking<T>;
export function wait<T extends Waitable>(objects: Iterable<T>, options?: WaitOptions): Blocking<T[]>;
export function wait(first?: unknown, options?: WaitOptions): Blocking<unknown> {
  if (first === undefined || first === null || (typeof first === 'object' && !(Symbol.iterator in first) && typeof (first as PromiseLike<unknown>).then !== 'function')) {
    // gevent's wait(None, timeout): the options may come second, as for a list of objects.
    const timeout = first === undefined || first === null ? options?.timeout : (first as { timeout?: number }).timeout;
    checkOptions({ ...(timeout === undefined ? {} : { timeout }) }, 'wait');
    return hubJoinOp(timeout);
  }
  if (typeof first === 'function' || typeof (first as PromiseLike<unknown>).then === 'function') return bridgeOp(first as PromiseSource<unknown>);
  if (typeof first === 'object' && first !== null && Symbol.iterator in first) {
    checkOptions(options, 'wait');
    return waitObjectsOp(waitables(first as Iterable<Waitable>, 'wait'), options);
  }
  throw new TypeError(`wait: expected nothing, a promise, a function returning a promise, or an iterable of waitables; got ${describeValue(first)}`);
}
