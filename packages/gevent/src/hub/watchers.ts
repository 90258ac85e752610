// gevent's loop watchers (libev's timer, prepare, check, idle and async), run by the hub. Each
// watcher's callback runs in the hub like any hub callback: it must not block, and an error it
// raises is reported through hub.handleError while the loop goes on.
import type { Timer } from '@coro/core';
import { describeValue } from '../describe-value.js';
import type { Firable } from './firable.js';
import type { Hub } from './hub.js';

/**
 * A watcher's callback: called with the arguments given to `start`.
 *
 * @example
 * ```ts
 * const onTick: WatcherCallback = (label: string) => console.log(label);
 * getHub().loop.timer(10).start(onTick, 'tick');
 * ```
 */
export type WatcherCallback = (...args: any[]) => unknown;

/**
 * What every loop watcher shares: `start(callback, …args)`, `stop()`, `close()`, `ref`, `active`
 * and `pending` (gevent's `watcher`). Get one from {@link Loop}.
 *
 * @example
 * ```ts
 * import { getHub } from '@coro/gevent';
 * const check = getHub().loop.check();
 * check.start(() => console.log('after each round of callbacks'));
 * check.stop();
 * ```
 */
export abstract class Watcher implements Firable, Disposable {
  /** The function `start` was given, or `null` when stopped. */
  callback: WatcherCallback | null = null;
  /** The arguments `start` was given, or `null` when stopped. */
  args: readonly unknown[] | null = null;
  /** True when the event happened and the callback has not run yet. */
  pending = false;
  /** @internal */
  protected refValue = true;
  /** @internal */
  protected isActive = false;

  constructor(
    /** The hub whose loop runs it. */
    readonly hub: Hub,
  ) {}

  /** True while started (until `stop()`, `close()`, or a one-shot timer fired). */
  get active(): boolean {
    return this.isActive;
  }

  /** Whether, while active, it keeps the loop (`hub.join()`, `LoopExit`) alive. Default `true`. */
  get ref(): boolean {
    return this.refValue;
  }

  /** Set whether it keeps the loop alive (`false`: gevent's `unref`). */
  set ref(value: boolean) {
    if (typeof value !== 'boolean') throw new TypeError(`ref must be a boolean, got ${describeValue(value)}`);
    if (value === this.refValue) return;
    this.refValue = value;
    if (this.isActive) this.refChanged();
  }

  /**
   * Start watching: `callback(...args)` runs in the hub on each event. Starting an active watcher
   * replaces its callback.
   */
  start<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): void {
    if (typeof callback !== 'function') throw new TypeError(`start: callback must be a function, got ${describeValue(callback)}`);
    this.callback = callback as WatcherCallback;
    this.args = args;
    if (this.isActive) return;
    this.isActive = true;
    this.activate();
  }

  /** Stop watching; the callback and arguments are dropped. */
  stop(): void {
    this.callback = null;
    this.args = null;
    this.pending = false;
    if (!this.isActive) return;
    this.isActive = false;
    this.deactivate();
  }

  /** Stop it for good (gevent's `close()`); `using w = loop.timer(…)` calls it. */
  close(): void {
    this.stop();
  }

  /** Same as {@link Watcher.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** @internal the event happened: run the callback now, reporting an error it raises. */
  fire(): void {
    const callback = this.callback;
    if (callback === null) return;
    const args = this.args!;
    this.pending = false;
    try {
      callback(...args);
    } catch (error) {
      this.hub.reportError(this, error);
    }
  }

  /** @internal */
  protected abstract activate(): void;
  /** @internal */
  protected abstract deactivate(): void;
  /** @internal */
  protected refChanged(): void {}

  toString(): string {
    const state = `${this.isActive ? ' active' : ''}${this.pending ? ' pending' : ''}${this.refValue ? '' : ' unref'}`;
    const callback = this.callback === null ? '' : ` callback=${this.callback.name || 'anonymous'}`;
    return `<${this.kind()}${this.details()}${state}${callback}>`;
  }

  /** @internal the name it prints with. */
  protected kind(): string {
    return this.constructor.name;
  }

  /** @internal */
  protected details(): string {
    return '';
  }
}

/**
 * `loop.timer(after, repeat)`: calls its callback `after` ms after `start`, then every `repeat`
 * ms if `repeat` > 0. `Infinity` never fires (and arms no host timer).
 *
 * @example
 * ```ts
 * const tick = getHub().loop.timer(100, 100);
 * tick.start(() => console.log('every 100 ms'));
 * ```
 */
