import type { Instruction } from '@coro/core';
import { describeValue } from '../describe-value.js';
import { getHub } from './current.js';
import { type Blocking, blocking, makeAwaitable, PARK } from './operation.js';

const PARKED: IteratorResult<Instruction, void> = /* @__PURE__ */ Object.freeze({ done: false, value: PARK });
const DONE: IteratorResult<Instruction, void> = /* @__PURE__ */ Object.freeze({ done: true, value: undefined });

/**
 * `sleep(0)` is the hottest call in gevent code, so it allocates nothing: one shared iterator
 * whose only state (parked or not) lives on the greenlet.
 */
const sleepZero = /* @__PURE__ */ makeAwaitable({
  [Symbol.iterator]() {
    return this;
  },
  next(): IteratorResult<Instruction, void> {
    const hub = getHub();
    const g = hub.blockingCurrent();
    if (g.inSleep0) {
      g.inSleep0 = false;
      return DONE;
    }
    g.inSleep0 = true;
    hub.wake(g, g.epoch, undefined);
    return PARKED;
  },
  throw(error: unknown): IteratorResult<Instruction, void> {
    getHub().current.inSleep0 = false;
    throw error;
  },
  return(): IteratorResult<Instruction, void> {
    getHub().current.inSleep0 = false;
    return DONE;
  },
});

const sleepFor = /* @__PURE__ */ blocking('sleep', function* (ms: number, ref: boolean): Generator<Instruction, void, unknown> {
  const hub = getHub();
  const g = hub.blockingCurrent();
  const timer = hub.timer(ms, g, g.epoch, ref);
  try {
    yield PARK;
  } finally {
    hub.cancelTimer(timer);
  }
});

/**
 * Options for {@link sleep}.
 *
 * @example
 * ```ts
 * yield* sleep(1000, { ref: false }); // does not keep the process alive
 * ```
 */
export interface SleepOptions {
  /** `false`: this sleep does not keep the hub (`join()`, `LoopExit`) or the process alive. */
  ref?: boolean;
}

/**
 * Block the current greenlet for at least `ms` milliseconds. `sleep(0)` (or a bare `yield`)
 * only lets every other ready greenlet run first: the caller resumes after the callbacks already
 * queued, before timers.
 *
 * @example
 * ```ts
 * import { spawn, sleep } from '@coro/gevent';
 * spawn(function* () {
 *   yield* sleep(100);
 *   console.log('100 ms later');
 * });
 * await sleep(200); // from ordinary code, await it
 * ```
 */
export function sleep(ms = 0, options?: SleepOptions): Blocking<void> {
  if (typeof ms !== 'number' || Number.isNaN(ms)) throw new TypeError(`sleep: ms must be a number of milliseconds, got ${describeValue(ms)}`);
  if (ms <= 0) return sleepZero as unknown as Blocking<void>;
  return sleepFor(ms, options?.ref ?? true);
}
