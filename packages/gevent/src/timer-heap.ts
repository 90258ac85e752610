import type { Firable } from './firable.js';

/** One armed hub timer. `index` is its slot in the heap (-1 once fired or cancelled). */
export class HubTimer {
  index = -1;
  constructor(
    readonly deadline: number,
    readonly seq: number,
    readonly target: Firable,
    readonly tag: number,
    readonly ref: boolean,
  ) {}
}

function before(a: HubTimer, b: HubTimer): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

/**
 * A binary min-heap of timers ordered by (deadline, creation order), so timers with the same
 * deadline fire in the order they were set (gevent spec §15.9). Removal is O(log n) through
 * the index each timer keeps.
 */
export class TimerHeap {
  private readonly heap: HubTimer[] = [];
  private seq = 0;
  /** Armed timers that keep the hub (and the process) alive. */
  refs = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The next timer to fire, if any. */
  peek(): HubTimer | undefined {
    return this.heap[0];
  }

  /** The sequence number the next timer will get; timers below it were set earlier. */
  get nextSeq(): number {
    return this.seq;
  }

  add(deadline: number, target: Firable, tag: number, ref: boolean): HubTimer {
    const timer = new HubTimer(deadline, this.seq++, target, tag, ref);
    if (ref) this.refs++;
    timer.index = this.heap.length;
    this.heap.push(timer);
    this.up(timer.index);
    return timer;
  }

  /** Disarm `timer`; a no-op if it already fired or was removed. */
  remove(timer: HubTimer): void {
    const i = timer.index;
    if (i < 0) return;
    if (timer.ref) this.refs--;
    timer.index = -1;
    const last = this.heap.pop()!;
    if (last !== timer) {
      this.heap[i] = last;
      last.index = i;
      this.down(i);
      this.up(last.index);
    }
  }

  /** Remove and return the earliest timer. The caller checks `size > 0` first. */
  pop(): HubTimer {
    const top = this.heap[0]!;
    this.remove(top);
    return top;
  }

  private up(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p]!;
      if (!before(item, parent)) break;
      heap[i] = parent;
      parent.index = i;
      i = p;
    }
    heap[i] = item;
    item.index = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(heap[c + 1]!, heap[c]!)) c++;
      const child = heap[c]!;
      if (!before(child, item)) break;
      heap[i] = child;
      child.index = i;
      i = c;
    }
    heap[i] = item;
    item.index = i;
  }
}
