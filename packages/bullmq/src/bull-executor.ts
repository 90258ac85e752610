import { randomUUID } from 'node:crypto';
import { ExecutorClosed, JobAborted, type Executor, type TaskRef } from '@coro/compare';
import type { MapOptions, TaskResult } from '@coro/core';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { bounded } from './bounded.js';
import { bullConnection, describeConnection, redisOptions } from './connection.js';
import { resolveExecutorOptions, type BullExecutorOptions, type ResolvedExecutorOptions } from './options.js';
import { failure } from './outcome.js';
import { ABORTED_KEY_TTL_SECONDS, keysOf, NO_ARGS, pack, unpack, type JobData } from './payload.js';
import { rootUrl, taskName } from './task-names.js';

/** How long BullMQ keeps finished jobs: long enough for reconcile() to read any result it missed. */
const RETENTION = { removeOnComplete: { age: 3600 }, removeOnFail: { age: 86_400 } } as const;
const noValue = (): void => undefined;

/** A submitted job until it settles; removed from `pending` the moment it does (that is the exactly-once rule). */
interface Pending {
  readonly id: string;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** Settles once BullMQ has the job (or adding it failed, which settles the job). */
  added: Promise<void>;
  aborting: boolean;
  abortTimer: NodeJS.Timeout | undefined;
  onAbort: (() => void) | undefined;
}

/** BullMQ's objects, made on the first submit, so an executor that is never used never connects. */
interface Connected {
  readonly queue: Queue;
  readonly events: QueueEvents;
  /** Our own connection, for what BullMQ has no call for: the stream's end, abort messages. */
  readonly control: Redis;
}

/**
 * The `Executor` (from @coro/core) on a BullMQ queue: each job goes to Redis, any `coro-worker`
 * serving the queue runs it (on its thread, process or coroutine executor), and the result comes
 * back through BullMQ's completion events. Arguments and results are structured-cloned; errors
 * arrive intact; every job settles exactly once, also across worker crashes and Redis restarts.
 *
 * @example
 * ```ts
 * import { BullExecutor, task } from '@coro/bullmq';
 * import type * as primes from './primes.js';
 *
 * const countPrimes = task<typeof primes.countPrimes>(new URL('./primes.js', import.meta.url), 'countPrimes');
 * const executor = new BullExecutor({ connection: 'redis://127.0.0.1:6379', queue: 'primes' });
 * try {
 *   console.log(await executor.map(countPrimes, [1e5, 2e5, 3e5])); // run by coro-worker --queue primes
 * } finally {
 *   await executor.close();
 * }
 * ```
 */
export class BullExecutor implements Executor {
  /** The BullMQ queue the jobs go to. */
  readonly queueName: string;
  private readonly options: ResolvedExecutorOptions;
  private readonly redis: RedisOptions;
  private readonly root: URL;
  private readonly keys: ReturnType<typeof keysOf>;
  private readonly pending = new Map<string, Pending>();
  private readonly names = new Map<string, string>();
  private connected: Promise<Connected> | undefined;
  /** The queue once connected, so a submit adds its job without waiting a turn. */
  private queue: Queue | undefined;
  /** BullMQ's objects as soon as they exist (before they connect), so close() can always end them. */
  private made: Partial<Connected> = {};
  private closing: Promise<void> | undefined;
  private whenIdle: (() => void) | undefined;
  private lastEventAt = Date.now();
  /** Set when close() lets go of Redis: from then on a lost connection is not retried. */
  private disconnecting = false;
  private reconcileTimer: NodeJS.Timeout | undefined;

  constructor(options: BullExecutorOptions = {}) {
    this.options = resolveExecutorOptions('BullExecutor', options);
    this.redis = redisOptions('BullExecutor', options.connection, () => this.disconnecting);
    this.root = rootUrl('BullExecutor', options.root ?? process.cwd());
    this.queueName = this.options.queue;
    this.keys = keysOf(this.options.prefix, this.queueName);
  }

