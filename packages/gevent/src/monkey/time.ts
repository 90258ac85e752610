import type { Operation } from '@coro/core';
import { blockingSleep } from './blocking-sleep.js';

/** @internal Validates a `time.sleep` duration, naming the argument. */
export function checkDuration(ms: unknown): number {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    throw new RangeError(`time.sleep(ms): ms must be a number >= 0 (milliseconds), got ${String(ms)}`);
  }
  return ms;
}

/**
 * The mirror of Python's `time` module that monkey patching turns cooperative — the literal
 * analogue of `gevent.monkey.patch_time()`.
 *
 * Unpatched, `yield* time.sleep(ms)` really blocks the thread (`Atomics.wait`), so every other
 * greenlet stands still, as Python's `time.sleep` does. {@link patchTime} (or {@link patchAll})
 * replaces `time.sleep` in place with the hub's sleep, which parks only the calling greenlet, so
 * code that calls `time.sleep(...)` behaves both ways. As in Python, a reference taken before
 * patching (`const { sleep } = time`) keeps blocking.
 *
 * @example
 * ```ts
 * import { spawn, joinAll } from '@coro/gevent';
 * import { patchAll, time } from '@coro/gevent/monkey';
 *
 * function* work(name: string) {
 *   for (let i = 0; i < 3; i++) {
 *     console.log(`${name}---${i}`);
 *     yield* time.sleep(100); // blocks the thread unless patched
 *   }
 * }
 * patchAll();
 * await joinAll([spawn(work, 'Work1'), spawn(work, 'Work2')]); // interleaves, ≈0.3 s
 * ```
 */
export const time = {
  /**
   * Sleep `ms` milliseconds: a thread-blocking sleep unpatched, the hub's `sleep(ms)` patched.
   * Must be used with `yield*`, patched or not; unpatched it blocks when the Operation runs and
   * returns without ever yielding.
   */
  sleep(ms: number): Operation<void> {
    const duration = checkDuration(ms);
    return {
      *[Symbol.iterator]() {
        blockingSleep(duration);
      },
    };
  },

  /** Seconds since the Unix epoch as a float, like Python's `time.time()` (for `countTime`-style reports). */
  time(): number {
    return Date.now() / 1000;
  },

  /** Seconds on a monotonic clock, like Python's `time.monotonic()`: the right clock for measuring elapsed time. */
  monotonic(): number {
    return performance.now() / 1000;
  },
};
