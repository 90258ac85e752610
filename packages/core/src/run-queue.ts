/**
 * A first-in, first-out queue on a growable ring buffer: `push` and `shift` are O(1) and allocate
 * nothing until the buffer has to double. The scheduler's run queue and every waiter list in core
 * use it; the gevent hub reuses it for its callbacks.
 *
 * @example
 * ```ts
 * const queue = new RunQueue<string>();
 * queue.push('a');
 * queue.push('b');
 * queue.shift(); // 'a'
 * queue.length; // 1
 * ```
 *
 * @typeParam T - the items queued.
 */
export class RunQueue<T> {
  private items: (T | undefined)[];
  private head = 0;
  private mask: number;
  /** How many items are queued. */
  length = 0;

  /** @param capacity - initial slots, rounded up to a power of two (the buffer grows as needed). */
  constructor(capacity = 16) {
    if (!(capacity >= 1)) throw new RangeError(`RunQueue: capacity must be >= 1, got ${String(capacity)}`);
    let size = 2;
    while (size < capacity) size *= 2;
    this.items = new Array<T | undefined>(size).fill(undefined);
    this.mask = size - 1;
  }

  /** Add `item` at the tail. */
  push(item: T): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & this.mask] = item;
    this.length++;
  }

  /** Add `item` at the head (a channel's message handed back by a cancelled receiver). */
  unshift(item: T): void {
    if (this.length === this.items.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.items[this.head] = item;
    this.length++;
  }

  /** Remove and return the item at the head, or `undefined` when empty. */
  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined; // let the item be collected
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return item;
  }

  /** The item at the head, without removing it. */
  peek(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.head];
  }

  /** Remove every item. */
  clear(): void {
    while (this.length > 0) this.shift();
  }

  /** The queued items, head first (a snapshot walk; do not mutate while iterating). */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.length; i++) yield this.items[(this.head + i) & this.mask]!;
  }

  // Doubling copies every item once: done by builtins in bulk (a loop here took 6 % of spawning 100,000 tasks).
  private grow(): void {
    const old = this.items;
    const inOrder = this.head === 0 ? old : old.slice(this.head).concat(old.slice(0, this.head));
    this.items = inOrder.concat(inOrder).fill(undefined, old.length); // the second half: free slots
    this.head = 0;
    this.mask = this.items.length - 1;
  }
}
