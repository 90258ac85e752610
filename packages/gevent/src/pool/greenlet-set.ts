// GreenletSet: what Group and Pool share (membership, join, kill, apply, map, imap) and its
// blocking calls. Over 300 lines because every public member carries its TSDoc example.
import type { Instruction, Operation, TaskResult } from '@coro/core';
import { describeValue } from '../describe-value.js';
import { getCurrent } from '../hub/current.js';
import { Event } from '../sync/event.js';
import { Greenlet, type KillException, type KillOptions, killError } from '../greenlet/greenlet.js';
import { GreenletExit } from '../greenlet/greenlet-exit.js';
import { Keywords } from '@coro/greenlet';
import { imapIterator, type ImapIterator, type ImapOptions, isBlockingIterator, type MapInput } from './imap.js';
import type { LinkTarget } from '../greenlet/links.js';
import { type Blocking, blocking } from '../hub/operation.js';
import { DEAD } from '../hub/raw-greenlet.js';
import { Timeout } from '../timeout.js';
import { wait } from '../greenlet/wait.js';

/**
 * Options for {@link Group.join}.
 *
 * @example
 * ```ts
 * await group.join({ timeout: 1000, raiseError: true });
 * ```
 */
export interface GroupJoinOptions {
  /** Give up after this long (ms) and return false. */
  timeout?: number | Timeout;
  /** Raise the error of a member that failed (one that was in the group when `join` was called). */
  raiseError?: boolean;
}

const joinOp = /* @__PURE__ */ blocking('join', function* (group: GreenletSet, options: GroupJoinOptions): Generator<Instruction, boolean, unknown> {
  const members = options.raiseError === true ? [...group] : [];
  const done = yield* group.emptyEvent.wait(options.timeout);
  for (const g of members) if (g.state === DEAD && !g.successful()) throw g.exception;
  return done;
});

const killOp = /* @__PURE__ */ blocking('kill', function* (group: GreenletSet, exception: KillException, block: boolean, timeout: number | Timeout | undefined): Generator<Instruction, void, unknown> {
  const t = timeout === undefined ? null : Timeout.startNew(timeout);
  try {
    while (group.size > 0) {
      for (const g of [...group]) {
        if (group.dying.has(g)) continue;
        g.kill(exception, { block: false });
        group.dying.add(g);
      }
      if (!block) break;
      yield* wait([...group]);
    }
  } catch (error) {
    if (error !== t || t === null) throw error;
  } finally {
    t?.close();
  }
});

/** What a blocking call returns when there is nothing to wait for. */
const doneOp = /* @__PURE__ */ blocking('done', function* (): Generator<Instruction, void, unknown> {});

function* runInline<R>(fn: (...args: any[]) => unknown, args: readonly unknown[]): Generator<Instruction, R, unknown> {
  const result = fn(...args);
  if (typeof (result as Iterator<unknown> | null)?.next === 'function' && typeof (result as Iterator<unknown> | null)?.throw === 'function') return (yield* result as Generator<Instruction, R, unknown>);
  if (typeof (result as PromiseLike<R> | null)?.then === 'function') return yield* wait(result as PromiseLike<R>);
  return result as R;
}

/**
 * What {@link Group} and {@link Pool} share: membership, join, kill, apply, map and imap.
 *
 * @example
 * ```ts
 * function report(set: GreenletSet) { console.log(set.size, 'running'); }
 * ```
 */
export abstract class GreenletSet implements Iterable<Greenlet<unknown>>, LinkTarget<Greenlet<unknown>> {
  /** @internal */
  protected readonly members = new Set<Greenlet<unknown>>();
  /** @internal members already sent a kill (each is killed once). */
  readonly dying = new Set<Greenlet<unknown>>();
  /** @internal set whenever the group is empty. */
  readonly emptyEvent = new Event();

  constructor(greenlets: Iterable<Greenlet<unknown>> = []) {
    this.emptyEvent.set();
    for (const g of greenlets) this.track(g);
  }

  /** How many greenlets are tracked. */
  get size(): number {
    return this.members.size;
  }

  /** True if `g` is tracked. */
  has(g: Greenlet<unknown>): boolean {
    return this.members.has(g);
  }

