// SimpleQueue: the FIFO queue the other queues build on, its blocking put/get/peek and the
// unlock pass. Over 300 lines because every public member carries its TSDoc example.
import type { Instruction } from '@coro/core';
import { type BlockingIterator, itemsUntil } from '../hub/blocking-iterator.js';
import { getHub } from '../hub/current.js';
import type { Firable } from '../hub/firable.js';
import { type Blocking, blocking } from '../hub/operation.js';
import { Empty, Full, ShutDown, StopIteration } from './queue-errors.js';
import type { Timeout } from '../timeout.js';
import { ParkedWaiter } from '../hub/waiter.js';
import { park } from './park.js';

/**
 * Options for a queue's `put`, `get` and `peek`.
 *
 * @example
 * ```ts
 * yield* q.get({ timeout: 100 });
 * ```
 */
export interface QueueOptions {
  /** `false`: raise `Full`/`Empty` at once instead of waiting (the timeout is ignored). */
  block?: boolean;
  /** Wait at most this long (ms), then raise `Full`/`Empty`; a Timeout instance is raised itself. */
  timeout?: number | Timeout;
}

function checkMaxsize(maxsize: number | undefined): number {
  if (maxsize === undefined || maxsize <= 0) return Infinity;
  if (typeof maxsize !== 'number' || Number.isNaN(maxsize)) throw new TypeError(`maxsize must be a number, got ${typeof maxsize}`);
  return maxsize;
}

/** The wait a timeout message names (only a number of ms reaches it: a Timeout instance is raised itself). */
function waitedFor(timeout: number | Timeout | undefined): string {
  return typeof timeout === 'number' ? `${timeout} ms` : 'its timeout';
}

const putOp = /* @__PURE__ */ blocking('put', function* <T>(q: SimpleQueue<T>, item: T | typeof StopIteration, block: boolean, timeout: number | Timeout | undefined): Generator<Instruction, void, unknown> {
  if (q.tryPut(item)) return;
  if (!block) throw new Full(`put: the ${q.constructor.name} is full (block: false)`);
  const waiter = new ParkedWaiter(getHub().blockingCurrent(), item);
  yield* park(q.putters, waiter, timeout, () => new Full(`put: the ${q.constructor.name} stayed full for ${waitedFor(timeout)}`), () => q.kickIf(q.getters.length > 0));
});

const getOp = /* @__PURE__ */ blocking('get', function* <T>(q: SimpleQueue<T>, peek: boolean, block: boolean, timeout: number | Timeout | undefined): Generator<Instruction, T, unknown> {
  const now = q.tryGet(peek);
  if (now !== NOTHING) return now as T;
  const api = peek ? 'peek' : 'get';
  if (!block) throw new Empty(`${api}: the ${q.constructor.name} is empty (block: false)`);
  const waiter = new ParkedWaiter<undefined>(getHub().blockingCurrent(), undefined);
  yield* park(q.getters, waiter, timeout, () => new Empty(`${api}: the ${q.constructor.name} stayed empty for ${waitedFor(timeout)}`), () => q.kickIf(q.putters.length > 0));
  // The unlock pass resumed us only because an item is there, and nothing ran in between.
  return (peek ? q.peekItem() : q.getItem()) as T;
});

/** @internal */
export const NOTHING: unique symbol = Symbol('nothing');

/**
 * A FIFO queue greenlets can wait on (gevent's `SimpleQueue`): bounded by `maxsize` or
 * unbounded; getters and putters are served in the order they blocked; `put` with room and
 * `get` with an item never switch.
 *
 * @typeParam T - the items.
 * @example
 * ```ts
 * import { SimpleQueue, spawn } from '@coro/gevent';
 * const q = new SimpleQueue<string>();
 * spawn(function* () { console.log(yield* q.get()); });
 * q.putNowait('hello');
 * ```
 */
export class SimpleQueue<T> implements Firable, AsyncIterable<T> {
  /** @internal greenlets waiting to get, FIFO. */
  readonly getters: ParkedWaiter[] = [];
  /** @internal greenlets waiting to put, FIFO, each with its item. */
  readonly putters: ParkedWaiter<T | typeof StopIteration>[] = [];
  /** The items, in the order `getItem` takes them (subclasses decide). */
  protected items: (T | typeof StopIteration)[] = [];
  private limit: number;
  private unlockQueued = false;
  /** @internal set by `shutdown()` (on {@link Queue}). */
  protected isShutdown = false;

  /**
   * @param maxsize - capacity; `undefined` or `<= 0` means unbounded
   * @param items - initial items
   */
  constructor(maxsize?: number, items: Iterable<T> = []) {
    this.limit = checkMaxsize(maxsize);
    for (const item of items) this.putItem(item);
  }

  /** The capacity (`Infinity` when unbounded); settable. */
  get maxsize(): number {
    return this.limit;
  }

  /**
   * Change the capacity (`<= 0` or `undefined`: unbounded). As in gevent, putters already waiting
   * are not woken by a raise: they are served at the next `get` (or `put` to a waiting getter).
   */
  set maxsize(value: number) {
    this.limit = checkMaxsize(value);
  }

  /** Number of items. */
  qsize(): number {
    return this.items.length;
  }

  /** True if there are no items. */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /** True if a `put` would block. Never true when unbounded. */
  full(): boolean {
    return this.qsize() >= this.limit;
  }

  /** @internal store an item (LIFO and priority queues override). */
  putItem(item: T | typeof StopIteration): void {
    this.items.push(item);
  }

  /** @internal take the next item. */
  getItem(): T | typeof StopIteration {
    return this.items.shift()!;
  }

  /** @internal the next item, left in place. */
  peekItem(): T | typeof StopIteration {
    return this.items[0]!;
  }

