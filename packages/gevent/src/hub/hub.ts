import { beginStep, type Clock, droppedOperationError, endStep, type Instruction, type Operation, RealClock, RunQueue, type Suspend, type Timer, TimerHeap, VirtualClock } from '@coro/core';
import { bridgeIterator } from './bridge.js';
import { Callback } from './callback.js';
import { macrotask, nextMacrotask } from './macrotask.js';
import { enterHostedStep } from '@coro/greenlet';
import { BlockingSwitchOutError, LoopExit } from '../errors.js';
import type { Firable } from './firable.js';
import { GreenletExit } from '../greenlet/greenlet-exit.js';
import { PARK } from './operation.js';
import { ACTIVE, DEAD, RawGreenlet, SCHEDULED } from './raw-greenlet.js';
import { RootWaiter } from './root-waiter.js';
import { Loop } from './loop.js';
import type { PhaseName, PhaseWatcher } from './watchers.js';

/**
 * Called on every switch into or out of a greenlet, after the transfer: `'switch'` when it
 * carries a value, `'throw'` when it carries an error. Blocking detectors count switches here.
 */
export type HubTracer = (event: 'switch' | 'throw', origin: RawGreenlet, target: RawGreenlet) => void;

/** Where the hub prints reports of failed greenlets (stderr unless replaced; `null` silences them). */
export interface ExceptionStream {
  /** Write one report. */
  write(text: string): unknown;
}

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


/**
 * Node's `process`, or `null` in a browser: the hub reads it only when present, so
 * `@coro/gevent` (without `/monkey`) loads and runs where there is no `process`.
 */
const hostProcess: { stderr: ExceptionStream; once(event: 'beforeExit', fn: () => void): unknown; off(event: 'beforeExit', fn: () => void): unknown } | null =
  typeof process === 'object' && process !== null && typeof process.once === 'function' && typeof process.stderr?.write === 'function' ? process : null;

/** stderr in Node; `console.error` where there is no `process` (browsers). */
function defaultExceptionStream(): ExceptionStream {
  return hostProcess?.stderr ?? { write: (text: string) => console.error(text.replace(/\n+$/, '')) };
}

/** Whether `g` runs an async function (its iterator is the promise bridge). */
function isAsyncBody(g: RawGreenlet): boolean {
  return g.gen !== null && Object.getPrototypeOf(g.gen) === (bridgeIterator as { prototype: object }).prototype;
}

