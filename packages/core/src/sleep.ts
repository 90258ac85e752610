import type { AwaitableOperation } from './awaitable.js';
import type { Host, Resume, Teardown } from './operation.js';
import { checkDuration } from './duration.js';
import { SuspendOperation } from './suspend-operation.js';

/**
 * Wait `ms` milliseconds on the clock of whoever runs the coroutine (a real clock, or a
 * {@link VirtualClock} in tests). `sleep(0)` still waits for a timer turn; a bare `yield` is the
 * cheaper way to let other tasks run.
 *
 * @example
 * ```ts
 * import { run, sleep } from '@coro/core';
 *
 * await run(function* () {
 *   yield* sleep(100);
 *   console.log('a tenth of a second later');
 * });
 * ```
 */
export function sleep(ms: number): AwaitableOperation<void> {
  return new Sleep(checkDuration('sleep', 'ms', ms, true));
}

class Sleep extends SuspendOperation<void> {
  constructor(private readonly ms: number) {
    super();
  }

  enter(resume: Resume<void>, host: Host): Teardown | void {
    if (this.ms === Infinity) return;
    const clock = host.clock;
    const timer = clock.setTimer(this.ms, () => resume.resolve());
    return () => clock.clearTimer(timer);
  }

  override toString(): string {
    return `sleep(${this.ms})`;
  }
}