  /** Jobs submitted and not yet settled. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Run one job on whichever worker takes it.
   *
   * @typeParam F - the task function's type.
   */
  submit<F extends (...args: any[]) => any>(task: TaskRef<F>, ...args: Parameters<F>): Promise<TaskResult<F>> {
    if (this.closing) return Promise.reject(new ExecutorClosed('BullExecutor.submit: the executor is closed'));
    const module = this.nameOf(task);
    if (module instanceof TypeError) return Promise.reject(module);
    const signal = task.options.signal;
    if (signal?.aborted) return Promise.reject(new JobAborted('queued', signal.reason));
    let packed: string;
    try {
      packed = pack(args);
    } catch (error) {
      return Promise.reject(new TypeError(`BullExecutor.submit: the arguments of ${task.exportName} cannot be cloned: ${(error as Error).message}`, { cause: error }));
    }
    const data: JobData = packed === NO_ARGS ? { module } : { module, args: packed };
    const id = randomUUID();
    return new Promise<TaskResult<F>>((resolve, reject) => {
      const job: Pending = { id, signal, resolve: resolve as (value: unknown) => void, reject, added: Promise.resolve(), aborting: false, abortTimer: undefined, onAbort: undefined };
      this.pending.set(id, job);
      // The id is ours, so an add that ioredis resends after a reconnect finds the job and adds nothing.
      const add = (queue: Queue) => queue.add(task.exportName, data, this.jobOptions(id)).then(noValue, (error: unknown) => this.settle(id, false, error));
      job.added = this.queue ? add(this.queue) : this.connect().then(({ queue }) => add(queue), (error: unknown) => this.settle(id, false, error));
      if (signal) {
        job.onAbort = () => void this.abort(job);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
    });
  }

  /**
   * Run the task once per input; results in input order. The first failure aborts the jobs still
   * pending, and so does aborting `options.signal`.
   *
   * @typeParam F - the task function's type.
   */
  async map<F extends (input: any) => any>(task: TaskRef<F>, inputs: Iterable<Parameters<F>[0]>, options: MapOptions = {}): Promise<TaskResult<F>[]> {
    const signal = options.signal;
    const own = task.options.signal;
    for (const given of [signal, own]) if (given?.aborted) throw new JobAborted('queued', given.reason);
    const controllers: AbortController[] = [];
    const jobs: Promise<TaskResult<F>>[] = [];
    for (const input of inputs) {
      const controller = new AbortController();
      controllers.push(controller);
      jobs.push(this.submit(task.with({ signal: controller.signal }), ...([input] as Parameters<F>)));
    }
    const abortAll = (reason: unknown) => {
      for (const controller of controllers) controller.abort(reason);
    };
    const onAbort = (event: Event) => abortAll((event.target as AbortSignal).reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    own?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.all(jobs);
    } catch (error) {
      abortAll(error);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      own?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Stop accepting jobs, wait for the submitted ones (at most `closeTimeout`; the rest reject with
   * `ExecutorClosed` and are taken off the queue or aborted), then close the Redis connections.
   */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  /** Same as {@link BullExecutor.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** @internal */
  toString(): string {
    return `BullExecutor(queue '${this.queueName}' on ${describeConnection(this.redis)})`;
  }

  private jobOptions(jobId: string) {
    return this.options.attempts === 1 ? { jobId, ...RETENTION } : { jobId, attempts: this.options.attempts, ...RETENTION };
  }

  /** The task's name for workers, checked once per module (a file's existence is not checked again). */
  private nameOf(task: TaskRef): string | TypeError {
    const known = typeof task === 'object' && task !== null && typeof task.module === 'string' ? this.names.get(task.module) : undefined;
    if (known !== undefined) return known;
    const name = taskName('BullExecutor.submit', task, this.root);
    if (typeof name === 'string') this.names.set(task.module, name);
    return name;
  }

  private connect(): Promise<Connected> {
    return (this.connected ??= (async () => {
      const connection = this.redis;
      const { prefix } = this.options;
      // A long event stream, so a busy caller reading events late still finds every completion.
      const control = new Redis(connection);
      control.on('error', () => {}); // connection errors: ioredis reconnects, commands wait
      this.made = { control };
      const queue = new Queue(this.queueName, { connection: bullConnection(connection), prefix, streams: { events: { maxLen: 100_000 } } });
      queue.on('error', () => {});
      this.made = { control, queue };
      // Read events from the stream's current end, fixed before the first job is added: '$' would
      // mean "from whenever the first read happens", and a fast job's completion could fall before it.
      const last = await control.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1);
      const events = new QueueEvents(this.queueName, { connection: bullConnection(connection), prefix, lastEventId: last[0]?.[0] ?? '0' });
      events.on('error', () => {});
      this.made = { control, queue, events };
      events.on('completed', ({ jobId, returnvalue }) => {
        this.lastEventAt = Date.now();
        if (this.pending.has(jobId)) this.completed(jobId, returnvalue);
      });
      events.on('failed', ({ jobId, failedReason }) => {
        this.lastEventAt = Date.now();
        if (this.pending.has(jobId)) void this.failed(queue, jobId, failedReason);
      });
      await events.waitUntilReady();
      // After a reconnect, ask Redis what happened while the stream was not being read.
      let ready = control.status === 'ready';
      control.on('ready', () => {
        if (ready) void this.reconcile();
        ready = true;
      });
      if (this.options.reconcileInterval !== Infinity) {
        const every = Math.max(this.options.reconcileInterval, 100);
        this.reconcileTimer = setInterval(() => {
          if (this.pending.size > 0 && Date.now() - this.lastEventAt >= every) void this.reconcile();
        }, every).unref();
      }
      this.queue = queue;
      return { queue, events, control };
    })());
  }

  /** Settle a job once: whichever path comes second finds it gone. */
  private settle(id: string, ok: boolean, value: unknown): void {
    const job = this.pending.get(id);
    if (job === undefined) return;
    this.pending.delete(id);
    clearTimeout(job.abortTimer);
    if (job.onAbort) job.signal!.removeEventListener('abort', job.onAbort);
    if (ok) job.resolve(value);
    else job.reject(value);
    if (this.pending.size === 0) this.whenIdle?.();
  }

  private completed(id: string, returnvalue: unknown): void {
    let value: unknown;
    try {
      value = unpack(String(returnvalue));
    } catch (error) {
      this.settle(id, false, new Error(`the result of job ${id} cannot be read: ${(error as Error).message} (do the worker and this process run different Node versions?)`, { cause: error }));
      return;
    }
    this.settle(id, true, value);
  }

  private async failed(queue: Queue, id: string, failedReason: string): Promise<void> {
    const job = await Job.fromId<JobData>(queue, id).catch(() => undefined);
    const signal = this.pending.get(id)?.signal;
    this.settle(id, false, failure(job, failedReason, signal));
  }

  /** Abort a job: take it off the queue if no worker has it, else tell the worker running it. */
  private async abort(job: Pending): Promise<void> {
    if (job.aborting) return;
    job.aborting = true;
    await job.added;
    if (!this.pending.has(job.id)) return;
    const { queue, control } = await this.connect();
    const reason: unknown = job.signal?.reason;
    const state = await queue.getJobState(job.id).catch(() => 'unknown');
    if (state === 'completed' || state === 'failed') return; // its event settles it (a result that came first wins)
    if (state !== 'active' && (await queue.remove(job.id).catch(() => 0)) === 1) {
      this.settle(job.id, false, new JobAborted('queued', reason));
      return;
    }
    // Running, or just taken: the worker running it hears the channel; one that takes it later (after a crash) finds the key.
    await control
      .multi().set(this.keys.abortedKey(job.id), '1', 'EX', ABORTED_KEY_TTL_SECONDS).publish(this.keys.abortChannel, job.id).exec().catch(() => undefined);
    if (this.pending.has(job.id) && this.options.abortTimeout !== Infinity) {
      job.abortTimer = setTimeout(() => this.settle(job.id, false, new JobAborted('hard', reason)), this.options.abortTimeout);
    }
  }

  /** Ask Redis for the state of every pending job and settle the finished ones (events missed while disconnected). */
  private async reconcile(): Promise<void> {
    const { queue } = await this.connect();
    this.lastEventAt = Date.now();
    const ids = [...this.pending.keys()];
    for (let i = 0; i < ids.length; i += 100) {
      await Promise.all(
        ids.slice(i, i + 100).map(async (id) => {
          const pending = this.pending.get(id);
          if (pending === undefined) return;
          await pending.added;
          // State first: a job read before its state would be an older copy (no return value yet).
          const state = await queue.getJobState(id).catch(() => 'unreachable');
          if (state === 'unreachable' || !this.pending.has(id)) return; // Redis unreachable: next time
          if (state === 'unknown') {
            this.settle(id, false, new Error(`job ${id} is no longer in Redis and its result never arrived: was Redis restarted without persistence (appendonly), or the job removed by hand?`));
            return;
          }
          if (state !== 'completed' && state !== 'failed') return;
          const job = await Job.fromId<JobData>(queue, id).catch(() => undefined);
          if (job === undefined) return;
          if (state === 'failed') this.settle(id, false, failure(job, job.failedReason, pending.signal));
          else if (typeof job.returnvalue === 'string') this.completed(id, job.returnvalue);
        }),
      );
    }
  }

  private async shutdown(): Promise<void> {
    if (this.pending.size > 0 && this.options.closeTimeout > 0) {
      await new Promise<void>((resolve) => {
        const timer = this.options.closeTimeout === Infinity ? undefined : setTimeout(resolve, this.options.closeTimeout);
        this.whenIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const left = [...this.pending.values()];
    if (left.length > 0) {
      const closed = new ExecutorClosed(`BullExecutor.close: the job did not settle within closeTimeout (${this.options.closeTimeout} ms)`);
      for (const job of left) this.settle(job.id, false, closed);
      // Take them off the queue (or abort them where they run), as far as Redis answers in time.
      await bounded(
        (async () => {
          const { queue, control } = await this.connect();
          await Promise.all(
            left.map(async (job) => {
              if ((await queue.remove(job.id).catch(() => 0)) !== 1) {
                await control.multi().set(this.keys.abortedKey(job.id), '1', 'EX', ABORTED_KEY_TTL_SECONDS).publish(this.keys.abortChannel, job.id).exec();
              }
            }),
          );
        })(),
        2000,
      );
    }
    clearInterval(this.reconcileTimer);
    this.disconnecting = true;
    if (this.connected) await bounded(this.connected, 2000);
    // BullMQ's close waits for Redis; a Redis that is gone must not make close() hang.
    const { queue, events, control } = this.made;
    // (Its connections stop retrying now, so they end by themselves even when these calls never return.)
    await Promise.all([events && bounded(events.close(), 2000), queue && bounded(queue.close(), 2000)]);
    control?.disconnect();
  }
}
