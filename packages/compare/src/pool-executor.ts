import type { Executor, MapOptions, TaskRef, TaskResult } from '@coro/core';
import { taskProblem } from './check-task.js';
import { JobAborted } from './errors.js';
import { Pool, type Job, type PoolStats } from './pool.js';
import type { ResolvedPoolOptions } from './pool-options.js';
import type { UnitFactory } from './unit.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/**
 * What {@link ThreadExecutor} and {@link ProcessExecutor} share: the `Executor` (from @coro/core) interface
 * on top of a pool of workers, plus `destroy()` and live counts.
 *
 * @example
 * ```ts
 * async function work(executor: PoolExecutor) {
 *   const n = await executor.submit(countPrimes, 100_000);
 *   console.log(executor.stats); // { workers: 1, busy: 0, queued: 0, state: 'open' }
 *   await executor.close();
 * }
 * ```
 */
export abstract class PoolExecutor implements Executor {
  private readonly pool: Pool;
  /** The name given in the options, or the class name. */
  readonly name: string;

  /** @internal */
  protected constructor(options: ResolvedPoolOptions, units: UnitFactory, unitName: string) {
    this.name = options.name;
    this.pool = new Pool(options, units, unitName);
  }

  /** How many workers exist, how many are busy, how many jobs wait, and whether the executor is open. */
  get stats(): PoolStats {
    return this.pool.stats;
  }

  /**
   * Run one job on a worker. Settles exactly once: with the task's value, its error (rebuilt with
   * class name, message, stack, cause and own properties), `WorkerCrashed`, `JobAborted`,
   * `QueueFull` or `ExecutorClosed`.
   *
   * @typeParam F - the task function's type.
   */
  submit<F extends (...args: any[]) => any>(task: TaskRef<F>, ...args: Parameters<F>): Promise<TaskResult<F>> {
    const problem = taskProblem(`${this.name}.submit`, task);
    if (problem) return Promise.reject(problem);
    const { signal, transfer } = task.options;
    return this.pool.enqueue(task.module, task.exportName, args, transfer, signal).promise as Promise<TaskResult<F>>;
  }

  /**
   * Run the task once per input; results come in input order. The first failure rejects the map
   * and drops the jobs still queued; aborting `options.signal` also aborts the running ones.
   *
   * @typeParam F - the task function's type.
   */
  async map<F extends (input: any) => any>(task: TaskRef<F>, inputs: Iterable<Parameters<F>[0]>, options: MapOptions = {}): Promise<TaskResult<F>[]> {
    const problem = taskProblem(`${this.name}.map`, task);
    if (problem) throw problem;
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
        const { job, promise } = this.pool.enqueue(task.module, task.exportName, [input], task.options.transfer, task.options.signal);
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

  /** Stop accepting jobs, let queued and running jobs finish, then end every worker (killing any that will not leave within `terminateTimeout`). */
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
    const { workers, busy, queued, state } = this.stats;
    return `${this.constructor.name} <${this.name}> { ${state}, workers: ${workers}, busy: ${busy}, queued: ${queued} }`;
  }
}
