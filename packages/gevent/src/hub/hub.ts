// The Hub's public face (gevent's Hub) and the state its parts share: the callback queue, the
// timers, the counters of outside work, the roots. Stepping a greenlet lives in step.ts, running
// the loop in driver.ts. Over 300 lines because every public member carries its TSDoc example.
import { type Clock, type Instruction, type Operation, RealClock, RunQueue, type Timer, TimerHeap, VirtualClock } from '@coro/core';
import { Callback } from './callback.js';
import { Driver } from './driver.js';
import { fireHubTimer, HubTimer } from './hub-timer.js';
import { WakeError } from './wake-error.js';
import { BlockingSwitchOutError, KeyboardInterrupt } from '../errors.js';
import type { Firable } from './firable.js';
import { GreenletExit } from '../greenlet/greenlet-exit.js';
import { defaultExceptionStream, type ExceptionStream } from './host.js';
import { PARK } from './park.js';
import { ACTIVE, DEAD, RawGreenlet } from './raw-greenlet.js';
import { RootWaiter } from './root-waiter.js';
import { Loop } from './loop.js';
import { step } from './step.js';
import type { PhaseName, PhaseWatcher } from './watchers.js';

export type { ExceptionStream } from './host.js';

/**
 * Called on every switch into or out of a greenlet, after the transfer: `'switch'` when it
 * carries a value, `'throw'` when it carries an error. Blocking detectors count switches here.
 */
export type HubTracer = (event: 'switch' | 'throw', origin: RawGreenlet, target: RawGreenlet) => void;

/**
 * Options for a {@link Hub}.
 *
 * @example
 * ```ts
 * const hub = new Hub({ clock: new VirtualClock(), switchInterval: 5 });
 * ```
 */
export interface HubOptions {
  /** Where time comes from; a virtual clock makes the hub jump to the next deadline when idle. */
  clock?: Clock;
  /** Milliseconds of callbacks run before the timers get a turn and Node's loop gets one (gevent's `getswitchinterval()`, 5). */
  switchInterval?: number;
  /** Record where each Greenlet was started, and print it with its error report (costs about a microsecond per spawn). */
  spawnStacks?: boolean;
}


/** How a report names its context as gevent's repr would: a function by name, a tuple (an array) in parentheses. */
function contextText(context: unknown): string {
  if (typeof context === 'function') return `<function ${context.name || '<anonymous>'}>`;
  if (Array.isArray(context)) return `(${context.map(contextText).join(', ')})`;
  return String(context);
}

/**
 * The hub: the greenlet that runs the event loop. Each iteration runs the queued callbacks in
 * FIFO order (within the switch-interval budget), then the due timers. Blocking calls register a
 * waker and switch here; greenlets whose parent is the hub come back here when they end.
 *
 * The loop is driven by an async driver that starts when there is work: when nothing is runnable
 * it awaits the next timer deadline or a promise settlement (a {@link wait} bridge), and it hands
 * the turn to Node's event loop at least once per switch interval.
 *
 * @example
 * ```ts
 * import { getHub, spawn } from '@coro/gevent';
 * const hub = getHub();
 * hub.runCallback(() => console.log('callback'));
 * spawn(function* () { console.log('greenlet'); });
 * await hub.join(); // prints "callback" then "greenlet"
 * ```
 */
