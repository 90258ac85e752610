import type { Instruction } from '@coro/core';
import { greenlet, GreenletError, GreenletExit, type Switch } from '@coro/greenlet';
import { inspectWith } from '../class-hooks.js';
import { InvalidSwitchError } from '../errors.js';
import type { Firable } from './firable.js';
import { GreenletExtras } from './greenlet-extras.js';
import { WakeError } from './wake-error.js';
import { PARK } from './park.js';
import type { Hub } from './hub.js';

/** Never switched to and not scheduled. */
export const PENDING = 0;
/** Scheduled to start (a START entry is queued or a start timer is armed). */
export const SCHEDULED = 1;
/** Started and not finished. */
export const ACTIVE = 2;
/** Finished: returned, raised, or was killed. */
export const DEAD = 3;

/** Queue tag: start the greenlet. Non-negative tags are wake epochs. */
export const START = -1;
/** Queue tag: run the finished greenlet's links. */
export const NOTIFY = -2;

type StepIterator = Iterator<Instruction, unknown, unknown>;


/** What a switch made from a hub callback evaluates to: the hub gets control back, with nothing. */
const SWITCHED_BACK = /* @__PURE__ */ Object.freeze({
  value: undefined,
  *[Symbol.iterator](): Generator<Instruction, undefined, unknown> {
    return undefined;
  },
});

/**
 * What a greenlet that switched into a parked greenlet gets: delegated to (`yield*`), it stays
 * switched away until killed, as in gevent, where nothing switches back to it.
 */
const SWITCHED_AWAY = /* @__PURE__ */ Object.freeze({
  value: undefined,
  *[Symbol.iterator](): Generator<Instruction, undefined, unknown> {
    for (;;) yield PARK;
  },
});

let nextId = 0;
/** One shared, frozen argument list for the common call without arguments (and after the first step). */
const NO_ARGS: readonly unknown[] = /* @__PURE__ */ Object.freeze([]);

/**
 * A greenlet as the hub runs it: a function (usually a generator function, stepped with `yield*`
 * delegation) whose parent is the hub. It is a `@coro/greenlet` greenlet (`getCurrent()` from
 * that package returns it while it runs), but the hub steps it directly rather than through
 * switches, so `switch()`/`throw()` are refused: block with gevent's calls instead.
 * `spawnRaw` returns one; {@link Greenlet} adds results, links, join and kill.
 *
 * @example
 * ```ts
 * import { spawnRaw, sleep } from '@coro/gevent';
 * const raw = spawnRaw(function* () { yield* sleep(10); console.log('done'); });
 * console.log(raw.dead); // false
 * ```
 */
export class RawGreenlet extends greenlet implements Firable {
  /** The hub this greenlet runs in; also its parent. */
  readonly hub: Hub;
  /** @internal the running step iterator, once started. */
  gen: StepIterator | null = null;
  /**
   * @internal the function until the first step calls it, then its name (printing shows it, as
   * gevent's repr shows `_run` until the greenlet ends: the function itself, often a closure, is
   * not kept alive), then `null` once dead.
   */
  protected fn: ((...args: any[]) => unknown) | string | null;
  /** @internal */
  protected args: readonly unknown[];
  /** @internal incremented on every resume; a waker only counts if it holds the current epoch. */
  epoch = 0;
  /** @internal the epoch for which a wake-up is already queued. */
  scheduledEpoch = -1;
  /** @internal the value the queued wake-up delivers, or a {@link WakeError} it raises. */
  wakeValue: unknown = undefined;
  /** @internal PENDING, SCHEDULED, ACTIVE or DEAD. */
  state = PENDING;
  /** @internal set while parked in `sleep(0)` (its iterator is shared, so its state lives here). */
  inSleep0 = false;
  /** @internal the rarely used parts (a core Suspend it parks on, its name and number), made on first use. */
  extras: GreenletExtras | null = null;

  constructor(hub: Hub, fn: ((...args: any[]) => unknown) | null, args: readonly unknown[]) {
    // The hub's own parent is whatever is current when it is created: the main greenlet.
    super(null, hub ?? undefined);
    this.hub = hub;
    this.fn = fn;
    this.args = args.length === 0 ? NO_ARGS : args;
  }

  /** True once the greenlet has finished (returned, raised or been killed). */
  override get dead(): boolean {
    return this.state === DEAD;
  }

  /** @internal a unique number for printing, given the first time it is asked for (as gevent's minimal_ident). */
  get id(): number {
    const extras = this.more();
    if (extras.id < 0) extras.id = nextId++;
    return extras.id;
  }

  /** The name shown when printed: assigned, or `Greenlet-<id>`. */
  get name(): string {
    const extras = this.more();
    extras.assignedName ??= null;
    return extras.assignedName ?? `${this.constructor.name}-${this.id}`;
  }

