import type { AwaitableOperation } from './awaitable.js';
import type { Host, Resume, Teardown } from './operation.js';
import { SuspendOperation } from './suspend-operation.js';
import { VirtualClock } from './virtual-clock.js';

/**
 * Wait for a promise inside a coroutine: `const body = yield* wait(response.text())`. The
 * coroutine is resumed with the value or has the rejection thrown at the `yield*`. While it
 * waits, a {@link VirtualClock} does not jump ahead (the promise may settle any moment).
 *
 * @example
 * ```ts
 * import { run, wait } from '@coro/core';
 *
 * const text = await run(function* () {
 *   const response = yield* wait(fetch('https://example.com'));
 *   return yield* wait(response.text());
 * });
 * ```
 *
 * @typeParam T - the promise's value.
 */
export function wait<T>(promise: PromiseLike<T> | T): AwaitableOperation<Awaited<T>> {
  return new Wait(promise);
}

class Wait<T> extends SuspendOperation<Awaited<T>> {
  constructor(private readonly promise: PromiseLike<T> | T) {
    super();
  }

  enter(resume: Resume<Awaited<T>>, host: Host): Teardown | void {
    const clock = host.clock;
    const release = clock instanceof VirtualClock ? clock.hold() : undefined;
    Promise.resolve(this.promise).then(
      (value) => {
        release?.();
        resume.resolve(value);
      },
      (error: unknown) => {
        release?.();
        resume.reject(error);
      },
    );
    return release;
  }

  override toString(): string {
    return 'wait(promise)';
  }
}
