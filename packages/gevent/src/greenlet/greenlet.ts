// Greenlet: gevent's Greenlet class. Over 300 lines because it is one public class whose every
// member carries its TSDoc example; its helpers live in greenlet-options.ts, greenlet-ops.ts and links.ts.
import type { TaskResult } from '@coro/core';
import { nameClass } from '../class-hooks.js';
import { describeValue } from '../describe-value.js';
import { getHub } from '../hub/current.js';
import { Waiter } from '../hub/hub-waiter.js';
import type { Blocking } from '../hub/operation.js';
import { DEAD, NOTIFY, PENDING, RawGreenlet, SCHEDULED, START } from '../hub/raw-greenlet.js';
import type { Timeout } from '../timeout.js';
import { formatInfo, runName } from './format-info.js';
import { GreenletExit } from './greenlet-exit.js';
import { doneOp, getOp, joinOp, killOp } from './greenlet-ops.js';
import { type GetOptions, type KillException, type KillOptions, killError, type SpawnCallback } from './greenlet-options.js';
import { callLink, checkLink, isLinkOf, type Link, LinkList, SpawnedLink } from './links.js';

export { type GetOptions, type KillException, type KillOptions, killError, type SpawnCallback } from './greenlet-options.js';

const spawnCallbacks = new Set<SpawnCallback>();

/** The body of `new Greenlet()` with no function (named `run`: printing shows gevent's `_run`). */
const noop = function run(): void {};

/** `fn`, renamed: a subclass's bound `run()` prints as `run`, not `bound run`. */
function named<F extends (...args: any[]) => unknown>(name: string, fn: F): F {
  return Object.defineProperty(fn, 'name', { value: name });
}

/**
 * A gevent greenlet: a function run by the hub, with a result, links, `join`, `get` and `kill`.
 * Its parent is the hub. Create and start one with {@link spawn} (or `Greenlet.spawn`); the
 * function may be a generator function (blocking calls inside with `yield*`), an async function
 * (awaited through the hub), or a plain function.
 *
 * @typeParam T - the function's result.
 * @example
 * ```ts
 * import { Greenlet, sleep } from '@coro/gevent';
 * const g = Greenlet.spawn(function* (ms: number) {
 *   yield* sleep(ms);
 *   return ms * 2;
 * }, 10);
 * console.log(await g.get()); // 20
 * ```
 */
export class Greenlet<T = unknown> extends RawGreenlet {
  // The bundle names a class that refers to itself `_Greenlet`; it prints as Greenlet.
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #name = /* @__PURE__ */ nameClass(this, 'Greenlet');
  /** The return value, or the error when `failed`. */
  private outcome: unknown = undefined;
  private failed = false;
  private links: Link<any> | LinkList | null = null;
  private notifyQueued = false;
  /** The greenlet that created this one. */
  readonly spawningGreenlet: RawGreenlet;

  /**
   * @param run - the function to run (a subclass may instead override {@link Greenlet.run})
   * @param args - its arguments
   */
  constructor(run?: (...args: any[]) => unknown, ...args: unknown[]) {
    const hub = getHub();
    super(hub, null, args);
    // No function at all is gevent's no-op greenlet (its default _run does nothing).
    const fn = run ?? (this.run !== Greenlet.prototype.run ? named('run', this.run.bind(this)) : noop);
    if (typeof fn !== 'function') {
      throw new TypeError(`Greenlet: the run argument (or a run() method of a subclass) must be a function, got ${describeValue(fn)}`);
    }
    this.fn = fn;
    this.spawningGreenlet = hub.current;
  }

  /**
   * Create and start a greenlet of this class.
   *
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * const g = Greenlet.spawn((a: number, b: number) => a + b, 1, 2);
   * ```
   */
  static spawn<F extends (...args: any[]) => unknown>(this: new (run: F, ...args: Parameters<F>) => Greenlet<TaskResult<F>>, run: F, ...args: Parameters<F>): Greenlet<TaskResult<F>> {
    const g = new this(run, ...args);
    g.start();
    return g;
  }