/** The largest delay a host timer takes (setTimeout's 32-bit limit). */
const MAX_HOST_DELAY = 2 ** 31 - 1;

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
  private timersSet = 0;
  /** @internal operations outside the hub (bridged promises) that will wake a greenlet and keep the loop alive. */
  watchers = 0;
  /** @internal active ref'd async watchers: work that may still come (unlike `watchers`, virtual time may pass). */
  refWatchers = 0;
  private prepareWatchers: PhaseWatcher[] = [];
  private checkWatchers: PhaseWatcher[] = [];
  private idleWatchers: PhaseWatcher[] = [];
  private loopFacade: Loop | null = null;
  private tracer: HubTracer | null = null;
  // Node's AsyncLocalStorage, by its shape: importing its type would make this entry's .d.ts need @types/node.
  private storage: { run<R>(store: RawGreenlet, fn: () => R): R; exit<R>(fn: () => R): R } | null = null;
  private readonly roots = new Set<RootWaiter>();
  private inLoop = false;
  private driving = false;
  private wakeDriver: (() => void) | null = null;
  private exitRequested = false;
  /** Set when a root settles: the slice stops so its awaiting code runs, then goes on with the same budget. */
  private yieldToRoot = false;
  private sliceStart = 0;
  private readonly virtual: boolean;

  constructor(options: HubOptions = {}) {
    super(undefined as unknown as Hub, null, []);
    (this as { hub: Hub }).hub = this;
    this.clock = options.clock ?? new RealClock();
    this.virtual = this.clock instanceof VirtualClock;
    this.switchInterval = options.switchInterval ?? 5;
    this.spawnStacks = options.spawnStacks ?? false;
    if (!(this.switchInterval > 0)) throw new RangeError(`switchInterval must be a positive number of milliseconds, got ${String(options.switchInterval)}`);
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
    if (!this.inLoop) this.poke();
  }

  /** Fire a snapshot of `list` (a watcher may stop itself or start others). */
  private runPhase(list: PhaseWatcher[]): void {
    if (list.length === 1) list[0]!.fire();
    else for (const w of list.slice()) if (w.active) w.fire();
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
    if (!this.inLoop) this.poke();
  }

  /** @internal arm a timer `ms` from now that calls `target.fire(tag)`. */
  timer(ms: number, target: Firable, tag: number, ref = true): Timer {
    const timer = this.timers.insert(this.clock.now() + ms, () => this.fireTimer(timer, target, tag), ref);
    this.timersSet++;
    if (ref) this.refTimers++;
    if (!this.inLoop) this.poke();
    return timer;
  }

  private fireTimer(timer: Timer, target: Firable, tag: number): void {
    if (timer.ref) this.refTimers--;
    target.fire(tag);
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
    g.wakeThrows = false;
    this.schedule(g, epoch);
  }

  /** @internal like {@link Hub.wake}, but the greenlet's blocking call throws `error`. */
  wakeThrow(g: RawGreenlet, epoch: number, error: unknown): void {
    if (g.epoch !== epoch || g.scheduledEpoch === epoch) return;
    g.scheduledEpoch = epoch;
    g.wakeValue = error;
    g.wakeThrows = true;
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
    if (this.storage !== null) this.storage.run(g, () => this.step(g, value, isThrow));
    else this.step(g, value, isThrow);
  }

  private step(g: RawGreenlet, value: unknown, isThrow: boolean): void {
    g.epoch++;
    if (g.suspension !== null) this.leaveSuspension(g, value, isThrow);
    const origin = this.current;
    this.current = g;
    const outside = enterHostedStep(g);
    if (this.tracer !== null) this.trace(isThrow ? 'throw' : 'switch', origin, g);
    let result: IteratorResult<Instruction, unknown>;
    const token = beginStep();
    try {
      const gen = g.gen;
      if (g.state === SCHEDULED) {
        g.state = ACTIVE;
        g._state = 1; // greenlet's ACTIVE
      }
      if (gen === null) {
        if (isThrow) throw value;
        result = g.begin();
      } else {
        result = isThrow ? gen.throw!(value) : gen.next(value);
      }
    } catch (error) {
      endStep(token);
      this.current = origin;
      enterHostedStep(outside);
      if (this.tracer !== null) this.trace('throw', g, origin);
      g.die(error, true);
      return;
    }
    const dropped = endStep(token);
    this.current = origin;
    enterHostedStep(outside);
    if (this.tracer !== null) this.trace('switch', g, origin);
    // An async body's first step creates the blocking calls it awaits (`await sleep(20)`): they
    // are started by the await's then(), a promise job later, so they are not dropped.
    if (dropped !== undefined && (result.done === true || result.value !== dropped) && !isAsyncBody(g)) {
      // A blocking call created in this step and never delegated to: raise it where the greenlet stopped.
      const error = droppedOperationError(dropped);
      if (result.done === true) g.die(error, true);
      else this.resume(g, error, true);
    } else if (result.done === true) g.die(result.value, false);
    else if (result.value !== PARK) this.instruction(g, result.value);
  }

  private trace(event: 'switch' | 'throw', origin: RawGreenlet, target: RawGreenlet): void {
    const tracer = this.tracer!;
    try {
      tracer(event, origin, target);
    } catch (error) {
      this.tracer = null; // as greenlet does: a failing tracer is switched off
      this.reportError(this, error);
    }
  }

  /** A greenlet yielded something other than PARK: a bare `yield`, a core Suspend, or a mistake. */
  private instruction(g: RawGreenlet, value: unknown): void {
    if (value === undefined) {
      this.wake(g, g.epoch, undefined);
    } else if (typeof (value as Suspend | null)?.enter === 'function') {
      this.enterSuspension(g, value as Suspend);
    } else {
      const forgotten = typeof (value as Operation<unknown> | null)?.[Symbol.iterator] === 'function';
      const error = new TypeError(
        forgotten
          ? `${String(g)} yielded an Operation instead of delegating to it: write \`yield* op\`, not \`yield op\``
          : `${String(g)} yielded ${typeof value}: a greenlet may only yield* Operations, yield nothing (a sleep(0)), or yield a core Suspend`,
      );
      this.wakeThrow(g, g.epoch, error);
    }
  }

  private enterSuspension(g: RawGreenlet, suspend: Suspend): void {
    const epoch = g.epoch;
    const suspension: { teardown: (() => void) | void; controller: AbortController | null } = { teardown: undefined, controller: null };
    g.suspension = suspension;
    const host = {
      clock: this.clock,
      get signal(): AbortSignal {
        return (suspension.controller ??= new AbortController()).signal;
      },
    };
    try {
      suspension.teardown = suspend.enter({ resolve: (v: unknown) => this.wake(g, epoch, v), reject: (e: unknown) => this.wakeThrow(g, epoch, e) }, host);
    } catch (error) {
      this.wakeThrow(g, epoch, error);
    }
  }

  private leaveSuspension(g: RawGreenlet, value: unknown, isThrow: boolean): void {
    const { teardown, controller } = g.suspension!;
    g.suspension = null;
    if (isThrow && controller !== null) controller.abort(value);
    if (typeof teardown === 'function') {
      try {
        teardown();
      } catch (error) {
        this.reportError(g, error);
      }
    }
  }

  /** @internal a promise as an iterator a greenlet can step (`spawn` of an async function). */
  bridge(promise: PromiseLike<unknown>): Iterator<Instruction, unknown, unknown> {
    return bridgeIterator(promise, true);
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
    if (error instanceof GreenletExit) return;
    this.printException(context, error);
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
    stream.write(`${trace}${origin}\n${time} ${String(context)} failed with ${name}\n\n`);
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
    this.poke();
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

  /** Start the driver, or wake it if it is waiting. */
  private poke(): void {
    if (!this.driving) {
      this.driving = true;
      // The driver inherits the async context it starts in; a poke from a greenlet's promise job or
      // timer callback must not make the hub's own work (callbacks, links) look started by that greenlet.
      // A macrotask, not a promise job: code awaiting a gevent call right after a spawn has queued
      // that call (main blocking) before the first greenlet runs, as in gevent.
      if (this.storage !== null) this.storage.exit(() => macrotask(() => void this.drive()));
      else macrotask(() => void this.drive());
    } else if (this.wakeDriver !== null) {
      const wake = this.wakeDriver;
      this.wakeDriver = null;
      macrotask(wake);
    }
  }

  /** One loop iteration (or several, while the switch-interval budget lasts): callbacks, then due timers. */
  private runSlice(resumed: boolean): void {
    const outside = this.current;
    this.current = this;
    this.inLoop = true;
    const start = resumed ? this.sliceStart : (this.sliceStart = performance.now());
    const budget = this.switchInterval;
    const queue = this.queue;
    try {
      for (;;) {
        if (this.prepareWatchers.length !== 0) this.runPhase(this.prepareWatchers);
        let n = 0;
        while (queue.length > 0) {
          const target = queue.shift() as Firable;
          target.fire(queue.shift() as number);
          if (this.yieldToRoot) return;
          // Checking the time every 50 callbacks (as gevent does) keeps the check off the hot path.
          if (++n === 50) {
            n = 0;
            if (performance.now() - start >= budget) break;
          }
        }
        if (this.checkWatchers.length !== 0) this.runPhase(this.checkWatchers);
        this.runDueTimers();
        if (queue.length === 0 || performance.now() - start >= budget) break;
      }
    } finally {
      this.inLoop = false;
      this.current = outside;
    }
  }

  private runDueTimers(): void {
    const timers = this.timers;
    if (timers.size === 0) return;
    const now = this.clock.now();
    // Timers set while these run wait for the next iteration, even a 0 ms one.
    const limit = this.timersSet;
    for (let t = timers.peek(); t !== undefined && t.deadline <= now && t.seq < limit; t = timers.peek()) {
      timers.pop();
      try {
        t.callback();
      } catch (error) {
        // Nothing a timer runs may stop the loop: report it as gevent reports a failing callback.
        this.reportError(this, error);
      }
    }
  }

  private async drive(): Promise<void> {
    try {
      let resumed = false;
      for (;;) {
        this.runSlice(resumed);
        resumed = this.yieldToRoot;
        if (resumed) {
          // The awaiting code runs in the promise jobs before this macrotask; when it blocks again
          // its call is queued behind the callbacks still waiting, as gevent's main is.
          this.yieldToRoot = false;
          await nextMacrotask();
          continue;
        }
        if (this.queue.length > 0) {
          await nextMacrotask();
          continue;
        }
        if (this.idlers.length > 0) {
          for (const g of this.idlers.splice(0)) this.wake(g, g.epoch, undefined);
          continue;
        }
        if (this.idleWatchers.length > 0) {
          await this.runIdleWatchers();
          continue;
        }
        const next = this.timers.peek();
        // Timers core operations set on a virtual clock (core's sleep inside a greenlet) count too.
        const clockDeadline = this.virtual ? (this.clock as VirtualClock).nextDeadline() : undefined;
        const canWake = this.refTimers > 0 || this.watchers > 0 || this.refWatchers > 0 || clockDeadline !== undefined;
        if (!canWake && this.joiners.length > 0) {
          for (const g of this.joiners.splice(0)) this.wake(g, g.epoch, true);
          continue;
        }
        if (!canWake && this.roots.size === 0 && (next === undefined || this.virtual)) return;
        if (this.virtual) {
          if (!canWake) {
            this.raiseLoopExit();
            continue;
          }
          // Let settled promises in before time jumps.
          await nextMacrotask();
          if (this.queue.length > 0 || this.timers.peek() !== next) continue;
          const clock = this.clock as VirtualClock;
          const deadline = Math.min(next?.deadline ?? Infinity, clock.nextDeadline() ?? Infinity);
          // Time stands still while a bridged promise may still wake someone (as core's scheduler does).
          if (deadline !== Infinity && clock.autoAdvance && !clock.held && this.watchers === 0) clock.advanceTo(Math.max(deadline, clock.now()));
          else await this.waitForWork(next?.deadline ?? null, false);
          continue;
        }
        await this.waitForWork(next?.deadline ?? null, !canWake && hostProcess !== null);
        if (this.exitRequested) {
          this.exitRequested = false;
          if (this.queue.length === 0 && this.refTimers === 0 && this.watchers === 0) this.raiseLoopExit();
        }
      }
    } finally {
      this.driving = false;
      this.wakeDriver = null;
    }
  }

  /**
   * Nothing else is runnable: run the idle watchers. While one stays active the loop never waits:
   * it gives Node a turn and comes back (on a virtual clock, time jumps to the next timer first).
   */
  private async runIdleWatchers(): Promise<void> {
    const outside = this.current;
    this.current = this;
    this.inLoop = true;
    try {
      this.runPhase(this.idleWatchers);
    } finally {
      this.inLoop = false;
      this.current = outside;
    }
    if (this.idleWatchers.length === 0 || this.queue.length > 0) return;
    const next = this.timers.peek();
    if (this.virtual && next !== undefined && next.deadline !== Infinity) {
      const clock = this.clock as VirtualClock;
      if (clock.autoAdvance && !clock.held) clock.advanceTo(Math.max(next.deadline, clock.now()));
    }
    await nextMacrotask();
  }

  /** Wait for a poke, the deadline, or (when nothing the hub knows of can wake the roots) the process's beforeExit. */
  private waitForWork(deadline: number | null, watchExit: boolean): Promise<void> {
    return new Promise((resolve) => {
      let handle: ReturnType<Clock['setTimer']> | null = null;
      const onExit = (): void => {
        this.exitRequested = true;
        done();
      };
      const done = (): void => {
        this.wakeDriver = null;
        if (handle !== null) this.clock.clearTimer(handle);
        if (watchExit) hostProcess!.off('beforeExit', onExit);
        resolve();
      };
      this.wakeDriver = done;
      // An Infinity deadline (sleep(Infinity)) arms no host timer; a far one is capped at the host's
      // largest delay (2^31 - 1 ms; beyond it Node fires at once, a busy loop) and re-armed on waking.
      if (deadline !== null && deadline !== Infinity) {
        const delay = Math.min(Math.max(0, deadline - this.clock.now()), MAX_HOST_DELAY);
        handle = this.clock.setTimer(delay, done, { ref: this.refTimers > 0 || this.watchers > 0 });
      }
      if (watchExit) hostProcess!.once('beforeExit', onExit);
    });
  }

  /** Nothing can wake the waiting roots: each gets LoopExit at its blocking call. */
  private raiseLoopExit(): void {
    for (const root of [...this.roots]) {
      this.schedule(new Callback(this, () => this.throwInto(root, new LoopExit('This operation would block forever', this)), []), 0);
    }
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

  /** @internal greenlets parked in `idle()`, woken when nothing else is runnable. */
  readonly idlers: RawGreenlet[] = [];
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
