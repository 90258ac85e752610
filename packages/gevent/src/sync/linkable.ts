import type { Instruction } from '@coro/core';
import { getHub } from '../hub/current.js';
import type { Firable } from '../hub/firable.js';
import { callLink, checkLink, type Link, Wakeup } from '../greenlet/links.js';
import { PARK } from '../hub/operation.js';
import { remove } from '../hub/waiter.js';
import { startOwnTimeout, type Timeout } from '../timeout.js';

/**
 * What `Event`, `AsyncResult` and the semaphores share (gevent's AbstractLinkable): a FIFO list
 * of links notified from one hub callback when the object becomes ready. Each link is removed
 * before it is called; a pass stops at the last link present when it began, so links added
 * meanwhile wait for the next pass.
 */
export abstract class Linkable implements Firable {
  /** @internal */
  protected readonly links: Link<this>[] = [];
  /** @internal a notification pass is queued. */
  protected notifyQueued = false;
  /**
   * @internal waiters that came to a ready object while its pass was queued or running (gevent's
   * `arrived_while_waiting`): notified right after the links, in the same pass.
   */
  readonly arrived: Link<this>[] = [];
  /** Notify every link (Event) or only while `ready()` stays true (semaphores: one per permit). */
  protected readonly notifyAll: boolean = true;

  /** @internal a notification pass is pending (a wait on a ready object then lines up behind it). */
  get notifying(): boolean {
    return this.notifyQueued;
  }

  /** True when waiting would return at once. */
  abstract ready(): boolean;

  /**
   * Call `callback(this)` in the hub when it is (or becomes) ready. It must not block.
   *
   * @example
   * ```ts
   * event.rawlink(() => console.log('set'));
   * ```
   */
  rawlink(callback: Link<this>): void {
    checkLink(callback, 'rawlink');
    this.links.push(callback);
    this.checkAndNotify();
  }

  /**
   * Remove a link; unknown callbacks are ignored.
   *
   * @example
   * ```ts
   * event.unlink(onSet);
   * ```
   */
  unlink(callback: Link<this> | null | undefined): void {
    const i = this.links.indexOf(callback as Link<this>);
    if (i >= 0) this.links.splice(i, 1);
  }

  /** How many links are registered. */
  linkcount(): number {
    return this.links.length;
  }

  /** @internal queue a notification pass if ready and linked. */
  protected checkAndNotify(): void {
    if (this.notifyQueued || this.links.length === 0 || !this.ready()) return;
    this.notifyQueued = true;
    getHub().schedule(this, 0);
  }

  /** @internal the notification pass: the links, then the waiters that arrived meanwhile. */
  fire(): void {
    try {
      this.notifyList(this.links);
      if (this.arrived.length > 0) {
        this.notifyList(this.arrived);
        this.links.push(...this.arrived.splice(0));
      }
    } finally {
      this.notifyQueued = false;
    }
    this.checkAndNotify();
  }

  private notifyList(links: Link<this>[]): void {
    const final = links[links.length - 1];
    while (links.length > 0) {
      if (!this.notifyAll && !this.ready()) break;
      const link = links.shift()!;
      try {
        callLink(link, this);
      } catch (error) {
        getHub().reportError(link, error);
      }
      if (link === final) break;
    }
  }
}

/**
 * A wait on a ready object whose notification pass is queued or running: line up behind that
 * pass's waiters and be resumed at its end (gevent's `_wait` with a notifier; no timeout there).
 */
export function* parkBehind(target: { readonly arrived: Link<any>[]; unlink(link: Wakeup<any>): void }): Generator<Instruction, void, unknown> {
  const me = getHub().blockingCurrent();
  const waiter = new Wakeup(me, me.epoch);
  target.arrived.push(waiter);
  try {
    yield PARK;
  } finally {
    remove(target.arrived, waiter);
    target.unlink(waiter);
  }
}

/**
 * Park the current greenlet on `target` until a notification pass reaches it. Returns true if
 * woken, false if its own `timeout` passed; any other error (an enclosing Timeout, a kill)
 * propagates.
 */
export function* parkOn(target: { rawlink(link: Wakeup<any>): void; unlink(link: Wakeup<any>): void }, timeout: number | Timeout | undefined): Generator<Instruction, boolean, unknown> {
  const me = getHub().blockingCurrent();
  const t = startOwnTimeout(timeout);
  const waiter = new Wakeup(me, me.epoch);
  target.rawlink(waiter);
  try {
    yield PARK;
    return true;
  } catch (error) {
    if (error === t && t !== null) return false;
    throw error;
  } finally {
    t?.cancel();
    target.unlink(waiter);
  }
}
