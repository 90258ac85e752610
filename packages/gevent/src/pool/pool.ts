import { describeValue } from '../describe-value.js';
import type { Executor, Instruction, MapOptions, Operation, TaskRef, TaskResult } from '@coro/core';
import { type AcquireOptions } from '../sync/semaphore.js';
import { Greenlet } from '../greenlet/greenlet.js';
import { GreenletExit } from '../greenlet/greenlet-exit.js';
import { GreenletSet } from './greenlet-set.js';
import type { MapInput } from './imap.js';
import { type Blocking, blocking } from '../hub/operation.js';
import { Full } from '../queue/queue-errors.js';
import { DummySemaphore, Semaphore } from '../sync/semaphore.js';
import type { Timeout } from '../timeout.js';

/**
 * A {@link Pool} had no free slot: `add`/`start` without blocking, or after their timeout. A
 * `Full` (Python's `queue.Full`).
 *
 * @example
 * ```ts
 * try { await pool.add(g, { blocking: false }); } catch (e) { console.log(e instanceof PoolFull); }
 * ```
 */
export class PoolFull extends Full {
  /** Always `"PoolFull"`. */
  override readonly name: string = 'PoolFull';
}

const addOp = /* @__PURE__ */ blocking('add', function* (pool: Pool, g: Greenlet<unknown>, options: AcquireOptions, start: boolean): Generator<Instruction, void, unknown> {
  if (!(g instanceof Greenlet)) throw new TypeError(`Pool.add: expected a Greenlet, got ${describeValue(g)}`);
  if (pool.has(g)) return;
  // gevent accepts Pool(0) (free_count 0, full) but a blocking spawn then waits forever and the
  // user meets a LoopExit far from the cause: say so at the call instead.
  if (pool.limit === 0 && options.blocking !== false && options.timeout === undefined) {
    throw new RangeError(`${start ? 'Pool.spawn/start' : 'Pool.add'}: the pool has size 0, so this would wait forever for a slot; give the Pool a size of at least 1 (or none for no limit)`);
  }
  if (!(yield* pool.semaphore.acquire(options))) throw new PoolFull(`no free slot in ${String(pool)}`);
  pool.admit(g);
  if (start) g.start();
});

const spawnOp = /* @__PURE__ */ blocking('spawn', function* (pool: Pool, fn: (...args: any[]) => unknown, args: unknown[]): Generator<Instruction, Greenlet<unknown>, unknown> {
  const g = new Greenlet(fn, ...args);
  yield* addOp(pool, g, {}, true);
  return g;
});

async function load(task: TaskRef): Promise<(...args: unknown[]) => unknown> {
  const module = (await import(task.module)) as Record<string, unknown>;
  const fn = module[task.exportName];
  if (typeof fn !== 'function') throw new TypeError(`${task.module} has no exported function named ${task.exportName}`);
  return fn as (...args: unknown[]) => unknown;
}

/**
 * A {@link Group} with at most `size` members: `spawn` waits while it is full. It is also an
 * `Executor` (core's interface), so code written against executors can run on greenlets.
 *
 * @example
 * ```ts
 * import { Pool, sleep } from '@coro/gevent';
 * await using pool = new Pool(10);
 * const pages = await pool.map(function* (n: number) { yield* sleep(10); return n * 2; }, [1, 2, 3]);
 * console.log(pages); // [2, 4, 6]
 * ```
 */
export class Pool extends GreenletSet implements Executor {
  /** The limit (`undefined`: unlimited). */
  readonly limit: number | undefined;
  /** @internal one permit per free slot. */
  readonly semaphore: Semaphore;
  private closed = false;

  /** @param size - maximum members; `undefined` for no limit, `0` admits nobody */
  constructor(size?: number) {
    super();
    if (size !== undefined && (typeof size !== 'number' || !Number.isInteger(size))) throw new TypeError(`Pool: size must be an integer or undefined, got ${describeValue(size)}`);
    if (size !== undefined && size < 0) throw new RangeError(`Pool: size must be >= 0, got ${size}`);
    this.limit = size;
    this.semaphore = size === undefined ? new DummySemaphore() : new Semaphore(size);
  }

  /** @internal track a greenlet that holds a permit. */
  admit(g: Greenlet<unknown>): void {
    this.track(g);
  }

  protected override released(): void {
    this.semaphore.release();
  }

