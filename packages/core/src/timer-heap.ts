import type { TimerHandle } from './clock.js';

/**
 * One timer in a {@link TimerHeap}; it is also the {@link TimerHandle} clocks hand out.
 *
 * @example
 * ```ts
 * const timer = new TimerHeap().insert(10, () => {});
 * timer.deadline; // 10
 * ```
 */
export class Timer implements TimerHandle {
  /** Position in the heap, or -1 once fired or removed. @internal */
  index = -1;

  /**
   * @param deadline - clock time (ms) at which the timer is due.
   * @param seq - creation order; breaks ties between equal deadlines.
   * @param callback - what to run when due; it is called as `timer.callback()`, so it may read the timer as `this`.
   * @param ref - whether the timer keeps the process alive (real clocks only).
   */
  constructor(
    readonly deadline: number,
    readonly seq: number,
    readonly callback: () => void,
    readonly ref: boolean,
  ) {}

  /** Whether the timer is still waiting in its heap. */
  get pending(): boolean {
    return this.index >= 0;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

/**
 * A binary min-heap of timers ordered by deadline, then by creation order, so timers due at the
 * same time fire in the order they were set. Insert, remove and pop are O(log n). Both clocks in
 * core keep their timers here; the gevent hub reuses it.
 *
 * @example
 * ```ts
 * const heap = new TimerHeap();
 * heap.insert(20, () => console.log('second'));
 * heap.insert(10, () => console.log('first'));
 * heap.pop()?.callback(); // first
 * ```
 */
export class TimerHeap {
  private readonly heap: Timer[] = [];
  private seq = 0;

  /** How many timers are waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** The earliest timer, without removing it. */
  peek(): Timer | undefined {
    return this.heap[0];
  }

  /** Add a timer due at `deadline` (absolute clock time). */
  insert(deadline: number, callback: () => void, ref = true): Timer {
    return this.add(new Timer(deadline, this.nextSeq(), callback, ref));
  }

  /**
   * Add a timer the caller made: a subclass of {@link Timer} whose callback is one shared function
   * reading the timer's own fields (`timer.callback()` is a method call, so `this` is the timer),
   * where a closure per timer would cost more memory than the timer itself. Its `seq` must come
   * from {@link TimerHeap.nextSeq}.
   *
   * @example
   * ```ts
   * class Wakeup extends Timer {
   *   constructor(deadline: number, seq: number, readonly who: string) { super(deadline, seq, wakeUp, true); }
   * }
   * function wakeUp(this: Wakeup): void { console.log(this.who); }
   * heap.add(new Wakeup(10, heap.nextSeq(), 'alice'));
   * ```
   */
  add<T extends Timer>(timer: T): T {
    timer.index = this.heap.length;
    this.heap.push(timer);
    this.up(timer.index);
    return timer;
  }

  /** The creation order of the next timer (see {@link TimerHeap.add}). */
  nextSeq(): number {
    return this.seq++;
  }

  /** Remove and return the earliest timer. */
  pop(): Timer | undefined {
    const top = this.heap[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  /** Remove `timer`; returns false when it already fired or was removed. */
  remove(timer: TimerHandle): boolean {
    if (!(timer instanceof Timer) || timer.index < 0 || this.heap[timer.index] !== timer) return false;
    this.removeAt(timer.index);
    return true;
  }

  private removeAt(index: number): void {
    const removed = this.heap[index]!;
    const last = this.heap.pop()!;
    removed.index = -1;
    if (last === removed) return;
    this.heap[index] = last;
    last.index = index;
    this.down(index);
    this.up(last.index);
  }

  private up(index: number): void {
    const heap = this.heap;
    const timer = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(timer, parent)) break;
      heap[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    heap[index] = timer;
    timer.index = index;
  }

  private down(index: number): void {
    const heap = this.heap;
    const size = heap.length;
    const timer = heap[index]!;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      if (child + 1 < size && before(heap[child + 1]!, heap[child]!)) child++;
      const next = heap[child]!;
      if (!before(next, timer)) break;
      heap[index] = next;
      next.index = index;
      index = child;
    }
    heap[index] = timer;
    timer.index = index;
  }
}
