import type { Instruction, Operation } from '@coro/core';
import { GreenletError } from './errors.js';
import type { greenlet } from './greenlet.js';

/**
 * What `g.switch(...)` and `g.throw(...)` return. Inside a greenlet it is an `Operation` (from @coro/core):
 * `const v = yield* g.switch(x)` suspends the caller and evaluates to what the next transfer back
 * carries. From the main greenlet (ordinary code) the switch has already happened when the call
 * returns, and {@link SwitchValue.value} holds the result: `const v = g.switch(x).value`.
 *
 * (An intersection rather than an interface extending Operation, so that the
 * `coro/no-dropped-operation` lint rule sees the Operation in it and reports `g.switch();`
 * written without `yield*` inside a generator.)
 *
 * @typeParam T - what the switch evaluates to (`unknown` unless you say: `g.switch<number>()`).
 * @example
 * ```ts
 * import { greenlet, getCurrent, type Switch } from '@coro/greenlet';
 * const echo = new greenlet(function* (first: unknown) {
 *   let v = first;
 *   for (;;) v = yield* getCurrent().parent!.switch(v);
 * });
 * const s: Switch<string> = echo.switch<string>('hi'); // from main: runs now
 * console.log(s.value); // "hi"
 * ```
 */
export type Switch<T> = Operation<T> & SwitchValue<T>;

/**
 * The synchronous face of a {@link Switch}.
 *
 * @typeParam T - what the switch evaluated to.
 * @example
 * ```ts
 * import { greenlet } from '@coro/greenlet';
 * const answer: number = new greenlet(() => 42).switch<number>().value;
 * ```
 */
export interface SwitchValue<T> {
  /**
   * The value the switch returned. Only a switch made from the main greenlet has one; inside a
   * greenlet reading it throws {@link GreenletError} (delegate with `yield*` instead).
   */
  readonly value: T;
}

/** A transfer carries values (`switch`, {@link VALUE}) or an error to raise at the receiver (`throw`, {@link THROW}). */
export type Mode = typeof VALUE | typeof THROW;
/** The transfer carries values. */
export const VALUE = 0;
/** The transfer carries an error. */
export const THROW = 1;

/**
 * The switch request of one greenlet, reused for every switch it makes (a greenlet waits in at
 * most one switch at a time), so the switch path allocates nothing. It is its own iterator:
 * the first `next()` hands the request itself to the trampoline, the second returns the value the
 * greenlet is resumed with. `armed` is set between `g.switch()` and the `yield*` that consumes it:
 * a request still armed when its greenlet yields something else or finishes was dropped.
 */
export class SwitchOp implements Operation<unknown>, SwitchValue<unknown>, Iterator<Instruction, unknown, unknown> {
  target: greenlet | undefined = undefined;
  mode: Mode = VALUE;
  argc = 0;
  arg0: unknown = undefined;
  args: unknown[] | undefined = undefined;
  armed = false;
  private readonly request: IteratorYieldResult<Instruction> = { value: this, done: false };
  /**
   * The reusable result of the second `next()`. The trampoline empties it once the value has been
   * taken (drive.ts), so that a suspended or dead greenlet keeps nothing it was resumed with.
   * @internal
   */
  readonly result: { value: unknown; done: true } = { value: undefined, done: true };

  get value(): never {
    this.armed = false;
    const verb = this.mode === THROW ? 'throw' : 'switch';
    throw new GreenletError(
      `g.${verb}() was called inside a running greenlet: delegate to it with \`const v = yield* g.${verb}(...)\`. ` +
        'Reading .value (a synchronous switch) only works from the main greenlet, outside every greenlet step.',
    );
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(value?: unknown): IteratorResult<Instruction, unknown> {
    if (this.armed) {
      this.armed = false;
      return this.request;
    }
    const result = this.result;
    result.value = value;
    return result;
  }

  throw(error?: unknown): never {
    this.armed = false;
    throw error;
  }

  return(value?: unknown): IteratorReturnResult<unknown> {
    this.armed = false;
    return { value, done: true };
  }
}

/** A switch made from the main greenlet: it has already run, and carries its result. */
export class SwitchResult<T> implements Operation<T>, SwitchValue<T> {
  constructor(readonly value: T) {}

  *[Symbol.iterator](): Iterator<Instruction, T, unknown> {
    return this.value;
  }
}