export class TimerWatcher extends Watcher {
  private timer: Timer | null = null;

  constructor(
    hub: Hub,
    /** Milliseconds from `start` to the first call. */
    readonly after: number,
    /** Milliseconds between later calls; 0 for a one-shot timer. */
    readonly repeat: number,
  ) {
    super(hub);
  }

  /** Re-arm it `after` ms from now (or `repeat`, once it has fired), keeping its callback. */
  again(): void {
    if (!this.isActive) return;
    this.deactivate();
    this.activate();
  }

  protected activate(): void {
    this.timer = this.hub.timer(this.after, this, 0, this.refValue);
  }

  protected deactivate(): void {
    if (this.timer !== null) this.hub.cancelTimer(this.timer);
    this.timer = null;
  }

  protected override refChanged(): void {
    const timer = this.timer!;
    this.deactivate();
    this.timer = this.hub.timer(Math.max(0, timer.deadline - this.hub.clock.now()), this, 0, this.refValue);
  }

  override fire(): void {
    // libev re-arms a repeating timer before its callback runs, so the callback may stop it.
    if (this.repeat > 0) this.timer = this.hub.timer(this.repeat, this, 0, this.refValue);
    else {
      this.timer = null;
      this.isActive = false;
    }
    const callback = this.callback;
    if (callback === null) return;
    try {
      callback(...this.args!);
    } catch (error) {
      this.hub.reportError(this, error); // printed while it still names its callback, as gevent's is
    }
    // A fired one-shot timer lets go of its callback, unless the callback started it again.
    if (!this.isActive && this.callback === callback) {
      this.callback = null;
      this.args = null;
    }
  }

  protected override details(): string {
    return ` after=${this.after}${this.repeat > 0 ? ` repeat=${this.repeat}` : ''}`;
  }
}

/**
 * Which phase of a loop iteration runs a {@link PhaseWatcher}.
 *
 * @example
 * ```ts
 * const phase: PhaseName = getHub().loop.check().phase; // 'check'
 * ```
 */
export type PhaseName = 'prepare' | 'check' | 'idle';

/**
 * `loop.prepare()`, `loop.check()` and `loop.idle()`: a callback run on every loop iteration —
 * before the callbacks (prepare), after them and before the timers (check), or when nothing
 * else is runnable (idle; while one is active the loop never waits, so stop it when done).
 *
 * @example
 * ```ts
 * const idle = getHub().loop.idle();
 * idle.start(() => { console.log('nothing else to do'); idle.stop(); });
 * ```
 */
export class PhaseWatcher extends Watcher {
  constructor(
    hub: Hub,
    /** Which phase of the iteration runs it. */
    readonly phase: PhaseName,
  ) {
    super(hub);
  }

  protected activate(): void {
    this.hub.phaseWatchers(this.phase).push(this);
    this.hub.wakeLoop();
  }

  protected deactivate(): void {
    const list = this.hub.phaseWatchers(this.phase);
    const i = list.indexOf(this);
    if (i >= 0) list.splice(i, 1);
  }

  protected override kind(): string {
    return `${this.phase[0]!.toUpperCase()}${this.phase.slice(1)}Watcher`;
  }
}

/**
 * `loop.async()` (gevent's `loop.async_`): `send()` from anywhere — a Node callback, a promise
 * job, another greenlet — and the callback runs in the hub. While active and ref'd it counts as
 * work that may still come, so `hub.join()` waits and `LoopExit` is not raised.
 *
 * @example
 * ```ts
 * const wakeUp = getHub().loop.async();
 * wakeUp.start(() => console.log('woken'));
 * setTimeout(() => wakeUp.send(), 10);
 * ```
 */
export class AsyncWatcher extends Watcher {
  /** Ask for the callback to run (once, however many sends come before it does). */
  send(): void {
    if (!this.isActive || this.pending) return;
    this.pending = true;
    this.hub.schedule(this, 0);
  }

  override fire(): void {
    if (this.pending) super.fire();
  }

  protected activate(): void {
    if (this.refValue) this.hub.refWatchers++;
  }

  protected deactivate(): void {
    if (this.refValue) this.hub.refWatchers--;
  }

  protected override refChanged(): void {
    this.hub.refWatchers += this.refValue ? 1 : -1;
  }
}
