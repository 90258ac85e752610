import type { Clock } from './clock.js';

/**
 * Undoes whatever an instruction set up while its coroutine was parked (a timer, a listener, a
 * waiter in a queue). Drivers call it exactly once: after the coroutine is resumed, or when it is
 * cancelled while parked.
 */
export type Teardown = () => void;

/**
 * How a parked coroutine is woken. Exactly one of the two takes effect; later calls are ignored,
 * so a late timer or a promise that settles after a cancel cannot resume the wrong step.
 *
 * @example
 * ```ts
 * const tick: Suspend<number> = { enter: (resume) => { resume.resolve(42); } };
 * ```
 */
export interface Resume<T> {
  /** Resume the coroutine: its `yield` evaluates to `value`. */
  resolve(value: T): void;
  /** Resume the coroutine by throwing `error` at its `yield`. */
  reject(error: unknown): void;
}

/**
 * What the driver running the coroutine offers an instruction: the clock every timer must use
 * (so the same code runs on a real or a virtual clock), and an abort signal that fires when the
 * coroutine that parked is cancelled or killed (for handing to `fetch` and friends).
 *
 * @example
 * ```ts
 * const now: Suspend<number> = { enter: (resume, host) => { resume.resolve(host.clock.now()); } };
 * ```
 */
export interface Host {
  /** The clock of the scheduler or hub running this coroutine. */
  readonly clock: Clock;
  /** Aborts when the parked coroutine is cancelled; the reason is the cancellation error. */
  readonly signal: AbortSignal;
}

/**
 * The one instruction every driver (core's scheduler, greenlet's trampoline hosted by a gevent
 * hub) understands: park this coroutine, call `enter`, and resume it when `enter`'s `resume`
 * is called. `enter` may return a teardown.
 *
 * @example
 * ```ts
 * import { type Suspend } from '@coro/core';
 * const never: Suspend<never> = { enter: () => undefined };
 * ```
 */
export interface Suspend<T = unknown> {
  /** Park: arrange for `resume` to be called later, and return how to undo that arrangement. */
  enter(resume: Resume<T>, host: Host): Teardown | void;
}

/**
 * What a coroutine may `yield`: `undefined` (a bare `yield`) hands the turn to the next ready
 * coroutine, a {@link Suspend} parks it. Other packages' drivers add their own instructions
 * (greenlet's switch requests), always objects, told apart by `instanceof`.
 *
 * @example
 * ```ts
 * function* polite(): Generator<Instruction, void, unknown> {
 *   yield; // let the others run
 * }
 * ```
 */
export type Instruction = Suspend<any> | undefined | object;

/**
 * Something you `yield*` inside a coroutine to get a `T`: a sleep, a join, a channel receive, a
 * greenlet switch. It is only an iterable, which is why `yield*` is fully typed:
 * `const n: number = yield* op`.
 *
 * An Operation does nothing until it is delegated to. Creating one and dropping it
 * (`sleep(100);` without `yield*`) is the commonest bug in generator code: drivers report it at
 * run time, and the `coro/no-dropped-operation` lint rule reports it at build time.
 *
 * @example
 * ```ts
 * import { run, sleep, type Operation } from '@coro/core';
 *
 * function* twice(ms: number): Operation<number> {
 *   yield* sleep(ms);
 *   yield* sleep(ms);
 *   return 2 * ms;
 * }
 * const total = await run(() => twice(10)); // 20
 * ```
 */
export interface Operation<T> {
  /** Start this operation's steps; `yield*` calls it for you. */
  [Symbol.iterator](): Iterator<Instruction, T, any>;
}

/**
 * What `spawn` runs: any {@link Operation}, or a generator whose yields are left untyped
 * (`Generator<unknown, T>`), as hand-annotated generator functions often are.
 *
 * @example
 * ```ts
 * function* worker(): Generator<unknown, number> { yield; return 1; }
 * const body: Coroutine<number> = worker();
 * ```
 *
 * @typeParam T - the result.
 */
export type Coroutine<T> = Operation<T> | Generator<unknown, T, any>;