  /**
   * Spawn `fn(...args)` as a member, waiting for a free slot.
   *
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * const g = yield* pool.spawn(work, 1);
   * ```
   */
  spawn<F extends (...args: any[]) => unknown>(fn: F, ...args: Parameters<F>): Blocking<Greenlet<TaskResult<F>>> {
    if (typeof fn !== 'function') throw new TypeError(`Pool.spawn: fn must be a function, got ${describeValue(fn)}`);
    return spawnOp(this, fn, args) as Blocking<Greenlet<TaskResult<F>>>;
  }

  /**
   * Track `g`, waiting for a slot; `PoolFull` if not `blocking` or after `timeout`.
   *
   * @example
   * ```ts
   * yield* pool.add(g, { timeout: 100 });
   * ```
   */
  add(g: Greenlet<unknown>, options: AcquireOptions = {}): Blocking<void> {
    return addOp(this, g, options, false);
  }

  /**
   * {@link Pool.add}, then start it.
   *
   * @example
   * ```ts
   * yield* pool.start(new Greenlet(work));
   * ```
   */
  start(g: Greenlet<unknown>, options: AcquireOptions = {}): Blocking<void> {
    return addOp(this, g, options, true);
  }

  /** Free slots (1 when unlimited). */
  freeCount(): number {
    if (this.limit === undefined) return 1;
    return Math.max(0, this.limit - this.size);
  }

  /** True when `spawn` would wait. */
  full(): boolean {
    return this.freeCount() <= 0;
  }

  /**
   * Wait until a slot is free; returns the free count (0 after `timeout`).
   *
   * @example
   * ```ts
   * yield* pool.waitAvailable();
   * ```
   */
  waitAvailable(timeout?: number | Timeout): Blocking<number> {
    return this.semaphore.wait(timeout);
  }

  protected spawnMember(fn: (...args: any[]) => unknown, args: unknown[]): Operation<Greenlet<unknown>> {
    return spawnOp(this, fn, args);
  }

  protected spawnNow(fn: (...args: any[]) => unknown, args: unknown[]): Greenlet<unknown> {
    const g = new Greenlet(fn, ...args);
    this.semaphore.counter--;
    this.admit(g);
    g.start();
    return g;
  }

  /**
   * Executor: run a named task in this pool; settles with its result or error. The task's
   * `signal` kills the greenlet.
   *
   * @typeParam F - the task function's type.
   * @example
   * ```ts
   * const n = await pool.submit(countPrimes, 10_000);
   * ```
   */
  async submit<F extends (...args: any[]) => any>(task: TaskRef<F>, ...args: Parameters<F>): Promise<TaskResult<F>> {
    return this.runTask(task, args, task.options.signal) as Promise<TaskResult<F>>;
  }

  private async runTask(task: TaskRef, args: unknown[], signal: AbortSignal | undefined): Promise<unknown> {
    if (this.closed) throw new Error('Pool.submit: the pool is closed');
    signal?.throwIfAborted();
    const fn = await load(task);
    const g = await this.spawn(fn, ...args);
    const onAbort = (): void => g.kill(GreenletExit, { block: false });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted === true) onAbort(); // aborted while the module loaded or a slot freed
    try {
      await g.join();
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted === true) throw signal.reason;
    return g.get();
  }

  /**
   * `map(fn, inputs)`: the gevent map (a blocking call). `map(task, inputs, options)`: the
   * Executor map (a promise); results in input order either way.
   *
   * @typeParam I - the inputs.
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * const squares = await pool.map((x: number) => x * x, [1, 2, 3]);
   * const counts = await pool.map(countPrimes, [10, 100]);
   * ```
   */
  override map<I, F extends (input: I) => unknown>(fn: F, inputs: MapInput<I>): Blocking<TaskResult<F>[]>;
  override map<F extends (input: any) => any>(task: TaskRef<F>, inputs: Iterable<Parameters<F>[0]>, options?: MapOptions): Promise<TaskResult<F>[]>;
  override map(fn: unknown, inputs: unknown, options?: MapOptions): Blocking<unknown[]> | Promise<unknown[]> {
    if (typeof fn === 'function') return super.map(fn as (input: unknown) => unknown, inputs as MapInput<unknown>);
    const task = fn as TaskRef;
    const signal = options?.signal ?? task.options.signal;
    return Promise.all([...(inputs as Iterable<unknown>)].map((input) => this.runTask(task, [input], signal)));
  }

  /**
   * Executor: stop accepting tasks and wait for the members to finish.
   *
   * @example
   * ```ts
   * await pool.close();
   * ```
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.join();
  }

  /** `await using pool = new Pool(n)`: {@link Pool.close}. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** `<Pool size=N limit=M free=K>`. */
  override toString(): string {
    return `<Pool size=${this.size} limit=${this.limit ?? 'none'} free=${this.freeCount()}>`;
  }
}