export class Hub extends RawGreenlet {
  /** The clock every hub timer uses. */
  readonly clock: Clock;
  /** The main greenlet: what runs a blocking call awaited from ordinary code. */
  readonly main: RootWaiter;
  /** The greenlet whose code is running: a greenlet during its step, the hub in callbacks, `main` outside the loop. */
  current: RawGreenlet;
  /** Milliseconds of callbacks per loop iteration before timers and Node get a turn. */
  switchInterval: number;
  /** Whether greenlets record where they were started (see {@link HubOptions.spawnStacks}). */
  spawnStacks: boolean;
  /** Where {@link Hub.printException} writes; `null` silences the reports. */
  exceptionStream: ExceptionStream | null = defaultExceptionStream();
  /** @internal the callback queue: (target, tag) pairs, two slots each, so queueing allocates nothing. */
  readonly queue = new RunQueue<Firable | number>(2048);
  /** @internal the timers. */
  readonly timers = new TimerHeap();
  /** @internal armed timers that keep the loop (and the process) alive. */
  refTimers = 0;
  /**
   * @internal on the real clock, timers are due at whole milliseconds (rounded up), as libuv's — gevent's
   * loop — are; a whole number is also stored in the timer as is, where a fraction costs a boxed double.
   * A virtual clock keeps exact deadlines.
   */
  private readonly wholeMs: boolean;
  /** @internal every timer's callback (`this` is the timer): one function per hub, not a closure per timer. */
  private readonly fireTimer = fireHubTimer(this);
  /** @internal timers set so far: a timer set while due ones run waits for the next iteration. */
  timersSet = 0;
  /** @internal operations outside the hub (bridged promises) that will wake a greenlet and keep the loop alive. */
  watchers = 0;
  /** @internal active ref'd async watchers: work that may still come (unlike `watchers`, virtual time may pass). */
  refWatchers = 0;
  /** @internal active prepare watchers. */
  readonly prepareWatchers: PhaseWatcher[] = [];
  /** @internal active check watchers. */
  readonly checkWatchers: PhaseWatcher[] = [];
  /** @internal active idle watchers. */
  readonly idleWatchers: PhaseWatcher[] = [];
  private loopFacade: Loop | null = null;
  /** @internal the switch tracer (see {@link Hub.setTrace}). */
  tracer: HubTracer | null = null;
  // Node's AsyncLocalStorage, by its shape: importing its type would make this entry's .d.ts need @types/node.
  /** @internal the owner storage (see {@link Hub.setOwnerStorage}). */
  storage: { run<R>(store: RawGreenlet, fn: () => R): R; exit<R>(fn: () => R): R } | null = null;
  /** @internal the awaiting roots (main and extra ones). */
  readonly roots = new Set<RootWaiter>();
  /** @internal true while the loop runs (callbacks, timers, a step of main started from ordinary code). */
  inLoop = false;
  /** @internal set when a root settles: the slice stops so its awaiting code runs, then goes on with the same budget. */
  yieldToRoot = false;
  /** @internal the clock is a VirtualClock. */
  readonly virtual: boolean;
  /** @internal runs the loop. */
  readonly driver: Driver;

  constructor(options: HubOptions = {}) {
    super(undefined as unknown as Hub, null, []);
    (this as { hub: Hub }).hub = this;
    this.clock = options.clock ?? new RealClock();
    this.virtual = this.clock instanceof VirtualClock;
    this.wholeMs = this.clock instanceof RealClock;
    this.switchInterval = options.switchInterval ?? 5;
    this.spawnStacks = options.spawnStacks ?? false;
    if (!(this.switchInterval > 0)) throw new RangeError(`switchInterval must be a positive number of milliseconds, got ${String(options.switchInterval)}`);
    this.driver = new Driver(this);
    this.main = new RootWaiter(this, true);
    this.current = this.main;
    this.state = ACTIVE;
  }

  override get name(): string {
    return 'Hub';
  }

  /**
   * The event loop this hub runs: timer, prepare, check, idle and async watchers, and the
   * callback queue (gevent's `hub.loop`).
   *
   * @example
   * ```ts
   * getHub().loop.timer(10).start(() => console.log('10 ms later'));
   * ```
   */
  get loop(): Loop {
    return (this.loopFacade ??= new Loop(this));
  }

  /** @internal the active watchers of one phase of the iteration. */
  phaseWatchers(phase: PhaseName): PhaseWatcher[] {
    return phase === 'prepare' ? this.prepareWatchers : phase === 'check' ? this.checkWatchers : this.idleWatchers;
  }

  /** @internal new work from outside a hub callback: start or wake the driver. */
  wakeLoop(): void {
    if (!this.inLoop) this.driver.poke();
  }


  /**
   * Install a switch tracer (or remove it with `null`); returns the previous one so tracers can chain.
   *
   * @example
   * ```ts
   * let switches = 0;
   * const previous = getHub().setTrace((event, origin, target) => { switches++; previous?.(event, origin, target); });
   * ```
   */
  setTrace(tracer: HubTracer | null): HubTracer | null {
    const previous = this.tracer;
    this.tracer = tracer;
    return previous;
  }

  /**
   * Run every greenlet step inside `storage.run(greenlet, …)`, so promise-based code started by a
   * greenlet (however deep) can find it with `storage.getStore()`. `null` turns it off.
   *
   * @example
   * ```ts
   * const owners = new AsyncLocalStorage<RawGreenlet>();
   * getHub().setOwnerStorage(owners);
   * ```
   */
  setOwnerStorage(storage: { run<R>(store: RawGreenlet, fn: () => R): R; exit<R>(fn: () => R): R } | null): void {
    this.storage = storage;
  }

