// The hub's driver: the loop iteration (prepare, callbacks, check, timers, idle) and the async
// loop that runs iterations while there is work, waits for the next deadline or a poke when there
// is none, and raises LoopExit in the waiting roots when nothing can wake them. The Hub owns the
// state (queues, timers, counters); the driver only runs it.
import type { Clock, VirtualClock } from '@coro/core';
import { LoopExit } from '../errors.js';
import { Callback } from './callback.js';
import type { Firable } from './firable.js';
import { hostProcess, MAX_HOST_DELAY } from './host.js';
import type { Hub } from './hub.js';
import { macrotask, nextMacrotask } from './macrotask.js';
import type { RawGreenlet } from './raw-greenlet.js';
import type { PhaseWatcher } from './watchers.js';

/** Runs a hub's loop (one per hub). */
export class Driver {
  private driving = false;
  private wakeDriver: (() => void) | null = null;
  private exitRequested = false;
  private sliceStart = 0;
  /**
   * The timer phase's limit while it is interrupted by a root (main) that a timer woke: gevent
   * switches into main from the timer's callback and finishes the phase when main blocks again,
   * so main can still cancel a Timeout due at the same moment. -1 when no phase is interrupted.
   */
  private timerLimit = -1;

  constructor(private readonly hub: Hub) {}

  /** Fire a snapshot of `list` (a watcher may stop itself or start others). */
  runPhase(list: PhaseWatcher[]): void {
    if (list.length === 1) list[0]!.fire();
    else for (const w of list.slice()) if (w.active) w.fire();
  }

  /** @internal start the driver, or wake it if it is waiting. */
  poke(): void {
    if (!this.driving) {
      this.driving = true;
      // The driver inherits the async context it starts in; a poke from a greenlet's promise job or
      // timer callback must not make the hub's own work (callbacks, links) look started by that greenlet.
      // A macrotask, not a promise job: code awaiting a gevent call right after a spawn has queued
      // that call (main blocking) before the first greenlet runs, as in gevent.
      if (this.hub.storage !== null) this.hub.storage.exit(() => macrotask(() => void this.drive()));
      else macrotask(() => void this.drive());
    } else if (this.wakeDriver !== null) {
      const wake = this.wakeDriver;
      this.wakeDriver = null;
      macrotask(wake);
    }
  }

  /** One loop iteration (or several, while the switch-interval budget lasts): callbacks, then due timers. */
  private runSlice(resumed: boolean): void {
    const hub = this.hub;
    const outside = hub.current;
    hub.current = hub;
    hub.inLoop = true;
    const start = resumed ? this.sliceStart : (this.sliceStart = performance.now());
    const budget = hub.switchInterval;
    const queue = hub.queue;
    try {
      for (;;) {
        // Resuming a timer phase a root interrupted: finish it before anything else.
        if (this.timerLimit < 0) {
          // Resuming the callbacks after main ran is the same iteration: no second prepare phase.
          if (!resumed && hub.prepareWatchers.length !== 0) this.runPhase(hub.prepareWatchers);
          let n = 0;
          while (queue.length > 0) {
            const target = queue.shift() as Firable;
            target.fire(queue.shift() as number);
            // A root settled: stop here so its awaiting code (main) runs before what is queued after it.
            if (hub.yieldToRoot) return;
            // Checking the time every 50 callbacks (as gevent does) keeps the check off the hot path.
            if (++n === 50) {
              n = 0;
              if (performance.now() - start >= budget) break;
            }
          }
          if (hub.checkWatchers.length !== 0) this.runPhase(hub.checkWatchers);
        }
        if (!this.runDueTimers()) return;
        resumed = false; // a further iteration in this slice is a new one
        if (queue.length === 0 || performance.now() - start >= budget) break;
      }
    } finally {
      hub.inLoop = false;
      hub.current = outside;
    }
  }

  /** Fire the due timers; false when one woke a root (main), which runs before the rest fire. */
  private runDueTimers(): boolean {
    const timers = this.hub.timers;
    // Timers set while these run wait for the next iteration, even a 0 ms one.
    const limit = this.timerLimit >= 0 ? this.timerLimit : this.hub.timersSet;
    this.timerLimit = -1;
    if (timers.size === 0) return true;
    const now = this.hub.clock.now();
    for (let t = timers.peek(); t !== undefined && t.deadline <= now && t.seq < limit; t = timers.peek()) {
      timers.pop();
      try {
        t.callback();
      } catch (error) {
        // Nothing a timer runs may stop the loop: report it as gevent reports a failing callback.
        this.hub.reportError(this, error);
      }
      if (this.hub.yieldToRoot) {
        this.timerLimit = limit;
        return false;
      }
    }
    return true;
  }

