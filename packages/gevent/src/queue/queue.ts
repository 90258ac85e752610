import type { Instruction } from '@coro/core';
import { Event } from '../sync/event.js';
import { type Blocking, blocking } from '../hub/operation.js';
import type { StopIteration } from './queue-errors.js';
import { SimpleQueue } from './simple-queue.js';
import type { Timeout } from '../timeout.js';

const joinOp = /* @__PURE__ */ blocking('join', function* (done: Event, timeout: number | Timeout | undefined): Generator<Instruction, boolean, unknown> {
  return yield* done.wait(timeout);
});

/**
 * A FIFO queue that also counts unfinished tasks (gevent's `Queue`, alias `JoinableQueue`):
 * every `put` adds one, `taskDone()` removes one, `join()` waits until none are left.
 *
 * @typeParam T - the items.
 * @example
 * ```ts
 * import { Queue, spawn } from '@coro/gevent';
 * const q = new Queue<number>();
 * spawn(function* () { for (;;) { const n = yield* q.get(); console.log(n); q.taskDone(); } });
 * q.putNowait(1);
 * await q.join();
 * ```
 */
export class Queue<T> extends SimpleQueue<T> {
  private unfinished = 0;
  private readonly allDone = new Event();

  /**
   * @param maxsize - capacity; `undefined` or `<= 0` means unbounded
   * @param items - initial items (each counts as an unfinished task)
   * @param unfinishedTasks - start with this count instead (gevent's `unfinished_tasks`; `0` or
   *   `undefined`: one per item)
   */
  constructor(maxsize?: number, items: Iterable<T> = [], unfinishedTasks?: number) {
    super(maxsize);
    this.allDone.set();
    for (const item of items) this.putItem(item);
    if (unfinishedTasks !== undefined && unfinishedTasks !== 0) {
      if (typeof unfinishedTasks !== 'number' || !Number.isInteger(unfinishedTasks)) throw new TypeError(`Queue: unfinishedTasks must be an integer, got ${String(unfinishedTasks)}`);
      this.unfinished = unfinishedTasks;
      if (unfinishedTasks > 0) this.allDone.clear();
    }
  }

  /** Items put and not yet marked done. */
  get unfinishedTasks(): number {
    return this.unfinished;
  }

  override putItem(item: T | typeof StopIteration): void {
    super.putItem(item);
    this.unfinished++;
    this.allDone.clear();
  }

  /**
   * Mark one item as processed.
   *
   * @example
   * ```ts
   * q.taskDone();
   * ```
   */
  taskDone(): void {
    if (this.unfinished <= 0) throw new RangeError('taskDone() called too many times');
    this.unfinished--;
    if (this.unfinished === 0) this.allDone.set();
  }

  /**
   * Wait until every item has been marked done: true, or false after `timeout`.
   *
   * @example
   * ```ts
   * yield* q.join();
   * ```
   */
  join(timeout?: number | Timeout): Blocking<boolean> {
    return joinOp(this.allDone, timeout);
  }

  /**
   * Shut down: later puts raise `ShutDown`, gets raise it once the queue is empty, and every
   * waiting getter and putter gets it now. `immediate` also drops the items (marking them done).
   *
   * @example
   * ```ts
   * q.shutdown();
   * ```
   */
  shutdown(immediate = false): void {
    this.isShutdown = true;
    if (immediate) {
      while (this.qsize() > 0) {
        this.getItem();
        if (this.unfinished > 0) this.unfinished--;
      }
      this.unfinished = 0;
      this.allDone.set();
    }
    this.releaseWaiters();
  }
}

/**
 * A last-in, first-out {@link Queue}.
 *
 * @typeParam T - the items.
 * @example
 * ```ts
 * const stack = new LifoQueue<number>(undefined, [1, 2, 3]);
 * console.log(stack.getNowait()); // 3
 * ```
 */
export class LifoQueue<T> extends Queue<T> {
  override getItem(): T | typeof StopIteration {
    return this.items.pop()!;
  }

  override peekItem(): T | typeof StopIteration {
    return this.items[this.items.length - 1]!;
  }
}

/** Python's ordering for the items people put in priority queues: numbers, strings, and tuples (arrays) of them. */
export function pythonCompare(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pythonCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/**
 * A {@link Queue} that returns the smallest item first: Python's `heapq` (the initial items are
 * heapified, then `heappush`/`heappop`), so items that compare equal come out in the same order
 * as in gevent. Items compare like Python's: numbers, strings, and arrays as tuples — or pass `compare`.
 *
 * @typeParam T - the items.
 * @example
 * ```ts
 * const q = new PriorityQueue<[number, string]>();
 * q.putNowait([2, 'later']);
 * q.putNowait([1, 'first']);
 * console.log(q.getNowait()); // [1, 'first']
 * ```
 */
export class PriorityQueue<T> extends Queue<T> {
  // Unset while the base constructor stores the initial items (they are heapified afterwards).
  private readonly compare: ((a: T, b: T) => number) | undefined;

  /**
   * @param maxsize - capacity; `undefined` or `<= 0` means unbounded
   * @param items - initial items
   * @param compare - ordering (negative: `a` first)
   */
  constructor(maxsize?: number, items: Iterable<T> = [], compare: (a: T, b: T) => number = pythonCompare) {
    super(maxsize, items);
    this.compare = compare;
    const heap = this.items as T[];
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) this.siftUp(i);
  }

  /** @internal heappush. */
  override putItem(item: T | typeof StopIteration): void {
    super.putItem(item);
    if (this.compare !== undefined) this.siftDown(0, this.items.length - 1);
  }

  /** @internal heappop. */
  override getItem(): T | typeof StopIteration {
    const heap = this.items as T[];
    const last = heap.pop()!;
    if (heap.length === 0) return last;
    const top = heap[0]!;
    heap[0] = last;
    this.siftUp(0);
    return top;
  }

  /** heapq._siftdown: move the item at `pos` up towards `start` while it is smaller than its parent. */
  private siftDown(start: number, pos: number): void {
    const heap = this.items as T[];
    const compare = this.compare!;
    const item = heap[pos]!;
    while (pos > start) {
      const parent = (pos - 1) >> 1;
      if (compare(item, heap[parent]!) >= 0) break;
      heap[pos] = heap[parent]!;
      pos = parent;
    }
    heap[pos] = item;
  }

  /** heapq._siftup: move the smaller child up until a leaf, put the item there, then sift it down. */
  private siftUp(pos: number): void {
    const heap = this.items as T[];
    const compare = this.compare!;
    const end = heap.length;
    const start = pos;
    const item = heap[pos]!;
    let child = 2 * pos + 1;
    while (child < end) {
      const right = child + 1;
      if (right < end && !(compare(heap[child]!, heap[right]!) < 0)) child = right;
      heap[pos] = heap[child]!;
      pos = child;
      child = 2 * pos + 1;
    }
    heap[pos] = item;
    this.siftDown(start, pos);
  }
}