  /**
   * Create a greenlet of this class and start it `ms` milliseconds from now.
   *
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * const g = Greenlet.spawnLater(100, () => 'late');
   * ```
   */
  static spawnLater<F extends (...args: any[]) => unknown>(this: new (run: F, ...args: Parameters<F>) => Greenlet<TaskResult<F>>, ms: number, run: F, ...args: Parameters<F>): Greenlet<TaskResult<F>> {
    const g = new this(run, ...args);
    g.startLater(ms);
    return g;
  }

  /**
   * Call `callback(greenlet)` whenever any greenlet is started (`start`, `startLater`, `spawn*`).
   *
   * @example
   * ```ts
   * Greenlet.addSpawnCallback((g) => console.log('started', g.name));
   * ```
   */
  static addSpawnCallback(callback: SpawnCallback): void {
    if (typeof callback !== 'function') throw new TypeError('addSpawnCallback: callback must be a function');
    spawnCallbacks.add(callback);
  }

  /**
   * Stop calling a spawn callback (unknown callbacks are ignored).
   *
   * @example
   * ```ts
   * Greenlet.removeSpawnCallback(onSpawn);
   * ```
   */
  static removeSpawnCallback(callback: SpawnCallback): void {
    spawnCallbacks.delete(callback);
  }

  /** Subclasses may override this instead of passing a function (gevent's `_run`). */
  override run(..._args: unknown[]): unknown {
    return undefined;
  }

  /** True once started (scheduled) and until finished — gevent's `bool(g)`. */
  override get started(): boolean {
    return this.state !== PENDING && this.state !== DEAD;
  }

  /** True once finished. */
  ready(): boolean {
    return this.state === DEAD;
  }

  /** True once finished without an exception (a `GreenletExit` counts as success). */
  successful(): boolean {
    return this.state === DEAD && !this.failed;
  }

  /** The return value once finished successfully (a `GreenletExit` instance if killed), else `undefined`. */
  get value(): T | undefined {
    return this.failed ? undefined : (this.outcome as T | undefined);
  }

  /** The error it failed with, else `undefined`. */
  get exception(): unknown {
    return this.failed ? this.outcome : undefined;
  }

  /** Where it was started, when the hub records spawn stacks (`HubOptions.spawnStacks`); printed with its error report. */
  get spawnStack(): Error | undefined {
    return this.extras?.spawnStack;
  }

  /** Replace the recorded spawn stack (`undefined` forgets it). */
  set spawnStack(stack: Error | undefined) {
    if (stack !== undefined || this.extras !== null) this.more().spawnStack = stack;
  }

  /** Aborts when the greenlet finishes (returns, raises or is killed): hand it to work this greenlet owns. */
  get signal(): AbortSignal {
    const extras = this.more();
    const controller = (extras.controller ??= new AbortController());
    if (this.state === DEAD && !controller.signal.aborted) controller.abort(this.failed ? this.outcome : new GreenletExit('greenlet finished'));
    return controller.signal;
  }

  /**
   * Schedule it to run in this loop iteration. No effect once started, killed or finished.
   *
   * @example
   * ```ts
   * const g = new Greenlet(() => 1);
   * g.start();
   * ```
   */
  start(): void {
    if (this.state !== PENDING) return;
    this.state = SCHEDULED;
    this.callSpawnCallbacks();
    this.hub.schedule(this, START);
  }

