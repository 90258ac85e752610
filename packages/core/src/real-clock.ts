import type { Clock, TimerHandle } from './clock.js';
import { checkDuration, MAX_HOST_DELAY, NEVER } from './duration.js';
import { TimerHeap } from './timer-heap.js';

type HostTimer = ReturnType<typeof setTimeout>;

/**
 * The clock of real time (`performance.now()`). All its timers share one host `setTimeout`, armed
 * for the earliest deadline, so timers due at the same time fire in creation order and thousands
 * of sleeping tasks cost one host timer. When no timer is `ref`, the host timer does not keep
 * Node alive. A timer of `Infinity` ms never fires and arms nothing; one beyond the host's limit
 * (2^31 − 1 ms) is reached by re-arming the longest host timer allowed.
 *
 * @example
 * ```ts
 * const clock = new RealClock();
 * clock.setTimer(100, () => console.log('100 ms later'));
 * ```
 */
export class RealClock implements Clock {
  private readonly timers = new TimerHeap();
  private host: HostTimer | undefined = undefined;
  private hostDeadline = Infinity;
  private refs = 0;

  /** Milliseconds since an arbitrary origin (`performance.now()`). */
  now(): number {
    return performance.now();
  }

  /** Call `callback` once after `ms` milliseconds (`Infinity`: never, no host timer is armed). */
  setTimer(ms: number, callback: () => void, options: { ref?: boolean } = {}): TimerHandle {
    checkDuration('setTimer', 'ms', ms, true);
    if (typeof callback !== 'function') throw new TypeError('setTimer: callback must be a function');
    if (ms === Infinity) return NEVER; // "never": nothing to store, no host timer to arm
    const ref = options.ref ?? true;
    const timer = this.timers.insert(this.now() + ms, callback, ref);
    if (ref) this.refs++;
    if (timer.deadline < this.hostDeadline) this.arm();
    else this.updateRef();
    return timer;
  }

  /** Cancel a timer; clearing a fired or cleared timer is a no-op. */
  clearTimer(handle: TimerHandle): void {
    const ref = (handle as { ref?: boolean }).ref === true;
    if (!this.timers.remove(handle)) return;
    if (ref) this.refs--;
    if (this.timers.size === 0) this.disarm();
    else this.updateRef();
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  private readonly fire = (): void => {
    this.host = undefined;
    this.hostDeadline = Infinity;
    const now = this.now();
    try {
      for (let top = this.timers.peek(); top !== undefined && top.deadline <= now; top = this.timers.peek()) {
        this.timers.pop();
        if (top.ref) this.refs--;
        top.callback();
      }
    } finally {
      if (this.timers.size > 0) this.arm();
    }
  };

  private arm(): void {
    this.disarm();
    const top = this.timers.peek();
    if (top === undefined) return;
    this.hostDeadline = top.deadline;
    // Beyond the host's limit Node would fire after 1 ms (and warn): wait the longest it allows,
    // then `fire` finds nothing due and arms again for the rest.
    this.host = setTimeout(this.fire, Math.min(MAX_HOST_DELAY, Math.max(0, Math.ceil(top.deadline - this.now()))));
    this.updateRef();
  }

  private disarm(): void {
    if (this.host !== undefined) clearTimeout(this.host);
    this.host = undefined;
    this.hostDeadline = Infinity;
  }

  private updateRef(): void {
    const host = this.host as { ref?: () => void; unref?: () => void } | undefined;
    if (host === undefined) return;
    if (this.refs > 0) host.ref?.();
    else host.unref?.();
  }
}