  /** The tracked greenlets (in no promised order). */
  [Symbol.iterator](): Iterator<Greenlet<unknown>> {
    return this.members.values();
  }

  /** @internal start tracking `g`; its rawlink (registered first) drops it when it finishes. */
  protected track(g: Greenlet<unknown>): void {
    if (!(g instanceof Greenlet)) throw new TypeError(`expected a Greenlet, got ${String(g)}`);
    if (this.members.has(g)) return;
    this.members.add(g);
    this.emptyEvent.clear();
    g.rawlink(this);
  }

  /** @internal a member finished. */
  onLink(g: Greenlet<unknown>): void {
    this.discard(g);
  }

  /**
   * Stop tracking `g` (it keeps running).
   *
   * @example
   * ```ts
   * group.discard(g);
   * ```
   */
  discard(g: Greenlet<unknown>): void {
    if (!this.members.delete(g)) return;
    this.dying.delete(g);
    g.unlink(this);
    // gevent's order: the empty event first, then the slot (so join() wakes before a waiting spawn).
    if (this.members.size === 0) this.emptyEvent.set();
    this.released();
  }

  /** @internal a slot was freed (Pool releases its semaphore). */
  protected released(): void {}

  /**
   * Wait until the group has been empty at least once: true, or false after `timeout`.
   *
   * @example
   * ```ts
   * await group.join();
   * ```
   */
  join(options: GroupJoinOptions = {}): Blocking<boolean> {
    return joinOp(this, options);
  }

  /**
   * Kill every member (each only once, however often this is called). Blocking (the default)
   * waits until they are all gone or `timeout` passes (then returns silently).
   *
   * @example
   * ```ts
   * await group.kill();
   * ```
   */
  kill(exception: KillException, options: KillOptions & { block: false }): void;
  kill(exception?: KillException, options?: KillOptions): Blocking<void>;
  kill(exception: KillException = GreenletExit, options: KillOptions = {}): Blocking<void> | void {
    if (options.block !== false) return killOp(this, exception, true, options.timeout);
    // gevent's block=False: the kills are scheduled now, and nothing waits.
    for (const g of [...this]) {
      if (this.dying.has(g)) continue;
      g.kill(exception, { block: false });
      this.dying.add(g);
    }
  }

  /**
   * Kill one tracked member (no-op if it is not tracked or already dying).
   *
   * @example
   * ```ts
   * await group.killone(g);
   * ```
   */
  killone(g: Greenlet<unknown>, exception: KillException, options: KillOptions & { block: false }): void;
  killone(g: Greenlet<unknown>, exception?: KillException, options?: KillOptions): Blocking<void>;
  killone(g: Greenlet<unknown>, exception: KillException = GreenletExit, options: KillOptions = {}): Blocking<void> | void {
    const block = options.block !== false;
    // As gevent: only a member not already dying is killed, and only that kill is waited for;
    // killing a dying member again returns at once instead of joining it.
    if (this.members.has(g) && !this.dying.has(g)) {
      this.dying.add(g);
      g.kill(killError(exception), { block: false });
      if (block) return g.join(options.timeout);
    }
    if (block) return doneOp();
  }

  /** @internal spawn a member (Group never blocks; Pool waits for a slot). */
  protected abstract spawnMember(fn: (...args: any[]) => unknown, args: unknown[]): Operation<Greenlet<unknown>>;

  /**
   * Run `fn(...args)` in the group and return its result (raise its error). Called from a member
   * of the group, it runs inline instead (so a full pool cannot deadlock on itself). Keyword
   * arguments (gevent's `kwds`) are made with `kw()` from `@coro/greenlet` and reach `fn` as its
   * last argument, an object to destructure.
   *
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * import { kw } from '@coro/greenlet';
   * const n = await pool.apply((a: number) => a + 1, [5]); // 6
   * const m = await pool.apply(({ x }: { x: number }) => x * x, [], kw({ x: 3 })); // 9
   * ```
   */
  apply<F extends (...args: any[]) => unknown>(fn: F, args?: Parameters<F>): Blocking<TaskResult<F>>;
  apply<F extends (...args: any[]) => unknown>(fn: F, args: unknown[], kwds: Keywords): Blocking<TaskResult<F>>;
  apply<F extends (...args: any[]) => unknown>(fn: F, args: unknown[] = [], kwds?: Keywords): Blocking<TaskResult<F>> {
    return applyOp(this, fn, withKeywords('apply', args, kwds)) as Blocking<TaskResult<F>>;
  }

