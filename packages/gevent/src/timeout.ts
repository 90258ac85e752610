import { nameClass } from './class-hooks.js';
import { describeValue } from './describe-value.js';
import { getCurrent, getHub } from './hub/current.js';
import type { Firable } from './hub/firable.js';
import type { Hub } from './hub/hub.js';
import type { RawGreenlet } from './hub/raw-greenlet.js';
import type { Timer } from '@coro/core';

/**
 * What a {@link Timeout} raises when it fires: nothing given, `false` or a string → the Timeout
 * itself; an Error class → a new instance of it; any other value → that value.
 */
export type TimeoutException = unknown;

/**
 * Options for a {@link Timeout}.
 *
 * @example
 * ```ts
 * new Timeout(100, undefined, { ref: false });
 * ```
 */
export interface TimeoutOptions {
  /** `false`: the armed timeout does not keep the hub or the process alive. */
  ref?: boolean;
}

function describe(ms: number | undefined, exception: unknown): string {
  if (ms === undefined) return '';
  const base = `${ms} ms`;
  if (exception === false) return `${base} (silent)`;
  if (typeof exception === 'string') return `${base}: ${exception}`;
  // gevent's str(Timeout(2, ValueError('boom'))) is '2 seconds: boom'.
  if (exception instanceof Error && exception.message !== '') return `${base}: ${exception.message}`;
  return base;
}

/**
 * Raise an error in the greenlet that started it, `ms` milliseconds later, at whatever blocking
 * call it is parked in — a timeout around any Operation. It is also an Error: by default the
 * Timeout itself is what is raised, so check `e === myTimeout` before handling it: an enclosing
 * Timeout must not be swallowed. Release it with `close()`, or with `using`.
 *
 * @example
 * ```ts
 * import { Timeout, sleep } from '@coro/gevent';
 * function* fetchAll() {
 *   using timeout = Timeout.startNew(1000);
 *   try {
 *     yield* sleep(5000);
 *   } catch (e) {
 *     if (e !== timeout) throw e;
 *     console.log('gave up after 1 s');
 *   }
 * }
 * ```
 */
export class Timeout extends Error implements Firable, Disposable {
  // The bundle names a class that refers to itself `_Timeout`; it is Timeout.
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #name = /* @__PURE__ */ nameClass(this, 'Timeout');
  /** Always `"Timeout"`. */
  override readonly name = 'Timeout';
  /** Milliseconds until it fires once started; `undefined` never fires. */
  readonly ms: number | undefined;
  /** What is raised: see {@link TimeoutException}. */
  readonly exception: TimeoutException;
  /** Whether an armed timeout keeps the hub alive. */
  readonly ref: boolean;
  private timer: Timer | null = null;
  private hub: Hub | null = null;
  private target: RawGreenlet | null = null;
  private closed = false;

  /**
   * @param ms - milliseconds; `undefined` for a timeout that never fires
   * @param exception - what to raise instead of the Timeout itself
   * @param options - `ref`
   */
  constructor(ms?: number, exception?: TimeoutException, options?: TimeoutOptions) {
    if (ms !== undefined && (typeof ms !== 'number' || Number.isNaN(ms))) throw new TypeError(`Timeout: ms must be a number of milliseconds or undefined, got ${describeValue(ms)}`);
    if (ms !== undefined && ms < 0) throw new RangeError(`Timeout: ms must not be negative, got ${ms}`);
    super(describe(ms, exception));
    this.ms = ms;
    this.exception = exception;
    this.ref = options?.ref ?? true;
  }

  /**
   * Create and start a Timeout; given a Timeout, start it unless it is pending and return it.
   *
   * @example
   * ```ts
   * const t = Timeout.startNew(100);
   * ```
   */
  static startNew(ms?: number | Timeout, exception?: TimeoutException, options?: TimeoutOptions): Timeout {
    if (ms instanceof Timeout) {
      if (!ms.pending) ms.start();
      return ms;
    }
    return new Timeout(ms, exception, options).start();
  }

  /** True while armed: started and neither fired nor cancelled. */
  get pending(): boolean {
    return this.timer !== null;
  }

  /**
   * Arm it: when it fires, its exception is raised in the greenlet current now.
   *
   * @example
   * ```ts
   * const t = new Timeout(50).start();
   * ```
   */
  start(): this {
    if (this.timer !== null) throw new Error(`${String(this)} is already started; to restart it, cancel it first`);
    if (this.closed) throw new Error('Timeout.start: this Timeout was closed; create a new one');
    if (this.ms === undefined) return this;
    this.hub = getHub();
    this.target = getCurrent();
    this.timer = this.hub.timer(this.ms, this, 0, this.ref);
    return this;
  }

  /**
   * Disarm it; it can be started again.
   *
   * @example
   * ```ts
   * t.cancel();
   * ```
   */
  cancel(): void {
    if (this.timer !== null) {
      this.hub!.cancelTimer(this.timer);
      this.timer = null;
    }
  }

  /**
   * Disarm it for good (what `using` does).
   *
   * @example
   * ```ts
   * t.close();
   * ```
   */
  close(): void {
    this.cancel();
    this.target = null;
    this.closed = true;
  }

  /** @internal the timer fired. */
  fire(): void {
    this.timer = null;
    const target = this.target!;
    this.hub!.throwInto(target, this.raised());
  }

  /** What firing raises. */
  private raised(): unknown {
    const exception = this.exception;
    if (exception === undefined || exception === false || typeof exception === 'string') return this;
    if (typeof exception === 'function') return new (exception as new () => unknown)();
    return exception;
  }

  /** Closes it: `using t = Timeout.startNew(100)`. */
  [Symbol.dispose](): void {
    this.close();
  }

  override toString(): string {
    return this.message === '' ? 'Timeout' : `Timeout: ${this.message}`;
  }
}

/**
 * The timer an API with a `timeout` argument uses: `undefined` → none; a number → a new started
 * Timeout; a Timeout → that one, started if it is not pending (spec §2, last column).
 */
export function startOwnTimeout(timeout: number | Timeout | undefined, name = 'timeout'): Timeout | null {
  if (timeout === undefined) return null;
  if (timeout instanceof Timeout) return Timeout.startNew(timeout);
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) throw new TypeError(`${name} must be a number of milliseconds, a Timeout, or undefined; got ${describeValue(timeout)}`);
  if (timeout < 0) throw new RangeError(`${name} must not be negative, got ${timeout}`);
  return new Timeout(timeout).start();
}
