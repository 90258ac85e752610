import type { RawGreenlet } from './raw-greenlet.js';

/**
 * A greenlet parked in a waiter list (a queue's getters or putters), and the epoch it parked
 * at. Resuming it from a hub callback is gevent's `Waiter.switch`: the greenlet runs at once,
 * until it blocks again. A waiter whose greenlet was resumed by something else (a timeout) no
 * longer matches its epoch and is skipped.
 *
 * @typeParam T - what the waiter carries (a putter's item).
 */
export class ParkedWaiter<T = undefined> {
  readonly epoch: number;
  constructor(
    readonly g: RawGreenlet,
    readonly item: T,
  ) {
    this.epoch = g.epoch;
  }

  /** Still parked where it registered. */
  get live(): boolean {
    return this.g.epoch === this.epoch;
  }

  /** Resume it now with `value` (from a hub callback); false if it is no longer parked here. */
  switchNow(value: unknown): boolean {
    if (!this.live) return false;
    this.g.hub.resume(this.g, value, false);
    return true;
  }

  /** Resume it now by raising `error`. */
  throwNow(error: unknown): boolean {
    if (!this.live) return false;
    this.g.hub.resume(this.g, error, true);
    return true;
  }
}

/** Remove `item` from `list` if present. */
export function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
