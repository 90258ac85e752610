import type { Instruction } from '@coro/core';
import { type BlockingIterator, itemsUntil } from '../hub/blocking-iterator.js';
import { getHub } from '../hub/current.js';
import type { Firable } from '../hub/firable.js';
import { type Blocking, blocking } from '../hub/operation.js';
import { Empty, Full, StopIteration } from './queue-errors.js';
import type { QueueOptions } from './simple-queue.js';
import type { Timeout } from '../timeout.js';
import { ParkedWaiter } from '../hub/waiter.js';
import { park } from './park.js';

/** `block: false` means "a 0 ms timeout": it succeeds if a partner arrives within this loop iteration. */
function effectiveTimeout(options: QueueOptions | undefined): number | Timeout | undefined {
  return options?.block === false ? 0 : options?.timeout;
}

const putOp = /* @__PURE__ */ blocking('put', function* <T>(ch: Channel<T>, item: T | typeof StopIteration, timeout: number | Timeout | undefined): Generator<Instruction, void, unknown> {
  const hub = getHub();
  if (hub.current === hub) return ch.putNowait(item); // a hub callback cannot wait (gevent does the same)
  const waiter = new ParkedWaiter(hub.blockingCurrent(), item);
  yield* park(ch.putters, waiter, timeout, () => new Full(), () => ch.kickIf(ch.getters.length > 0));
});

const getOp = /* @__PURE__ */ blocking('get', function* <T>(ch: Channel<T>, timeout: number | Timeout | undefined): Generator<Instruction, T | typeof StopIteration, unknown> {
  const hub = getHub();
  if (hub.current === hub) return ch.getNowait();
  const waiter = new ParkedWaiter<undefined>(hub.blockingCurrent(), undefined);
  return (yield* park(ch.getters, waiter, timeout, () => new Empty(), () => ch.kickIf(ch.putters.length > 0))) as T;
});

/**
 * A rendezvous: `put` waits until a getter takes the item (gevent's `Channel`, maxsize 1).
 * It never holds items: `qsize()` is 0 and `empty()` and `full()` are always true.
 *
 * @typeParam T - the items.
 * @example
 * ```ts
 * import { Channel, spawn } from '@coro/gevent';
 * const ch = new Channel<string>();
 * spawn(function* () { console.log(yield* ch.get()); });
 * await ch.put('hello'); // returns once the greenlet took it
 * ```
 */
export class Channel<T> implements Firable, AsyncIterable<T> {
  /** @internal */
  readonly getters: ParkedWaiter[] = [];
  /** @internal */
  readonly putters: ParkedWaiter<T | typeof StopIteration>[] = [];
  private unlockQueued = false;

  /** @param maxsize - must be 1 (the only size gevent supports) */
  constructor(maxsize = 1) {
    if (maxsize !== 1) throw new RangeError(`Channel: maxsize must be 1, got ${String(maxsize)}`);
  }

  /** Always 1. */
  get maxsize(): number {
    return 1;
  }

  /** Waiting putters minus waiting getters. */
  get balance(): number {
    return this.putters.length - this.getters.length;
  }

  /** Always 0. */
  qsize(): number {
    return 0;
  }

  /** Always true. */
  empty(): boolean {
    return true;
  }

  /** Always true. */
  full(): boolean {
    return true;
  }

  /**
   * Hand `item` to a getter, waiting for one.
   *
   * @example
   * ```ts
   * yield* ch.put('job');
   * ```
   */
  put(item: T | typeof StopIteration, options?: QueueOptions): Blocking<void> {
    return putOp(this, item, effectiveTimeout(options));
  }

  /**
   * Hand `item` to a getter that is waiting right now, or raise {@link Full}: a plain call, from a
   * greenlet, a hub callback or ordinary code. (`put(item, { block: false })` is gevent's
   * blocking form: it also waits for a getter arriving within this loop iteration.)
   *
   * @example
   * ```ts
   * ch.putNowait('job'); // Full unless a getter is waiting
   * ```
   */
  putNowait(item: T | typeof StopIteration): void {
    const hub = getHub();
    for (let getter = this.getters.shift(); getter !== undefined; getter = this.getters.shift()) {
      if (!getter.live) continue;
      if (hub.current === hub) getter.switchNow(item);
      else hub.wake(getter.g, getter.epoch, item);
      return;
    }
    throw new Full();
  }

  /**
   * Take an item from a putter, waiting for one.
   *
   * @example
   * ```ts
   * const job = yield* ch.get();
   * ```
   */
  get(options?: QueueOptions): Blocking<T> {
    return getOp(this, effectiveTimeout(options)) as Blocking<T>;
  }

  /**
   * Take the item of a putter that is waiting right now, or raise {@link Empty}: a plain call.
   * The putter resumes on the next callback round.
   *
   * @example
   * ```ts
   * const job = ch.getNowait(); // Empty unless a putter is waiting
   * ```
   */
  getNowait(): T {
    const hub = getHub();
    for (let putter = this.putters.shift(); putter !== undefined; putter = this.putters.shift()) {
      if (!putter.live) continue;
      hub.wake(putter.g, putter.epoch, undefined);
      return putter.item as T;
    }
    throw new Empty();
  }

  /**
   * Iterate until the item is {@link StopIteration}.
   *
   * @example
   * ```ts
   * for await (const item of ch) console.log(item);
   * ```
   */
  iterate(): BlockingIterator<T> {
    return itemsUntil<T>(() => getOp(this, undefined), StopIteration);
  }

  /** `for await (const item of ch)`. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.iterate()[Symbol.asyncIterator]();
  }

  /** @internal */
  kickIf(condition: boolean): void {
    if (!condition || this.unlockQueued) return;
    this.unlockQueued = true;
    getHub().schedule(this, 0);
  }

  /** @internal pair getters with putters: the getter runs first with the item, then the putter. */
  fire(): void {
    // Still "queued" while it runs, as gevent's callback stays truthy until it returns: a get or
    // put made by a greenlet resumed here queues no second pass (this loop serves it).
    try {
      this.handOff();
    } finally {
      this.unlockQueued = false;
    }
  }

  private handOff(): void {
    while (this.putters.length > 0 && this.getters.length > 0) {
      const getter = this.getters.shift()!;
      const putter = this.putters.shift()!;
      if (!getter.live) {
        this.putters.unshift(putter);
        continue;
      }
      if (!putter.live) {
        this.getters.unshift(getter);
        continue;
      }
      getter.switchNow(putter.item);
      putter.switchNow(undefined);
    }
  }

  toString(): string {
    return `<Channel getters=${this.getters.length} putters=${this.putters.length}>`;
  }
}
