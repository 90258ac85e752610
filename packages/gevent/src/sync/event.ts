import type { Instruction } from '@coro/core';
import { Linkable, parkBehind, parkOn } from './linkable.js';
import { type Blocking, blocking } from '../hub/operation.js';
import type { Timeout } from '../timeout.js';

const waitOp = /* @__PURE__ */ blocking('wait', function* (event: Event, timeout: number | Timeout | undefined): Generator<Instruction, boolean, unknown> {
  // Already set and nobody is being notified: no switch at all. While a notification pass is
  // queued or running, a new waiter lines up behind the existing ones and is resumed at the end
  // of that pass (test_wait_while_notifying; gevent's arrived_while_waiting).
  if (event.isSet()) {
    if (event.notifying) yield* parkBehind(event);
    return true;
  }
  // Woken by set() means true even if clear() came right after (set at least once while waiting);
  // our own timeout means false even if set() ran meanwhile and its wake-up is still queued.
  return yield* parkOn(event, timeout);
});

/**
 * A flag greenlets can wait for. `set()` wakes every waiter (FIFO, from one hub callback) and
 * does not switch.
 *
 * @example
 * ```ts
 * import { Event, spawn } from '@coro/gevent';
 * const ready = new Event();
 * spawn(function* () { yield* ready.wait(); console.log('go'); });
 * ready.set();
 * ```
 */
export class Event extends Linkable {
  private flag = false;

  /** True once set (until cleared). */
  isSet(): boolean {
    return this.flag;
  }

  ready(): boolean {
    return this.flag;
  }

  /**
   * Set the flag and schedule the wake-up of every waiter.
   *
   * @example
   * ```ts
   * event.set();
   * ```
   */
  set(): void {
    this.flag = true;
    this.checkAndNotify();
  }

  /**
   * Reset the flag. Waiters already woken by a `set()` still see `true`.
   *
   * @example
   * ```ts
   * event.clear();
   * ```
   */
  clear(): void {
    this.flag = false;
  }

  /**
   * Wait until the flag is set: true, or false once `timeout` passes.
   *
   * @example
   * ```ts
   * const ok = yield* event.wait(100);
   * ```
   */
  wait(timeout?: number | Timeout): Blocking<boolean> {
    return waitOp(this, timeout);
  }

  override toString(): string {
    return `<Event ${this.flag ? 'set' : 'clear'}, ${this.links.length} waiters>`;
  }
}
