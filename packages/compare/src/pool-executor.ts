import { EventEmitter } from 'node:events';
import type { Executor, MapOptions, TaskRef, TaskResult } from '@coro/core';
import { resolveTaskModule } from './check-task.js';
import { printable } from './error-transport.js';
import { JobAborted } from './errors.js';
import { Pool, type Job, type PoolStats } from './pool.js';
import type { ResolvedPoolOptions } from './pool-options.js';
import type { UnitFactory } from './unit.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/**
 * The events of a {@link PoolExecutor}: `'drain'` when `needsDrain` turns false again, and
 * `'error'` for an error that surfaced in a worker after its job had settled (a floating
 * rejection); it fails no job. Without an `'error'` listener it is printed as a process warning.
 *
 * @example
 * ```ts
 * executor.on('error', (error, task) => console.error(`after ${task}:`, error));
 * ```
 */
export interface PoolExecutorEvents {
  /** `needsDrain` turned false: a waiting producer may submit again. */
  drain: [];
  /** An error surfaced in a worker after its job settled; `task` names the job that ran last (`"export (module URL)"`). */
  error: [error: unknown, task: string];
}

/**
 * What {@link ThreadExecutor} and {@link ProcessExecutor} share: the `Executor` (from @coro/core) interface
 * on top of a pool of workers, plus `destroy()`, statistics, back-pressure (`needsDrain` and the
 * `'drain'` event) and the `'error'` event for errors that surface after their job settled.
 *
 * @example
 * ```ts
 * async function work(executor: PoolExecutor) {
 *   const n = await executor.submit(countPrimes, 100_000);
 *   console.log(executor.stats.completed, executor.stats.runTime.p50); // 1 12.3
 *   await executor.close();
 * }
 * ```
 */
export abstract class PoolExecutor extends EventEmitter<PoolExecutorEvents> implements Executor {
  private readonly pool: Pool;
  /** The name given in the options, or the class name. */
  readonly name: string;

  /** @internal */
  protected constructor(options: ResolvedPoolOptions, units: UnitFactory, unitName: string) {
    super();
    this.name = options.name;
    this.pool = new Pool(options, units, unitName, {
      late: (error, task) => {
        if (this.listenerCount('error') > 0) this.emit('error', error, task);
        else process.emitWarning(`${this.name}: after ${task} settled, its ${unitName} reported an error no job handled: ${printable(error)}`, 'CoroCompareWarning');
      },
      drain: () => this.emit('drain'),
    });
  }

  /**
   * How many workers exist, how many are busy, how many jobs wait, whether the executor is open,
   * and how recent jobs went: completed count, run and wait time percentiles, utilization.
   */
  get stats(): PoolStats {
    return this.pool.stats;
  }

  /**
   * True when the queue holds `maxQueue` jobs (or, with an unbounded queue, one waiting job per
   * worker): a producer should wait for the `'drain'` event before submitting more.
   *
   * @example
   * ```ts
   * for (const input of inputs) {
   *   if (executor.needsDrain) await once(executor, 'drain');
   *   results.push(executor.submit(work, input));
   * }
   * ```
   */
  get needsDrain(): boolean {
    return this.pool.needsDrain;
  }

  /**
   * Run one job on a worker. Settles exactly once: with the task's value, its error (rebuilt with
   * class name, message, stack, cause and own properties), `WorkerCrashed`, `JobAborted`,
   * `QueueFull` or `ExecutorClosed`.
   *
   * @typeParam F - the task function's type.
   */
  submit<F extends (...args: any[]) => any>(task: TaskRef<F>, ...args: Parameters<F>): Promise<TaskResult<F>> {
    const module = resolveTaskModule(`${this.name}.submit`, task);
    if (typeof module !== 'string') return Promise.reject(module);
    const { signal, transfer } = task.options;
    return this.pool.enqueue(module, task.exportName, args, transfer, signal).promise as Promise<TaskResult<F>>;
  }

  /**
   * Run the task once per input; results come in input order. The first failure rejects the map
   * and drops the jobs still queued; aborting `options.signal` also aborts the running ones.
   *
   * @typeParam F - the task function's type.
   */
  async map<F extends (input: any) => any>(task: TaskRef<F>, inputs: Iterable<Parameters<F>[0]>, options: MapOptions = {}): Promise<TaskResult<F>[]> {
    const module = resolveTaskModule(`${this.name}.map`, task);
    if (typeof module !== 'string') throw module;
    const { signal } = options;
    if (signal?.aborted) throw new JobAborted('queued', signal.reason);
    const jobs: Job[] = [];
    let stopped = false; // once: every job's rejection comes back here
    const abortAll = (reason: unknown, queuedOnly: boolean) => {
      if (stopped) return;
      stopped = true;
      for (const job of jobs) if (!queuedOnly || !job.worker) this.pool.abort(job, reason);
    };
    const onAbort = () => abortAll(signal!.reason, false);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const promises: Promise<unknown>[] = [];
      for (const input of inputs) {
        const { job, promise } = this.pool.enqueue(module, task.exportName, [input], task.options.transfer, task.options.signal);
        if (job) jobs.push(job);
        promises.push(promise);
      }
      return (await Promise.all(
        promises.map((promise) =>
          promise.catch((error: unknown) => {
            abortAll(error, true); // running siblings finish; queued ones never start
            throw error;
          }),
        ),
      )) as TaskResult<F>[];
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Stop accepting jobs, let queued and running jobs finish, then end every worker. Bounded by
   * `terminateTimeout`: a job still running that long after `close()` (or after its start, if it
   * starts later) rejects with `ExecutorClosed` and its worker is ended; a worker that will not
   * leave within it is killed.
   */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** Stop now: reject queued and running jobs with `ExecutorClosed` and kill every worker. */
  destroy(): Promise<void> {
    return this.pool.destroy();
  }

  /** `await using executor = …` closes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** @internal */
  [inspect](): string {
    const { workers, busy, queued, state } = this.pool.stats;
    return `${this.constructor.name} <${this.name}> { ${state}, workers: ${workers}, busy: ${busy}, queued: ${queued} }`;
  }
}
