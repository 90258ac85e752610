import type { Resume } from './operation.js';
import { RunQueue } from './run-queue.js';

/**
 * A parked coroutine (or an awaiting promise) in a {@link WaiterQueue}, with the value it
 * carries (a sender's message).
 *
 * @internal
 */
export class Waiter<R, V = undefined> {
  alive = true;
  constructor(
    readonly resume: Resume<R>,
    readonly value: V,
    private readonly queue: WaiterQueue<R, V>,
  ) {}

  /** The teardown: a cancelled waiter is skipped, not searched for and spliced out. */
  readonly drop = (): void => {
    if (!this.alive) return;
    this.alive = false;
    this.queue.dropped();
  };
}

/**
 * First-in, first-out waiters for channels, events, semaphores and mutexes. Cancelled waiters
 * are marked dead and skipped (O(1)); the queue compacts itself when they pile up.
 *
 * @internal
 */
export class WaiterQueue<R, V = undefined> {
  private queue = new RunQueue<Waiter<R, V>>(4);
  private dead = 0;

  get size(): number {
    return this.queue.length - this.dead;
  }

  push(resume: Resume<R>, value: V): Waiter<R, V> {
    const waiter = new Waiter(resume, value, this);
    this.queue.push(waiter);
    return waiter;
  }

  /** The first live waiter, removed from the queue (it is no longer alive either). */
  shift(): Waiter<R, V> | undefined {
    for (let w = this.queue.shift(); w !== undefined; w = this.queue.shift()) {
      if (w.alive) {
        w.alive = false;
        return w;
      }
      this.dead--;
    }
    return undefined;
  }

  dropped(): void {
    this.dead++;
    if (this.dead > 32 && this.dead * 2 > this.queue.length) {
      const live = new RunQueue<Waiter<R, V>>(this.queue.length);
      for (const w of this.queue) if (w.alive) live.push(w);
      this.queue = live;
      this.dead = 0;
    }
  }
}
