/** Node's timers hold at most 2^31 − 1 ms; a longer delay fires after 1 ms with a TimeoutOverflowWarning. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A timer that may be longer than a host timer allows; `clear()` stops it. */
export interface LongTimer {
  clear(): void;
}

const never: LongTimer = { clear() {} };

/**
 * Call `callback` after `ms` milliseconds. `Infinity` means never (no host timer is armed); a
 * delay beyond Node's limit arms the longest allowed timer and re-arms it when it fires, so it
 * never busy-loops. `unref` timers do not hold the process open.
 */
export function setLongTimeout(callback: () => void, ms: number, unref = false): LongTimer {
  if (ms === Infinity) return never;
  const deadline = performance.now() + ms;
  let timer: NodeJS.Timeout;
  const arm = (delay: number) => {
    timer = setTimeout(() => {
      const left = deadline - performance.now();
      if (left > 0.5) arm(left);
      else callback();
    }, Math.min(Math.max(delay, 0), MAX_TIMER_MS));
    if (unref) timer.unref();
  };
  arm(ms);
  return { clear: () => clearTimeout(timer) };
}
