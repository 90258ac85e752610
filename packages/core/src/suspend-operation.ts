import { claim, track } from './dropped-operation.js';
import { unwrap } from './hand-off.js';
import { type AwaitableOperation, runWhenAwaited } from './awaitable.js';
import type { Host, Instruction, Resume, Suspend, Teardown } from './operation.js';

const FRESH = 0;
const STARTED = 1;
const PARKED = 2;
const FINISHED = 3;

/**
 * The base of core's waiting operations: an {@link Operation} that is also its own
 * {@link Suspend} instruction and, the first time it is delegated to, its own iterator — one
 * object per `yield* sleep(…)`. Delegating to it again (or twice at once) gets a fresh iterator.
 * Subclasses implement `enter` and `toString` (the label errors and `inspect()` show). From
 * ordinary code it can be awaited: it then runs as a root task on the default scheduler.
 * Creating one inside a coroutine registers it with the dropped-operation check.
 *
 * @example
 * ```ts
 * class Now extends SuspendOperation<number> {
 *   enter(resume: Resume<number>, host: Host) { resume.resolve(host.clock.now()); }
 *   override toString() { return 'now()'; }
 * }
 * const t: number = yield* new Now();
 * ```
 *
 * @typeParam T - what `yield*` evaluates to.
 */
export abstract class SuspendOperation<T> implements AwaitableOperation<T>, Suspend<T>, Iterator<Instruction, T, any> {
  private phase = FRESH;
  /** @internal */
  trackedIn = 0;

  constructor() {
    track(this);
  }

  /** Park the coroutine; see {@link Suspend.enter}. */
  abstract enter(resume: Resume<T>, host: Host): Teardown | void;

  /** Start the operation (`yield*` calls this). */
  [Symbol.iterator](): Iterator<Instruction, T, any> {
    claim(this);
    if (this.phase === FRESH) {
      this.phase = STARTED;
      return this;
    }
    return new SuspendIterator(this);
  }

  /** Await from ordinary code: runs the operation as a root task on the default scheduler. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return runWhenAwaited(this, onfulfilled, onrejected);
  }

  /** Iterator protocol: yields this instruction once, then returns the resumed value. */
  next(value?: unknown): IteratorResult<Instruction, T> {
    if (this.phase === STARTED) {
      this.phase = PARKED;
      return { done: false, value: this };
    }
    this.phase = FINISHED;
    return { done: true, value: unwrap(value) as T }; // a HandOff carries the value (hand-off.ts)
  }

  /** Iterator protocol: a rejected wait surfaces at the `yield*`. */
  throw(error: unknown): IteratorResult<Instruction, T> {
    this.phase = FINISHED;
    throw error;
  }

  /** Iterator protocol: the coroutine is being cancelled. */
  return(value?: unknown): IteratorResult<Instruction, T> {
    this.phase = FINISHED;
    return { done: true, value: value as T };
  }
}

/** Iterates any Suspend instruction once: yield it, return the value it is resumed with. */
export class SuspendIterator<T> implements Iterator<Instruction, T, any> {
  private parked = false;
  constructor(private readonly instruction: Suspend<T>) {}

  next(value?: unknown): IteratorResult<Instruction, T> {
    if (this.parked) return { done: true, value: unwrap(value) as T };
    this.parked = true;
    return { done: false, value: this.instruction };
  }

  throw(error: unknown): IteratorResult<Instruction, T> {
    throw error;
  }

  return(value?: unknown): IteratorResult<Instruction, T> {
    return { done: true, value: value as T };
  }
}

/**
 * Make an Operation from an `enter` function: the quickest way to wrap a callback API.
 *
 * @example
 * ```ts
 * const tick = (ms: number) => action<void>((resume, host) => {
 *   const timer = host.clock.setTimer(ms, () => resume.resolve());
 *   return () => host.clock.clearTimer(timer);
 * }, `tick(${ms})`);
 * yield* tick(10);
 * ```
 *
 * @typeParam T - what `yield*` evaluates to.
 */
export function action<T>(enter: (resume: Resume<T>, host: Host) => Teardown | void, label = 'action()'): AwaitableOperation<T> {
  if (typeof enter !== 'function') throw new TypeError(`action: enter must be a function, got ${typeof enter}`);
  return new Action(enter, label);
}

class Action<T> extends SuspendOperation<T> {
  constructor(
    private readonly run: (resume: Resume<T>, host: Host) => Teardown | void,
    private readonly label: string,
  ) {
    super();
  }
  enter(resume: Resume<T>, host: Host): Teardown | void {
    return this.run(resume, host);
  }
  override toString(): string {
    return this.label;
  }
}