  /**
   * Queue `fn(...args)` to run in the hub, after the callbacks already queued (gevent's
   * `loop.run_callback`). It must not block.
   *
   * @example
   * ```ts
   * getHub().runCallback((x: number) => console.log(x), 42);
   * ```
   */
  runCallback<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Callback {
    if (typeof fn !== 'function') throw new TypeError(`runCallback: fn must be a function, got ${typeof fn}`);
    const callback = new Callback(this, fn as (...args: unknown[]) => unknown, args);
    this.schedule(callback, 0);
    return callback;
  }

  /** @internal queue `target.fire(tag)` as a callback. */
  schedule(target: Firable, tag: number): void {
    this.queue.push(target);
    this.queue.push(tag);
    if (!this.inLoop) this.driver.poke();
  }

  /** @internal arm a timer `ms` from now that calls `target.fire(tag)`. */
  timer(ms: number, target: Firable, tag: number, ref = true): Timer {
    const timers = this.timers;
    const deadline = this.clock.now() + ms;
    const timer = timers.add(new HubTimer(this.wholeMs ? Math.ceil(deadline) : deadline, timers.nextSeq(), ref, this.fireTimer, target, tag));
    this.timersSet++;
    if (ref) this.refTimers++;
    if (!this.inLoop) this.driver.poke();
    return timer;
  }

  /** @internal disarm a timer (no-op once fired). */
  cancelTimer(timer: Timer): void {
    if (this.timers.remove(timer) && timer.ref) this.refTimers--;
  }

  /** @internal the greenlet that may block now; blocking in a hub callback or outside the loop is an error. */
  blockingCurrent(): RawGreenlet {
    const current = this.current;
    if (current === this) throw new BlockingSwitchOutError();
    // Reached when something other than the hub steps the operation: most often a gevent call
    // yield*-ed under @coro/core's run() or in a core task, where "use yield*" would be no help.
    if (!this.inLoop) throw new TypeError("gevent's blocking calls run on gevent's hub, and this one was stepped by something else (for example yield* inside @coro/core's run() or a core task). Inside a gevent greenlet use yield*; from ordinary code await it; under core's run() use core's own operations (core's sleep, channels…).");
    return current;
  }

  /** @internal wake `g` with `value` from the queue, if it is still parked where `epoch` says. */
  wake(g: RawGreenlet, epoch: number, value: unknown): void {
    if (g.epoch !== epoch || g.scheduledEpoch === epoch) return;
    g.scheduledEpoch = epoch;
    g.wakeValue = value;
    this.schedule(g, epoch);
  }

  /** @internal like {@link Hub.wake}, but the greenlet's blocking call throws `error`. */
  wakeThrow(g: RawGreenlet, epoch: number, error: unknown): void {
    if (g.epoch !== epoch || g.scheduledEpoch === epoch) return;
    g.scheduledEpoch = epoch;
    g.wakeValue = new WakeError(error);
    this.schedule(g, epoch);
  }

  /** @internal throw `error` into `g` now, from a hub callback or timer (gevent's `greenlet.throw` from the hub). */
  throwInto(g: RawGreenlet, error: unknown): void {
    if (g.state === DEAD) return;
    if (g === this) {
      // A Timeout started inside a hub callback targets the hub itself: report it, the loop goes on.
      this.reportError(this, error);
      return;
    }
    if (g === this.main && !this.main.busy) {
      this.main.pendingThrow = { error };
      return;
    }
    this.resume(g, error, true);
  }

  /** @internal switch into `g` with a value or an error, and come back here when it parks or ends. */
  resume(g: RawGreenlet, value: unknown, isThrow: boolean): void {
    if (this.storage !== null) this.storage.run(g, () => step(this, g, value, isThrow));
    else step(this, g, value, isThrow);
  }






  /**
   * Report an error raised in `context` (a greenlet or a callback): gevent's `handle_error`.
   * `GreenletExit` is not an error. Assign a function to an instance to replace it; if the
   * replacement throws, that is printed and the loop goes on.
   *
   * @example
   * ```ts
   * const errors: unknown[] = [];
   * getHub().handleError = (context, error) => { errors.push(error); };
   * ```
   */
  handleError(context: unknown, error: unknown): void {
    if (!(error instanceof GreenletExit)) this.printException(context, error);
    // gevent's SYSTEM_ERROR (here KeyboardInterrupt) and a report without a context are raised in main.
    if (context === null || context === undefined || error instanceof KeyboardInterrupt) this.handleSystemError(error);
  }

  /**
   * Raise `error` in the main greenlet (gevent's `handle_system_error`): at once from the hub,
   * else from a callback, so the greenlet reporting it finishes first.
   *
   * @example
   * ```ts
   * getHub().handleSystemError(new KeyboardInterrupt());
   * ```
   */
  handleSystemError(error: unknown): void {
    if (this.current === this) this.throwInto(this.main, error);
    else this.runCallback(() => this.throwInto(this.main, error));
  }

