import { defaultScheduler } from './default-scheduler.js';
import type { Executor, MapOptions, TaskRef, TaskResult } from './executor.js';
import { withJobSignal } from './job-signal.js';
import type { Instruction, Operation } from './operation.js';
import { currentTask, type Scheduler } from './scheduler.js';
import type { Task } from './task.js';
import { wait } from './wait.js';

/**
 * Options for a {@link CoroutineExecutor}.
 *
 * @example
 * ```ts
 * new CoroutineExecutor({ scheduler: new Scheduler({ clock: new VirtualClock() }) });
 * ```
 */
export interface CoroutineExecutorOptions {
  /** Where jobs run; default the default scheduler. */
  readonly scheduler?: Scheduler;
}

/**
 * The {@link Executor} that runs jobs in this thread, each as a coroutine task: a generator
 * export runs as the task itself, an async or plain export is called and awaited. Cheap to
 * start and to switch; CPU-bound work still runs on one core.
 *
 * @example
 * ```ts
 * import { CoroutineExecutor, task } from '@coro/core';
 *
 * await using executor = new CoroutineExecutor();
 * const fetchPage = task(new URL('./pages.js', import.meta.url), 'fetchPage');
 * const pages = await executor.map(fetchPage, [1, 2, 3]); // in input order
 * ```
 */
export class CoroutineExecutor implements Executor {
  private readonly scheduler: Scheduler;
  private readonly jobs = new Set<Task<unknown>>();
  private readonly modules = new Map<string, Promise<Record<string, unknown>>>();
  private closed = false;

  constructor(options: CoroutineExecutorOptions = {}) {
    this.scheduler = options.scheduler ?? defaultScheduler();
  }

  /**
   * Run one job.
   *
   * @typeParam F - the task function's type.
   */
  submit<F extends (...args: any[]) => any>(ref: TaskRef<F>, ...args: Parameters<F>): Promise<TaskResult<F>> {
    if (this.closed) return Promise.reject(new Error('CoroutineExecutor.submit: the executor is closed'));
    if (ref === null || typeof ref !== 'object' || typeof ref.module !== 'string' || typeof ref.exportName !== 'string') {
      return Promise.reject(new TypeError('CoroutineExecutor.submit: task must be a TaskRef made with task(module, exportName)'));
    }
    const load = this.load(ref);
    const signal = ref.options.signal;
    const job = this.scheduler.spawnWith(
      signal === undefined ? { name: ref.exportName } : { name: ref.exportName, signal },
      function* () {
        currentTask()!.ext().job = true;
        const fn = yield* wait(load);
        return yield* runExport(fn, args, currentTask()!.signal);
      },
    ) as Task<TaskResult<F>>;
    this.jobs.add(job);
    const done = (): void => void this.jobs.delete(job);
    return job.then(
      (value) => {
        done();
        return value;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
  }

  /**
   * Run the task once per input; results in input order. The first failure (or aborting
   * `options.signal`) cancels the jobs still running and rejects.
   *
   * @typeParam F - the task function's type.
   */
  async map<F extends (input: any) => any>(ref: TaskRef<F>, inputs: Iterable<Parameters<F>[0]>, options: MapOptions = {}): Promise<TaskResult<F>[]> {
    if (inputs === null || typeof (inputs as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
      throw new TypeError('CoroutineExecutor.map: inputs must be iterable');
    }
    const controller = new AbortController();
    const signals = [controller.signal, options.signal, ref.options.signal].filter((s): s is AbortSignal => s !== undefined);
    const job = ref.with({ signal: AbortSignal.any(signals) });
    const pending = [...inputs].map((input) => this.submit(job, ...([input] as Parameters<F>)));
    try {
      return await Promise.all(pending);
    } catch (error) {
      controller.abort(error);
      await Promise.allSettled(pending);
      throw error;
    }
  }

  /** Stop accepting jobs and wait for the running ones to settle. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.jobs]);
  }

  /** `close()`, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private load(ref: TaskRef): Promise<(...args: unknown[]) => unknown> {
    let mod = this.modules.get(ref.module);
    if (mod === undefined) {
      mod = import(ref.module) as Promise<Record<string, unknown>>;
      this.modules.set(ref.module, mod);
    }
    return mod.then((m) => {
      const fn = m[ref.exportName];
      if (typeof fn !== 'function') throw new TypeError(`CoroutineExecutor: ${ref.module} has no exported function ${JSON.stringify(ref.exportName)}`);
      return fn as (...args: unknown[]) => unknown;
    });
  }
}

function* runExport(fn: (...args: unknown[]) => unknown, args: unknown[], signal: AbortSignal): Generator<Instruction, unknown, any> {
  const made = withJobSignal(signal, () => fn(...args));
  if (made !== null && typeof made === 'object' && typeof (made as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function' && typeof (made as { next?: unknown }).next === 'function') {
    return yield* made as Operation<unknown>;
  }
  if (made !== null && typeof made === 'object' && typeof (made as PromiseLike<unknown>).then === 'function') return yield* wait(made);
  return made;
}