  /** @internal the non-blocking part of put: true if done. */
  tryPut(item: T | typeof StopIteration): boolean {
    if (this.isShutdown) throw new ShutDown('put() on a queue that was shut down');
    if (this.qsize() < this.limit) {
      this.putItem(item);
      this.kickIf(this.getters.length > 0);
      return true;
    }
    const hub = getHub();
    if (hub.current === hub) {
      // In a hub callback we cannot wait; hand items to waiting getters to make room.
      while (this.getters.length > 0 && this.qsize() > 0 && this.qsize() >= this.limit) this.getters.shift()!.switchNow(undefined);
      if (this.qsize() < this.limit) {
        this.putItem(item);
        return true;
      }
      throw new Full(`putNowait: the ${this.constructor.name} is full`);
    }
    return false;
  }

  /** @internal the non-blocking part of get/peek: an item, or NOTHING. */
  tryGet(peek: boolean): T | typeof StopIteration | typeof NOTHING {
    if (this.qsize() > 0) {
      if (peek) return this.peekItem(); // makes no room: no unlock pass (as in gevent)
      this.kickIf(this.putters.length > 0);
      return this.getItem();
    }
    if (this.isShutdown) throw new ShutDown('get() on a queue that was shut down and is empty');
    const hub = getHub();
    if (hub.current === hub) {
      // In a hub callback: let a waiting putter store its item, then take it.
      while (this.putters.length > 0) {
        const putter = this.putters.shift()!;
        if (!putter.live) continue;
        this.putItem(putter.item);
        putter.switchNow(undefined);
        if (this.qsize() > 0) return peek ? this.peekItem() : this.getItem();
      }
      throw new Empty(`${peek ? 'peekNowait' : 'getNowait'}: the ${this.constructor.name} is empty`);
    }
    return NOTHING;
  }

  /**
   * Add an item, waiting while the queue is full (FIFO among putters).
   *
   * @example
   * ```ts
   * yield* q.put('job', { timeout: 100 });
   * ```
   */
  put(item: T | typeof StopIteration, options?: QueueOptions): Blocking<void> {
    return putOp(this, item, options?.block ?? true, options?.timeout);
  }

  /**
   * Add an item now, or raise `Full`.
   *
   * @example
   * ```ts
   * q.putNowait('job');
   * ```
   */
  putNowait(item: T | typeof StopIteration): void {
    if (!this.tryPut(item)) throw new Full(`putNowait: the ${this.constructor.name} is full`);
  }

  /**
   * Remove and return the next item, waiting while empty (FIFO among getters).
   *
   * @example
   * ```ts
   * const job = yield* q.get();
   * ```
   */
  get(options?: QueueOptions): Blocking<T> {
    return getOp(this, false, options?.block ?? true, options?.timeout);
  }

  /**
   * Remove and return the next item now, or raise `Empty`.
   *
   * @example
   * ```ts
   * const job = q.getNowait();
   * ```
   */
  getNowait(): T {
    const item = this.tryGet(false);
    if (item === NOTHING) throw new Empty(`getNowait: the ${this.constructor.name} is empty`);
    return item as T;
  }

  /**
   * Return the next item without removing it, waiting while empty.
   *
   * @example
   * ```ts
   * const next = yield* q.peek();
   * ```
   */
  peek(options?: QueueOptions): Blocking<T> {
    return getOp(this, true, options?.block ?? true, options?.timeout);
  }

  /**
   * The next item without removing it, now, or raise `Empty`.
   *
   * @example
   * ```ts
   * const next = q.peekNowait();
   * ```
   */
  peekNowait(): T {
    const item = this.tryGet(true);
    if (item === NOTHING) throw new Empty(`peekNowait: the ${this.constructor.name} is empty`);
    return item as T;
  }

  /**
   * Iterate, calling `get()` for each item, until the item is {@link StopIteration}.
   *
   * @example
   * ```ts
   * const it = q.iterate();
   * for (let r = yield* it.next(); !r.done; r = yield* it.next()) console.log(r.value);
   * ```
   */
  iterate(): BlockingIterator<T> {
    return itemsUntil<T>(() => this.get(), StopIteration);
  }

  /** `for await (const item of q)` from ordinary code. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.iterate()[Symbol.asyncIterator]();
  }

  /** @internal queue the unlock pass if `condition`. */
  kickIf(condition: boolean): void {
    if (!condition || this.unlockQueued) return;
    this.unlockQueued = true;
    getHub().schedule(this, 0);
  }

  /** @internal the unlock pass: hand items to getters and room to putters, resuming each at once. */
  fire(): void {
    // Still "queued" while it runs, as gevent's callback stays truthy until it returns: a put or
    // get made by a greenlet resumed here queues no second pass (this loop serves it).
    try {
      this.unlock();
    } finally {
      this.unlockQueued = false;
    }
  }

  private unlock(): void {
    for (;;) {
      let repeat = false;
      if (this.putters.length > 0 && this.qsize() < this.limit) {
        repeat = true;
        const putter = this.putters.shift()!;
        if (putter.live) {
          this.putItem(putter.item);
          putter.switchNow(undefined);
        }
      }
      if (this.getters.length > 0 && this.qsize() > 0) {
        repeat = true;
        this.getters.shift()!.switchNow(undefined);
      }
      if (!repeat) return;
    }
  }

  /** @internal raise ShutDown in every waiting getter and putter. */
  protected releaseWaiters(): void {
    const hub = getHub();
    for (const w of [...this.getters, ...this.putters]) hub.wakeThrow(w.g, w.epoch, new ShutDown('the queue was shut down'));
  }

  toString(): string {
    return `<${this.constructor.name} qsize=${this.qsize()} maxsize=${this.limit} getters=${this.getters.length} putters=${this.putters.length}>`;
  }
}