  private async drive(): Promise<void> {
    try {
      let resumed = false;
      for (;;) {
        this.runSlice(resumed);
        resumed = this.hub.yieldToRoot;
        if (resumed) {
          // The awaiting code runs in the promise jobs before this macrotask; when it blocks again
          // its call is queued behind the callbacks still waiting, as gevent's main is.
          this.hub.yieldToRoot = false;
          await nextMacrotask();
          continue;
        }
        if (this.hub.queue.length > 0) {
          await nextMacrotask();
          continue;
        }
        if (this.hub.idlerCount > 0) {
          this.runIdlers();
          if (this.hub.yieldToRoot) {
            // An idler woke main: its code runs before the next iteration.
            this.hub.yieldToRoot = false;
            await nextMacrotask();
          }
          continue;
        }
        if (this.hub.idleWatchers.length > 0) {
          await this.runIdleWatchers();
          continue;
        }
        const next = this.hub.timers.peek();
        // Timers core operations set on a virtual clock (core's sleep inside a greenlet) count too.
        const clockDeadline = this.hub.virtual ? (this.hub.clock as VirtualClock).nextDeadline() : undefined;
        const canWake = this.hub.refTimers > 0 || this.hub.watchers > 0 || this.hub.refWatchers > 0 || clockDeadline !== undefined;
        if (!canWake && this.hub.joiners.length > 0) {
          for (const g of this.hub.joiners.splice(0)) this.hub.wake(g, g.epoch, true);
          continue;
        }
        if (!canWake && this.hub.roots.size === 0 && (next === undefined || this.hub.virtual)) return;
        if (this.hub.virtual) {
          if (!canWake) {
            this.raiseLoopExit();
            continue;
          }
          // Let settled promises in before time jumps.
          await nextMacrotask();
          if (this.hub.queue.length > 0 || this.hub.timers.peek() !== next) continue;
          const clock = this.hub.clock as VirtualClock;
          const deadline = Math.min(next?.deadline ?? Infinity, clock.nextDeadline() ?? Infinity);
          // Time stands still while a bridged promise may still wake someone (as core's scheduler does).
          if (deadline !== Infinity && clock.autoAdvance && !clock.held && this.hub.watchers === 0) clock.advanceTo(Math.max(deadline, clock.now()));
          else await this.waitForWork(next?.deadline ?? null, false);
          continue;
        }
        await this.waitForWork(next?.deadline ?? null, !canWake && hostProcess !== null);
        if (this.exitRequested) {
          this.exitRequested = false;
          if (this.hub.queue.length === 0 && this.hub.refTimers === 0 && this.hub.watchers === 0) this.raiseLoopExit();
        }
      }
    } finally {
      this.driving = false;
      this.wakeDriver = null;
    }
  }

  /**
   * Nothing else is runnable: run the idle watchers. While one stays active the loop never waits:
   * it gives Node a turn and comes back (on a virtual clock, time jumps to the next timer first).
   */
  /**
   * Resume the idle() waiters of the highest priority, as libev runs its idle watchers: the list
   * from its end, each switched into at once (it may start waiting again, or stop another).
   */
  private runIdlers(): void {
    const hub = this.hub;
    let list: RawGreenlet[] = [];
    for (let pri = hub.idlers.length - 1; pri >= 0 && list.length === 0; pri--) list = hub.idlers[pri]!;
    const pending = list.slice();
    const outside = hub.current;
    hub.current = hub;
    hub.inLoop = true;
    try {
      for (let i = pending.length - 1; i >= 0; i--) {
        const g = pending[i]!;
        if (!list.includes(g)) continue; // stopped meanwhile (killed, or a Timeout)
        // main is resumed through the queue, after the others (its code runs in a promise job).
        if (g === hub.main || hub.roots.has(g as never)) hub.wake(g, g.epoch, undefined);
        else hub.resume(g, undefined, false);
      }
    } finally {
      hub.inLoop = false;
      hub.current = outside;
    }
  }

  private async runIdleWatchers(): Promise<void> {
    const outside = this.hub.current;
    this.hub.current = this.hub;
    this.hub.inLoop = true;
    try {
      this.runPhase(this.hub.idleWatchers);
    } finally {
      this.hub.inLoop = false;
      this.hub.current = outside;
    }
    if (this.hub.idleWatchers.length === 0 || this.hub.queue.length > 0) return;
    const next = this.hub.timers.peek();
    if (this.hub.virtual && next !== undefined && next.deadline !== Infinity) {
      const clock = this.hub.clock as VirtualClock;
      if (clock.autoAdvance && !clock.held) clock.advanceTo(Math.max(next.deadline, clock.now()));
    }
    await nextMacrotask();
  }

  /** Wait for a poke, the deadline, or (when nothing the hub knows of can wake the roots) the process's beforeExit. */
  private waitForWork(deadline: number | null, watchExit: boolean): Promise<void> {
    return new Promise((resolve) => {
      let handle: ReturnType<Clock['setTimer']> | null = null;
      const onExit = (): void => {
        this.exitRequested = true;
        done();
      };
      const done = (): void => {
        this.wakeDriver = null;
        if (handle !== null) this.hub.clock.clearTimer(handle);
        if (watchExit) hostProcess!.off('beforeExit', onExit);
        resolve();
      };
      this.wakeDriver = done;
      // An Infinity deadline (sleep(Infinity)) arms no host timer; a far one is capped at the host's
      // largest delay (2^31 - 1 ms; beyond it Node fires at once, a busy loop) and re-armed on waking.
      if (deadline !== null && deadline !== Infinity) {
        const delay = Math.min(Math.max(0, deadline - this.hub.clock.now()), MAX_HOST_DELAY);
        handle = this.hub.clock.setTimer(delay, done, { ref: this.hub.refTimers > 0 || this.hub.watchers > 0 });
      }
      if (watchExit) hostProcess!.once('beforeExit', onExit);
    });
  }

  /** Nothing can wake the waiting roots: each gets LoopExit at its blocking call. */
  private raiseLoopExit(): void {
    for (const root of [...this.hub.roots]) {
      this.hub.schedule(new Callback(this.hub, () => this.hub.throwInto(root, new LoopExit('This operation would block forever', this.hub)), []), 0);
    }
  }
}