  /** @internal whether printing shows the name: it was assigned or read. */
  get nameShown(): boolean {
    return this.extras !== null && this.extras.assignedName !== undefined;
  }

  /** Give it a name for printing. */
  set name(value: string) {
    if (typeof value !== 'string') throw new TypeError(`name must be a string, got ${typeof value}`);
    this.more().assignedName = value;
  }

  /** @internal */
  more(): GreenletExtras {
    return (this.extras ??= new GreenletExtras());
  }

  /** @internal run from the hub's queue or timer heap. */
  fire(tag: number): void {
    if (tag >= 0) {
      if (tag !== this.epoch) return; // a stale waker: the greenlet was resumed by something else meanwhile
      const value = this.wakeValue;
      this.wakeValue = undefined;
      if (value instanceof WakeError) this.hub.resume(this, value.error, true);
      else this.hub.resume(this, value, false);
    } else if (tag === START) {
      if (this.state === SCHEDULED) this.hub.resume(this, undefined, false);
    } else {
      this.notifyLinks();
    }
  }

  /**
   * @internal the first step takes the function and calls it; step.ts decides what the result
   * means. The arguments stay until it dies (printing shows them, as gevent's repr does), then
   * are dropped: a finished greenlet must not keep them alive.
   */
  callBody(): unknown {
    const fn = this.fn;
    if (typeof fn !== 'function') return undefined;
    this.fn = fn.name;
    return fn(...this.args);
  }

  /** @internal the greenlet finished with `value` (an error when `failed`). */
  die(value: unknown, failed: boolean): void {
    this.state = DEAD;
    this._state = 2; // greenlet's DEAD, so its own getters agree
    this.gen = null;
    this.epoch++;
    this.onDeath(value, failed); // its report still prints the name and arguments, as gevent's
    this.fn = null;
    this.args = NO_ARGS;
  }

  /** @internal what finishing means for this kind of greenlet. */
  protected onDeath(value: unknown, failed: boolean): void {
    if (failed) this.hub.reportError(this, value);
  }

  /** @internal run the links of a finished greenlet (only {@link Greenlet} has links). */
  protected notifyLinks(): void {}

  /** The words greenlet's repr uses for the state. */
  protected stateWords(): string {
    if (this.state === DEAD) return 'dead';
    if (this.hub.current === this) return 'current active started';
    if (this.state === ACTIVE) return 'suspended active started';
    return 'pending';
  }

  /**
   * Only the hub resumes a gevent greenlet. Switching into one parked in a blocking call is
   * gevent's invalid switch: that call raises {@link InvalidSwitchError} (from a hub callback at
   * once; from another greenlet, which then stays switched away as in gevent, on the next round).
   * A greenlet that is not parked refuses the switch with a `GreenletError`.
   */
  override switch<T = unknown>(value?: unknown): Switch<T> {
    const hub = this.hub;
    if (this.state !== ACTIVE || this.gen === null || hub.current === this) {
      throw new GreenletError(`${String(this)} is run by the gevent hub and cannot be switched to directly: use gevent's blocking calls (sleep, join, Event, queues) instead`);
    }
    const shown = typeof value === 'string' ? `'${value}'` : String(value);
    const error = new InvalidSwitchError(`Invalid switch into ${String(this)}: got ${shown} (only the hub resumes a greenlet parked in a blocking call)`);
    const switcher = hub.current;
    if (switcher === hub) {
      hub.resume(this, error, true);
      return SWITCHED_BACK as unknown as Switch<T>;
    }
    hub.wakeThrow(this, this.epoch, error);
    // The switcher gave up its turn to `this` and nothing will switch back: it stays parked.
    return (switcher === hub.main ? SWITCHED_BACK : SWITCHED_AWAY) as unknown as Switch<T>;
  }

  /** Refused, like {@link RawGreenlet.switch}: use `kill()` on a Greenlet. */
  override throw<T = unknown>(): Switch<T> {
    throw new GreenletError(`${String(this)} is run by the gevent hub: use kill() (or gevent.killAll) to raise an exception in it`);
  }

  /** `using g = spawnRaw(...)`: a greenlet still running when the block ends gets GreenletExit. */
  override [Symbol.dispose](): void {
    if (this.state !== DEAD) this.hub.runCallback(() => this.hub.throwInto(this, new GreenletExit()));
  }

  override toString(): string {
    return `<${this.constructor.name} "${this.name}" ${this.stateWords()}>`;
  }

  /** How `console.log` and `util.inspect` print it. */
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #inspect = /* @__PURE__ */ inspectWith(this, function (this: RawGreenlet) {
    return this.toString();
  });
}
