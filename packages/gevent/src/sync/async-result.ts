import type { Instruction } from '@coro/core';
import type { GetOptions } from '../greenlet/greenlet.js';
import { Linkable, parkBehind, parkOn } from './linkable.js';
import type { LinkTarget } from '../greenlet/links.js';
import { type Blocking, blocking } from '../hub/operation.js';
import { Timeout } from '../timeout.js';

/**
 * What an {@link AsyncResult} copies when used as a link target: a finished greenlet (or another AsyncResult).
 *
 * @example
 * ```ts
 * const outcome: Outcome = spawn(() => 1);
 * ```
 */
export interface Outcome {
  /** True if it ended with a value. */
  successful(): boolean;
  /** The value, when successful. */
  readonly value: unknown;
  /** The error, when not. */
  readonly exception: unknown;
}

const getOp = /* @__PURE__ */ blocking('get', function* <T>(result: AsyncResult<T>, block: boolean, timeout: number | Timeout | undefined): Generator<Instruction, T, unknown> {
  if (!result.ready()) {
    if (!block) throw new Timeout();
    // A Timeout of our own is raised, not swallowed: get() raises on timeout.
    const t = timeout instanceof Timeout ? timeout : timeout === undefined ? undefined : new Timeout(timeout);
    if (!(yield* parkOn(result, t))) throw t ?? new Timeout();
  }
  if (result.successful()) return result.value as T;
  throw result.exception;
});

const waitOp = /* @__PURE__ */ blocking('wait', function* <T>(result: AsyncResult<T>, timeout: number | Timeout | undefined): Generator<Instruction, T | undefined, unknown> {
  if (!result.ready()) {
    yield* parkOn(result, timeout);
    return result.value;
  }
  // Ready, but its notification pass is still queued: line up behind those waiters, as gevent's
  // _wait does (get() does not), and return the value seen on entry.
  const value = result.value;
  if (result.notifying) yield* parkBehind(result);
  return value;
});

/**
 * A one-shot box for a value or an error, that greenlets can wait for (a deferred). It can be a
 * link target: `g.link(result)` copies the greenlet's outcome into it.
 *
 * @typeParam T - the value's type.
 * @example
 * ```ts
 * import { AsyncResult, spawn } from '@coro/gevent';
 * const answer = new AsyncResult<number>();
 * spawn(function* () { answer.set(42); });
 * console.log(await answer.get()); // 42
 * ```
 */
export class AsyncResult<T = unknown> extends Linkable implements LinkTarget<Outcome> {
  // A value and an error are kept side by side, as gevent does: set() does not erase an error and
  // setException() does not erase a value; once a value is set it wins (get, successful, wait).
  private hasValue = false;
  private hasError = false;
  private stored: T | undefined = undefined;
  private error: unknown = undefined;

  /** True once set (with a value or an error). */
  ready(): boolean {
    return this.hasValue || this.hasError;
  }

  /** True once set with a value (even if `setException` was called too). */
  successful(): boolean {
    return this.hasValue;
  }

  /** The value, or `undefined` while unset or failed. */
  get value(): T | undefined {
    return this.stored;
  }

  /** The error given to `setException`, or `undefined` if it was never called. */
  get exception(): unknown {
    return this.error;
  }

  /**
   * gevent's `exc_info`: `[]` unless it holds an error, then `[type, error, stack]` — the error's
   * constructor (`undefined` for `null`/`undefined`), the error itself, and its `stack` when it
   * is an `Error` (Python has no traceback there either unless one was passed).
   *
   * @example
   * ```ts
   * const result = new AsyncResult();
   * result.setException(new RangeError('bad'));
   * const [type, error] = result.excInfo; // [RangeError, the error, …]
   * ```
   */
  get excInfo(): readonly [] | readonly [type: (abstract new (...args: never[]) => unknown) | undefined, value: unknown, stack: string | undefined] {
    if (!this.hasError) return [];
    const error = this.error;
    const type = error === null || error === undefined ? undefined : (Object(error) as { constructor: abstract new (...args: never[]) => unknown }).constructor;
    return [type, error, error instanceof Error ? error.stack : undefined];
  }

  /**
   * Store `value` and wake the waiters. May be called again (the last value wins, and a value
   * wins over an error).
   *
   * @example
   * ```ts
   * result.set(42);
   * ```
   */
  set(value?: T): void {
    this.hasValue = true;
    this.stored = value;
    this.checkAndNotify();
  }

  /**
   * Store an error and wake the waiters; `get()` raises this very error (unless a value was set:
   * the value wins).
   *
   * @example
   * ```ts
   * result.setException(new Error('failed'));
   * ```
   */
  setException(error: unknown): void {
    this.hasError = true;
    this.error = error;
    this.checkAndNotify();
  }

  /**
   * The value, or the stored error raised. Not ready with `block: false`, or after `timeout` → `Timeout`.
   *
   * @example
   * ```ts
   * const v = yield* result.get({ timeout: 100 });
   * ```
   */
  get(options?: GetOptions): Blocking<T> {
    return getOp(this, options?.block ?? true, options?.timeout);
  }

  /**
   * `get({ block: false })`.
   *
   * @example
   * ```ts
   * const v = yield* result.getNowait();
   * ```
   */
  getNowait(): Blocking<T> {
    return getOp(this, false, undefined);
  }

  /**
   * Wait until set; returns the value (`undefined` if it holds an error or `timeout` passed). Never raises the stored error.
   *
   * @example
   * ```ts
   * const v = yield* result.wait(100);
   * ```
   */
  wait(timeout?: number | Timeout): Blocking<T | undefined> {
    return waitOp(this, timeout);
  }

  /**
   * `concurrent.futures` spelling of `get({ timeout })`, as in gevent.
   *
   * @example
   * ```ts
   * const v = yield* result.result(100);
   * ```
   */
  result(timeout?: number | Timeout): Blocking<T> {
    return getOp(this, true, timeout);
  }

  /** `concurrent.futures` spelling of `set`. */
  setResult(value?: T): void {
    this.set(value);
  }

  /** `concurrent.futures` spelling of `ready()`. */
  done(): boolean {
    return this.ready();
  }

  /** Always false: an AsyncResult cannot be cancelled (gevent's `cancel()`). */
  cancel(): boolean {
    return false;
  }

  /** Always false (gevent's `cancelled()`). */
  cancelled(): boolean {
    return false;
  }

  /** @internal as a link target: copy the outcome of the greenlet that finished. */
  onLink(source: Outcome): void {
    if (source.successful()) this.set(source.value as T);
    else this.setException(source.exception);
  }

  override toString(): string {
    const state = !this.ready() ? 'unset' : this.hasValue ? `value=${String(this.stored)}` : `exception=${String(this.error)}`;
    return `<AsyncResult ${state}, ${this.links.length} waiters>`;
  }
}
