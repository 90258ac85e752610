import type { Clock, TimerHandle } from './clock.js';
import { checkDuration, NEVER } from './duration.js';
import { TimerHeap } from './timer-heap.js';

/**
 * Options for a {@link VirtualClock}.
 *
 * @example
 * ```ts
 * const manual = new VirtualClock({ autoAdvance: false, start: 1000 });
 * ```
 */
export interface VirtualClockOptions {
  /** The time `now()` starts at (ms). Default 0. */
  readonly start?: number;
  /**
   * Let the driver (scheduler or hub) jump to the next deadline whenever every coroutine waits.
   * Default true; set false to move time only with {@link VirtualClock.advance}.
   */
  readonly autoAdvance?: boolean;
}

/**
 * A clock whose time moves only when told: by {@link VirtualClock.advance}, or — with
 * `autoAdvance` (the default) — by the scheduler, which calls {@link VirtualClock.jump} when no
 * task is ready and nothing outside the clock is awaited ({@link VirtualClock.hold}). A ten-minute
 * workload then runs in milliseconds, and always the same way.
 *
 * @example
 * ```ts
 * import { Scheduler, VirtualClock, sleep } from '@coro/core';
 *
 * const clock = new VirtualClock();
 * const scheduler = new Scheduler({ clock });
 * scheduler.spawn(function* () { yield* sleep(600_000); });
 * await scheduler.run();
 * clock.now(); // 600000, reached at once
 * ```
 */
export class VirtualClock implements Clock {
  /** Whether drivers may jump to the next deadline when idle. */
  readonly autoAdvance: boolean;
  private time: number;
  private readonly timers = new TimerHeap();
  private holds = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.time = options.start ?? 0;
    this.autoAdvance = options.autoAdvance ?? true;
  }

  /** The current virtual time (ms). */
  now(): number {
    return this.time;
  }

  /** Call `callback` when virtual time reaches `now() + ms` (`Infinity`: never; it is not stored). */
  setTimer(ms: number, callback: () => void): TimerHandle {
    checkDuration('setTimer', 'ms', ms, true);
    if (typeof callback !== 'function') throw new TypeError('setTimer: callback must be a function');
    if (ms === Infinity) return NEVER; // "never": nothing to store, no host timer to arm
    return this.timers.insert(this.time + ms, callback, true);
  }

  /** Cancel a timer; clearing a fired or cleared timer is a no-op. */
  clearTimer(handle: TimerHandle): void {
    this.timers.remove(handle);
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** The earliest deadline, or `undefined` when no timer is set. */
  nextDeadline(): number | undefined {
    return this.timers.peek()?.deadline;
  }

  /** Fire every timer due at the current time, in order; returns how many fired. */
  runDue(): number {
    let fired = 0;
    for (let top = this.timers.peek(); top !== undefined && top.deadline <= this.time; top = this.timers.peek()) {
      this.timers.pop();
      fired++;
      top.callback();
    }
    return fired;
  }

  /** Move time forward by `ms`, firing each timer at its own deadline, in order. */
  advance(ms: number): void {
    checkDuration('advance', 'ms', ms);
    this.advanceTo(this.time + ms);
  }

  /** Move time forward to `time` (never backwards), firing due timers on the way. */
  advanceTo(time: number): void {
    if (Number.isNaN(time) || time < this.time) throw new RangeError(`advanceTo: time must be >= now() (${this.time}), got ${time}`);
    for (let top = this.timers.peek(); top !== undefined && top.deadline <= time; top = this.timers.peek()) {
      this.time = top.deadline;
      this.timers.pop();
      top.callback();
    }
    this.time = time;
  }

  /** Jump to the next deadline and fire what is due there; false when no timer is set. */
  jump(): boolean {
    const deadline = this.nextDeadline();
    if (deadline === undefined) return false;
    if (deadline > this.time) this.time = deadline;
    this.runDue();
    return true;
  }

  /**
   * Keep auto-advancing drivers from jumping while something outside the clock (a promise, I/O)
   * may still wake a coroutine. Returns the release function; releasing twice is a no-op.
   */
  hold(): () => void {
    this.holds++;
    let held = true;
    return () => {
      if (held) {
        held = false;
        this.holds--;
      }
    };
  }

  /** Whether a {@link VirtualClock.hold} is in force. */
  get held(): boolean {
    return this.holds > 0;
  }
}
