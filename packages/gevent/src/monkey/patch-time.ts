import type { Operation } from '@coro/core';
import { sleep as hubSleep } from '../hub/sleep.js';
import { isAreaPatched, markPatched, replace } from './registry.js';
import { checkDuration, time } from './time.js';

function cooperativeSleep(ms: number): Operation<void> {
  return hubSleep(checkDuration(ms));
}

/**
 * gevent's `patch_time()`: replace {@link time}`.sleep` in place with the hub's `sleep`, so the
 * same `yield* time.sleep(ms)` parks only the calling greenlet instead of blocking the thread.
 * Idempotent; does not start the hub.
 *
 * @example
 * ```ts
 * import { patchTime, time, getOriginal } from '@coro/gevent/monkey';
 * patchTime();
 * console.log(time.sleep === getOriginal('time', 'sleep')); // false: now cooperative
 * ```
 */
export function patchTime(): void {
  if (isAreaPatched('time')) return;
  replace('time', time, 'sleep', cooperativeSleep);
  markPatched('time');
}