  /**
   * Start `fn(...args)` without blocking (untracked if the group is full); `callback(value)` runs
   * on success. Keyword arguments go in third place, as in gevent (`apply_async(func, args,
   * kwds, callback)`); the callback may also come third.
   *
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * import { kw } from '@coro/greenlet';
   * const g = pool.applyAsync(work, [1], (value) => console.log(value));
   * const h = pool.applyAsync(work, [1], kw({ retries: 2 }), (value) => console.log(value));
   * ```
   */
  applyAsync<F extends (...args: any[]) => unknown>(fn: F, args?: Parameters<F>, callback?: (value: TaskResult<F>) => void): Greenlet<TaskResult<F>>;
  applyAsync<F extends (...args: any[]) => unknown>(fn: F, args: unknown[], kwds: Keywords | undefined, callback?: (value: TaskResult<F>) => void): Greenlet<TaskResult<F>>;
  applyAsync<F extends (...args: any[]) => unknown>(fn: F, args: unknown[] = [], kwdsOrCallback?: Keywords | ((value: TaskResult<F>) => void), callback?: (value: TaskResult<F>) => void): Greenlet<TaskResult<F>> {
    if (typeof fn !== 'function') throw new TypeError(`applyAsync: fn must be a function, got ${describeValue(fn)}`);
    if (typeof kwdsOrCallback === 'function') callback = kwdsOrCallback;
    const all = withKeywords('applyAsync', args, kwdsOrCallback instanceof Keywords ? kwdsOrCallback : undefined);
    const g = (this.full() ? Greenlet.spawn(() => this.apply(fn, all as Parameters<F>)) : this.spawnNow(fn, all)) as Greenlet<TaskResult<F>>;
    if (callback !== undefined) {
      if (typeof callback !== 'function') throw new TypeError(`applyAsync: callback must be a function, got ${describeValue(callback)}`);
      g.linkValue((source) => callback(source.value as TaskResult<F>));
    }
    return g;
  }

  /**
   * gevent's `map_async`: {@link GreenletSet.map} in a new greenlet (not a member), returned at
   * once; its value is the list of results, and `callback(results)` runs on success.
   *
   * @typeParam I - the inputs.
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * const g = pool.mapAsync((x: number) => x * x, [1, 2, 3]);
   * console.log(await g.get()); // [1, 4, 9]
   * ```
   */
  mapAsync<I, F extends (input: I) => unknown>(fn: F, inputs: MapInput<I>, callback?: (results: TaskResult<F>[]) => void): Greenlet<TaskResult<F>[]> {
    if (typeof fn !== 'function') throw new TypeError(`mapAsync: fn must be a function, got ${describeValue(fn)}`);
    if (callback !== undefined && typeof callback !== 'function') throw new TypeError(`mapAsync: callback must be a function, got ${describeValue(callback)}`);
    const g = Greenlet.spawn(() => this.map(fn, inputs));
    if (callback !== undefined) g.linkValue((source) => callback(source.value as TaskResult<F>[]));
    return g;
  }

  /** @internal spawn a member now (the caller checked there is room). */
  protected abstract spawnNow(fn: (...args: any[]) => unknown, args: unknown[]): Greenlet<unknown>;

  /** True if spawning would wait for a slot. */
  abstract full(): boolean;

  /**
   * Apply `fn` to every input in parallel; results in input order. As in gevent, every input is
   * started (waiting for free slots) before any result is awaited; then the first failure in
   * input order raises. An error from the iterable itself raises at once.
   *
   * @typeParam I - the inputs.
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * const squares = await pool.map((x: number) => x * x, [1, 2, 3]); // [1, 4, 9]
   * ```
   */
  map<I, F extends (input: I) => unknown>(fn: F, inputs: MapInput<I>): Blocking<TaskResult<F>[]> {
    if (typeof fn !== 'function') throw new TypeError(`map: fn must be a function, got ${describeValue(fn)}`);
    return mapOp(this, fn as (input: unknown) => unknown, inputs as MapInput<unknown>) as Blocking<TaskResult<F>[]>;
  }