  /**
   * Schedule it to start `ms` milliseconds from now. No effect once started.
   *
   * @example
   * ```ts
   * new Greenlet(() => 1).startLater(100);
   * ```
   */
  startLater(ms: number): void {
    if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) throw new RangeError(`startLater: ms must be a non-negative number, got ${String(ms)}`);
    if (this.state !== PENDING) return;
    this.state = SCHEDULED;
    this.callSpawnCallbacks();
    this.more().startTimer = this.hub.timer(ms, this, START);
  }

  private callSpawnCallbacks(): void {
    if (this.hub.spawnStacks) this.spawnStack = new Error('spawned here');
    if (spawnCallbacks.size === 0) return;
    for (const callback of spawnCallbacks) callback(this);
  }

  /**
   * Wait until it finishes, or `timeout` passes. Never raises the greenlet's error.
   *
   * @example
   * ```ts
   * await g.join();      // from ordinary code
   * yield* g.join(100);  // inside a greenlet
   * ```
   */
  join(timeout?: number | Timeout): Blocking<void> {
    return joinOp(this, timeout);
  }

  /**
   * Its result: the return value, or its error raised again. Not ready and `block: false`, or
   * the timeout passed → `Timeout`.
   *
   * @example
   * ```ts
   * const value = await g.get();
   * ```
   */
  get(options?: GetOptions): Blocking<T> {
    return getOp(this, options?.block ?? true, options?.timeout);
  }

  /**
   * Raise `exception` (default `GreenletExit`) inside it, at its blocking call; its `finally`
   * blocks run. A greenlet that never ran is cancelled at once. Blocking (the default) waits until
   * it is dead or `timeout` passes; `{ block: false }` only schedules the kill.
   *
   * @example
   * ```ts
   * await g.kill();                      // wait until dead
   * g.kill(GreenletExit, { block: false }); // fire and forget
   * ```
   */
  kill(exception: KillException, options: KillOptions & { block: false }): void;
  kill(exception?: KillException, options?: KillOptions): Blocking<void>;
  kill(exception: KillException = GreenletExit, options: KillOptions = {}): Blocking<void> | void {
    const block = options.block ?? true;
    if (this.state !== DEAD) {
      if (this.state === PENDING || this.state === SCHEDULED) {
        this.cancelStart(killError(exception));
      } else {
        // gevent's _kill: throw, then switch back into the blocked killer through its Waiter.
        const thrown = block ? new Waiter<void>(this.hub) : null;
        this.hub.runCallback(() => {
          if (this.state !== DEAD) this.hub.throwInto(this, killError(exception));
          thrown?.switch(undefined);
        });
        if (thrown !== null) return killOp(this, thrown, options.timeout);
      }
    }
    if (block) return doneOp();
  }

  /** @internal kill before it ever ran: it never runs; the error is recorded as if raised inside. */
  cancelStart(error: unknown): void {
    const timer = this.extras?.startTimer ?? null;
    if (timer !== null) {
      this.hub.cancelTimer(timer);
      this.extras!.startTimer = null;
    }
    this.die(error, !(error instanceof GreenletExit));
  }

  /**
   * Call `callback(this)` in the hub when it finishes (right away, on the next callback round,
   * if it already has). The callback must not block.
   *
   * @example
   * ```ts
   * g.rawlink((g) => console.log('finished', g.value));
   * ```
   */
  rawlink(callback: Link<Greenlet<T>>): void {
    checkLink(callback, 'rawlink');
    const links = this.links;
    if (links === null) this.links = callback;
    else if (links instanceof LinkList) links.items.push(callback);
    else this.links = new LinkList([links, callback]);
    if (this.state === DEAD) this.queueNotify();
  }

  /**
   * Call `callback(this)` in a new greenlet when it finishes (it may block).
   *
   * @example
   * ```ts
   * g.link((g) => console.log('finished', g.value));
   * ```
   */
  link(callback: Link<Greenlet<T>>): void {
    checkLink(callback, 'link');
    this.rawlink(new SpawnedLink(callback, 'always'));
  }

  /**
   * Like {@link Greenlet.link}, only if it finishes successfully.
   *
   * @example
   * ```ts
   * g.linkValue((g) => console.log(g.value));
   * ```
   */
  linkValue(callback: Link<Greenlet<T>>): void {
    checkLink(callback, 'linkValue');
    this.rawlink(new SpawnedLink(callback, 'value'));
  }

  /**
   * Like {@link Greenlet.link}, only if it fails.
   *
   * @example
   * ```ts
   * g.linkException((g) => console.error(g.exception));
   * ```
   */
  linkException(callback: Link<Greenlet<T>>): void {
    checkLink(callback, 'linkException');
    this.rawlink(new SpawnedLink(callback, 'exception'));
  }

  /**
   * Remove a link (a callback given to any link method); unknown callbacks are ignored.
   *
   * @example
   * ```ts
   * g.unlink(onDone);
   * ```
   */
  unlink(callback: Link<Greenlet<T>>): void {
    const links = this.links;
    if (links === null) return;
    if (!(links instanceof LinkList)) {
      if (isLinkOf(links, callback)) this.links = null;
      return;
    }
    const items = links.items;
    for (let i = 0; i < items.length; i++) {
      if (isLinkOf(items[i], callback)) {
        items.splice(i, 1);
        if (items.length === 0) this.links = null;
        return;
      }
    }
  }

  /**
   * Remove every link.
   *
   * @example
   * ```ts
   * g.unlinkAll();
   * ```
   */
  unlinkAll(): void {
    this.links = null;
  }

  /** True if any link is registered. */
  hasLinks(): boolean {
    return this.links !== null;
  }

  private queueNotify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    this.hub.schedule(this, NOTIFY);
  }

  protected override notifyLinks(): void {
    this.notifyQueued = false;
    // One callback runs them all, FIFO; each is removed before it is called, so a link may
    // unlink later ones, and links added meanwhile run in this same pass (spec §4.4).
    for (let link = this.takeLink(); link !== null; link = this.takeLink()) {
      try {
        callLink(link, this);
      } catch (error) {
        // gevent's context is (link, greenlet); a link() wrapper shows as its callback.
        this.hub.reportError([link instanceof SpawnedLink ? link.callback : link, this], error);
      }
      // The link woke main (gevent switches into it from here): the rest of the pass, with any
      // link main adds before it blocks again, runs then, before anything queued meanwhile.
      if (this.hub.yieldToRoot) {
        this.notifyQueued = true;
        this.hub.queue.unshift(NOTIFY);
        this.hub.queue.unshift(this);
        return;
      }
    }
  }

  /** Remove and return the first link, or `null` when there is none. */
  private takeLink(): Link<any> | null {
    const links = this.links;
    if (!(links instanceof LinkList)) {
      this.links = null;
      return links;
    }
    const first = links.items.shift()!;
    if (links.items.length === 0) this.links = null;
    return first;
  }

  protected override onDeath(value: unknown, failed: boolean): void {
    if (failed && value instanceof GreenletExit) failed = false;
    this.failed = failed;
    this.outcome = value;
    if (this.links !== null) this.queueNotify();
    const extras = this.extras;
    if (extras !== null) {
      extras.startTimer = null;
      extras.controller?.abort(failed ? value : new GreenletExit('greenlet finished'));
    }
    if (failed) this.hub.reportError(this, value);
  }

  /** `using g = spawn(...)`: when the block ends, a greenlet still running is killed (without waiting). */
  override [Symbol.dispose](): void {
    if (this.state !== DEAD) this.kill(GreenletExit, { block: false });
  }

  /**
   * `await using g = spawn(...)`: at the end of the block wait for it to finish, then kill it if
   * it somehow still runs — gevent's `with greenlet:` (its `__exit__` joins, then kills).
   */
  async [Symbol.asyncDispose](): Promise<void> {
    try {
      await this.join();
    } finally {
      if (this.state !== DEAD) await this.kill();
    }
  }

  /**
   * gevent's repr: `<Greenlet at 0x1f: work(1, 'a')>` — the name shows once it was assigned or
   * read (`<Greenlet "Greenlet-31" at 0x1f: work>`); the arguments until it has died. The
   * address is the greenlet's unique `id`.
   */
  override toString(): string {
    const name = this.nameShown ? ` "${this.name}" ` : ' ';
    const extras = this.more(); // printing is rare: its cache lives with the other rare fields
    extras.formatted ??= formatInfo(runName(this.fn), this.args);
    return `<${this.constructor.name}${name}at 0x${this.id.toString(16)}: ${extras.formatted}>`;
  }
}
