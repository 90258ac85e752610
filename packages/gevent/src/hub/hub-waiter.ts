import type { Instruction } from '@coro/core';
import { ConcurrentObjectUseError } from '../errors.js';
import { getHub } from './current.js';
import type { Hub } from './hub.js';
import { type Blocking, blocking, PARK } from './operation.js';
import type { RawGreenlet } from './raw-greenlet.js';

const NONE: unique symbol = Symbol('none');

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

const getOp = /* @__PURE__ */ blocking('get', function* <T>(waiter: Waiter<T>): Generator<Instruction, T, unknown> {
  if (waiter.ready()) return waiter.take();
  const hub = waiter.hub;
  if (waiter.greenlet !== null) throw new ConcurrentObjectUseError(`This Waiter is already used by ${String(waiter.greenlet)}`);
  const me = hub.blockingCurrent();
  waiter.greenlet = me;
  waiter.epoch = me.epoch;
  try {
    return (yield PARK) as T;
  } finally {
    waiter.greenlet = null;
  }
});

/**
 * gevent's `gevent.hub.Waiter`: a one-shot hand-off between the hub and one greenlet. The
 * greenlet blocks in `get()`; a hub callback (a watcher's, `runCallback`'s) calls `switch(value)`
 * or `throw(error)` and the greenlet resumes at once with it. A value switched in before anyone
 * waits is kept for the next `get()`. Low level: most code wants {@link AsyncResult} or {@link Event}.
 *
 * @typeParam T - what `switch` hands over.
 * @example
 * ```ts
 * import { getHub, spawn, Waiter } from '@coro/gevent';
 * const waiter = new Waiter<string>();
 * const timer = getHub().loop.timer(10);
 * timer.start(() => waiter.switch('tick'));
 * console.log(await waiter.get()); // tick
 * ```
 */
export class Waiter<T = unknown> {
  /** The greenlet blocked in `get()`, or `null`. */
  greenlet: RawGreenlet | null = null;
  /** @internal the waiting greenlet's epoch when it parked. */
  epoch = -1;
  private kept: T | typeof NONE = NONE;
  private error: unknown = NONE;

  constructor(
    /** The hub whose callbacks switch it. */
    readonly hub: Hub = getHub(),
  ) {}

  /**
   * Hand `value` to the waiting greenlet now (only from the hub: a hub callback), or keep it for
   * the next `get()` if nobody waits.
   */
  switch(value: T): void {
    const g = this.greenlet;
    if (g === null) {
      this.kept = value;
      this.error = NONE;
      return;
    }
    if (this.hub.current !== this.hub) throw new Error('Can only use Waiter.switch method from the Hub greenlet');
    if (g.epoch === this.epoch) this.hub.resume(g, value, false);
  }

  /** Raise `error` in the waiting greenlet now (only from the hub), or keep it for the next `get()`. */
  throw(error: unknown): void {
    const g = this.greenlet;
    if (g === null) {
      this.kept = NONE;
      this.error = error;
      return;
    }
    if (this.hub.current !== this.hub) throw new Error('Can only use Waiter.throw method from the Hub greenlet');
    if (g.epoch === this.epoch) this.hub.resume(g, error, true);
  }

  /**
   * The value (or error) already handed over, else block until a hub callback switches it in.
   * `ConcurrentObjectUseError` if another greenlet is already waiting.
   */
  get(): Blocking<T> {
    return getOp<T>(this);
  }

  /** @internal return the kept value, or raise the kept error. */
  take(): T {
    if (this.error !== NONE) throw this.error;
    return this.kept as T;
  }

  /** True once a value or an error was handed over and kept. */
  ready(): boolean {
    return this.kept !== NONE || this.error !== NONE;
  }

  /** True once a value (not an error) was kept. */
  successful(): boolean {
    return this.kept !== NONE;
  }

  /** The kept value, or `undefined` (gevent's `Waiter.value`, `None` until a value is switched in). */
  get value(): T | undefined {
    return this.kept === NONE ? undefined : this.kept;
  }

  /** The kept error, or `undefined`. */
  get exception(): unknown {
    return this.error === NONE ? undefined : this.error;
  }

  /** Forget a kept value or error. */
  clear(): void {
    this.kept = NONE;
    this.error = NONE;
  }

  /** `<Waiter greenlet=None value=25>`, as gevent prints it. */
  toString(): string {
    const who = this.greenlet === null ? 'None' : String(this.greenlet);
    if (this.error !== NONE) return `<Waiter greenlet=${who} exc_info=(${shown(this.error)},)>`;
    if (this.kept !== NONE) return `<Waiter greenlet=${who} value=${shown(this.kept)}>`;
    return `<Waiter greenlet=${who}>`;
  }
}