  /**
   * Like {@link GreenletSet.map}, as an iterator: results in input order as they become
   * available; a failed item raises at its position and iteration can go on past it.
   * `maxsize` bounds the results buffered ahead of the consumer.
   *
   * @typeParam I - the inputs.
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * for await (const square of pool.imap((x: number) => x * x, [1, 2, 3])) console.log(square);
   * ```
   */
  imap<I, F extends (input: I) => unknown>(fn: F, inputs: MapInput<I>, options: ImapOptions = {}): ImapIterator<TaskResult<F>> {
    return imapIterator(this, fn as (input: I) => unknown, inputs, true, options) as ImapIterator<TaskResult<F>>;
  }

  /**
   * Like {@link GreenletSet.imap}, but results come in completion order.
   *
   * @typeParam I - the inputs.
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * for await (const r of pool.imapUnordered(fetchOne, urls)) console.log(r);
   * ```
   */
  imapUnordered<I, F extends (input: I) => unknown>(fn: F, inputs: MapInput<I>, options: ImapOptions = {}): ImapIterator<TaskResult<F>> {
    return imapIterator(this, fn as (input: I) => unknown, inputs, false, options) as ImapIterator<TaskResult<F>>;
  }

  /** @internal for imap's feeder: spawn a member, waiting for a slot if needed. */
  spawnForMap(fn: (...args: any[]) => unknown, args: unknown[]): Operation<Greenlet<unknown>> {
    return this.spawnMember(fn, args);
  }

  /** `<Group size=N>`. */
  toString(): string {
    return `<${this.constructor.name} size=${this.members.size}>`;
  }
}

/** The positional arguments, plus gevent's `kwds` (a `kw()` object) as a last argument when not empty. */
function withKeywords(api: string, args: unknown[], kwds: Keywords | undefined): unknown[] {
  if (!Array.isArray(args)) throw new TypeError(`${api}: args must be an array, got ${describeValue(args)}`);
  if (kwds === undefined) return args;
  if (!(kwds instanceof Keywords)) throw new TypeError(`${api}: kwds must be made with kw() from @coro/greenlet, got ${describeValue(kwds)}`);
  return Object.keys(kwds.values).length === 0 ? args : [...args, kwds.values];
}

const applyOp = /* @__PURE__ */ blocking('apply', function* (group: GreenletSet, fn: (...args: any[]) => unknown, args: unknown[]): Generator<Instruction, unknown, unknown> {
  if (typeof fn !== 'function') throw new TypeError(`apply: fn must be a function, got ${describeValue(fn)}`);
  const me = getCurrent();
  if (me instanceof Greenlet && group.has(me)) return yield* runInline(fn, args);
  const g = yield* group.spawnForMap(fn, args);
  return yield* g.get();
});

/** gevent's `__map`: a member for every input (waiting for slots), then each result in input order. */
function* mapAll(group: GreenletSet, fn: (input: unknown) => unknown, inputs: MapInput<unknown>): Generator<Instruction, unknown[], unknown> {
  const members: Greenlet<unknown>[] = [];
  if (isBlockingIterator(inputs)) {
    for (let r = yield* inputs.next(); r.done !== true; r = yield* inputs.next()) members.push(yield* group.spawnForMap(fn, [r.value]));
  } else {
    for (const input of inputs) members.push(yield* group.spawnForMap(fn, [input]));
  }
  const results: unknown[] = [];
  for (const g of members) results.push(yield* g.get());
  return results;
}

// As gevent, in a greenlet of its own: every item is started even if an early one fails, an error
// from the iterable raises before the started items finish, and the hub reports the failure.
const mapOp = /* @__PURE__ */ blocking('map', function* (group: GreenletSet, fn: (input: unknown) => unknown, inputs: MapInput<unknown>): Generator<Instruction, unknown[], unknown> {
  return yield* Greenlet.spawn(mapAll, group, fn, inputs).get();
});