  /**
   * Print the error and `<time> <context> failed with <Name>` to {@link Hub.exceptionStream}.
   *
   * @example
   * ```ts
   * getHub().printException('my task', new Error('boom'));
   * ```
   */
  printException(context: unknown, error: unknown): void {
    const stream = this.exceptionStream;
    if (stream === null) return;
    const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const name = error instanceof Error ? error.name : typeof error;
    const trace = error instanceof Error ? (error.stack ?? String(error)) : String(error);
    const spawned = (context as { spawnStack?: Error } | null)?.spawnStack?.stack;
    const origin = spawned === undefined ? '' : `\nSpawned at:\n${spawned.split('\n').slice(3).join('\n')}`;
    stream.write(`${trace}${origin}\n${time} ${contextText(context)} failed with ${name}\n\n`);
  }

  /** @internal report through the (possibly replaced) handleError, surviving a failing handler. */
  reportError(context: unknown, error: unknown): void {
    try {
      this.handleError(context, error);
    } catch (handlerError) {
      defaultExceptionStream().write(`Error in hub.handleError: ${handlerError instanceof Error ? handlerError.stack : String(handlerError)}\n`);
    }
  }

  /** @internal run `op` as the main greenlet's blocking call (or a root of its own if main is busy). */
  runRoot(op: Operation<unknown>): Promise<unknown> {
    if (this.main.busy || this.inLoop) {
      const root = new RootWaiter(this, false);
      this.roots.add(root);
      return root.runOperation(op[Symbol.iterator](), false);
    }
    // gevent's main makes its blocking call itself, then switches to the hub: step it here, now,
    // so its waker is queued in order with everything else (a sleep(0) is one round, not two).
    const main = this.main;
    this.roots.add(main);
    this.inLoop = true;
    let promise: Promise<unknown>;
    try {
      promise = main.runOperation(op[Symbol.iterator](), true);
    } finally {
      this.inLoop = false;
      this.yieldToRoot = false; // finished without blocking: nothing to yield to
    }
    this.driver.poke();
    return promise;
  }

  /**
   * @internal a root's blocking call finished: end the slice here, so the awaiting code (gevent's
   * main greenlet) runs now, before the callbacks queued after it and before the timers, exactly
   * where gevent would switch to main.
   */
  rootDone(root: RootWaiter): void {
    this.roots.delete(root);
    this.yieldToRoot = true;
  }








  /**
   * Wait until the hub has no more work: nothing queued, no timers, no bridged promises.
   * Returns true, or false if `timeout` ms passed first. gevent's `hub.join()` / `gevent.wait()`.
   *
   * @example
   * ```ts
   * spawn(function* () { yield* sleep(10); });
   * console.log(await getHub().join()); // true
   * ```
   */
  join(timeout?: number): Promise<boolean> {
    return this.runRoot(this.joinOperation(timeout)) as Promise<boolean>;
  }

  /** @internal `join` as an Operation, for `yield* wait()` inside a greenlet. */
  joinOperation(timeout?: number): Generator<Instruction, boolean, unknown> {
    return hubJoin(this, timeout);
  }

  /**
   * @internal greenlets parked in `idle()`, one list per priority (-2…2 at index 0…4, libev's
   * idle arrays), woken when nothing else is runnable.
   */
  readonly idlers: RawGreenlet[][] = [[], [], [], [], []];
  /** @internal how many greenlets the idle lists hold. */
  idlerCount = 0;
  /** @internal greenlets parked in {@link Hub.join}, woken with `true` when the loop runs out of work. */
  readonly joiners: RawGreenlet[] = [];

  /** Wait for the loop to run out of work, then stop its timers. `await using hub = new Hub()` calls it. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.join();
  }

  protected override stateWords(): string {
    return `${this.queue.length / 2} callbacks, ${this.timers.size} timers, ${this.watchers} watchers`;
  }
}

function* hubJoin(hub: Hub, timeout: number | undefined): Generator<Instruction, boolean, unknown> {
  const me = hub.blockingCurrent();
  const epoch = me.epoch;
  hub.joiners.push(me);
  // Unref'd: the join's own timer must not count as work that keeps the loop alive.
  const timer = timeout === undefined ? null : hub.timer(timeout, me, epoch, false);
  try {
    return (yield PARK) === true;
  } finally {
    if (timer !== null) hub.cancelTimer(timer);
    const i = hub.joiners.indexOf(me);
    if (i >= 0) hub.joiners.splice(i, 1);
  }
}
