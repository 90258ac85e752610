import { claim, type Instruction, type Timer, track } from '@coro/core';
import { describeValue } from '../describe-value.js';
import { getHub } from './current.js';
import type { Hub } from './hub.js';
import { type Blocking, makeAwaitable, PARK, thenRunInMain } from './operation.js';

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
    const current = hub.current;
    // Resumed: the cheap check first (only a greenlet that passed blockingCurrent() has it set).
    if (current.inSleep0) {
      current.inSleep0 = false;
      return DONE;
    }
    const g = hub.blockingCurrent();
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

/**
 * `sleep(ms)` for ms > 0. A hand-written iterator rather than a `blocking()` generator: a generator
 * suspended inside `try/finally` keeps a generator object and a register file (about 200 bytes)
 * for every sleeping greenlet; this keeps five fields. It behaves as that generator did: the first
 * `next()` arms the timer and parks, the next one (the timer fired) finishes, and a throw or return
 * while parked disarms the timer.
 */
class Sleep {
  /** Core's dropped-operation check (see track/claim). */
  trackedIn = 0;
  /** The hub that armed the timer (a blocking call stays with the hub it started in); `null` before the first step. */
  private hub: Hub | null = null;
  /** The armed timer while parked; `null` before the first step and once finished. */
  private timer: Timer | null = null;

  constructor(
    private readonly ms: number,
    private readonly ref: boolean,
  ) {
    track(this);
  }

  [Symbol.iterator](): this {
    claim(this);
    return this;
  }

  next(): IteratorResult<Instruction, void> {
    if (this.hub === null) {
      const hub = getHub();
      const g = hub.blockingCurrent();
      this.hub = hub;
      this.timer = hub.timer(this.ms, g, g.epoch, this.ref);
      return PARKED;
    }
    this.finish();
    return DONE;
  }

  throw(error: unknown): IteratorResult<Instruction, void> {
    this.finish();
    throw error;
  }

  return(value?: unknown): IteratorResult<Instruction, void> {
    this.finish();
    return { done: true, value: value as undefined };
  }

  then<R1 = void, R2 = never>(onFulfilled?: ((value: void) => R1 | PromiseLike<R1>) | null, onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return thenRunInMain.call(this, onFulfilled as (value: unknown) => unknown, onRejected as (reason: unknown) => unknown) as Promise<R1 | R2>;
  }

  toString(): string {
    return 'sleep(…)';
  }

  private finish(): void {
    if (this.timer !== null) this.hub!.cancelTimer(this.timer);
    this.timer = null;
  }
}

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
  return new Sleep(ms, options?.ref ?? true);
}
