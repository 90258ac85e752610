import type { Clock, TimerHandle } from '@coro/core';

interface VirtualLike extends Clock {
  advanceTo?(time: number): void;
  advance?(ms: number): void;
}

/** A virtual clock is one the hub can move forward itself when nothing is runnable. */
export function isVirtual(clock: Clock): boolean {
  const c = clock as VirtualLike;
  return typeof c.advanceTo === 'function' || typeof c.advance === 'function';
}

/** Move a virtual clock to `time`. */
export function jumpTo(clock: Clock, time: number): void {
  const c = clock as VirtualLike;
  if (typeof c.advanceTo === 'function') c.advanceTo(time);
  else c.advance!(Math.max(0, time - c.now()));
}

class NodeTimer implements TimerHandle {
  constructor(
    readonly deadline: number,
    readonly timeout: ReturnType<typeof setTimeout>,
  ) {}
}

/** Real time from `performance.now()`, timers from Node's `setTimeout`. */
export function defaultClock(): Clock {
  return {
    now: () => performance.now(),
    setTimer(ms, callback, options) {
      const timeout = setTimeout(callback, ms);
      if (options?.ref === false) timeout.unref();
      return new NodeTimer(performance.now() + ms, timeout);
    },
    clearTimer(handle) {
      clearTimeout((handle as NodeTimer).timeout);
    },
  };
}
