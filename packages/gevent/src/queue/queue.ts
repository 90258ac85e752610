import type { Instruction } from '@coro/core';
import { Event } from '../sync/event.js';
import { type Blocking, blocking } from '../hub/operation.js';
import type { StopIteration } from './queue-errors.js';
import { SimpleQueue } from './simple-queue.js';
import type { Timeout } from '../timeout.js';

const joinOp = blocking(function* join(done: Event, timeout: number | Timeout | undefined): Generator<Instruction, boolean, unknown> {
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
   */
  constructor(maxsize?: number, items: Iterable<T> = []) {
    super(maxsize);
    this.allDone.set();
    for (const item of items) this.putItem(item);
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
 * A {@link Queue} that returns the smallest item first (a binary heap; ties in any order).
 * Items compare like Python's: numbers, strings, and arrays as tuples — or pass `compare`.
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
  private readonly compare: (a: T, b: T) => number;

  /**
   * @param maxsize - capacity; `undefined` or `<= 0` means unbounded
   * @param items - initial items
   * @param compare - ordering (negative: `a` first)
   */
  constructor(maxsize?: number, items: Iterable<T> = [], compare: (a: T, b: T) => number = pythonCompare) {
    super(maxsize);
    this.compare = compare;
    for (const item of items) this.putItem(item);
  }

  /** @internal */
  override putItem(item: T | typeof StopIteration): void {
    super.putItem(item);
    const heap = this.items as T[];
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.compare(heap[i]!, heap[p]!) >= 0) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  }

  override getItem(): T | typeof StopIteration {
    const heap = this.items as T[];
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= heap.length) break;
        if (c + 1 < heap.length && this.compare(heap[c + 1]!, heap[c]!) < 0) c++;
        if (this.compare(heap[c]!, heap[i]!) >= 0) break;
        [heap[i], heap[c]] = [heap[c]!, heap[i]!];
        i = c;
      }
    }
    return top;
  }
}
