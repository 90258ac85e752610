/**
 * The return type of a task function once it has run: a generator function's return value, an
 * async function's resolved value, or a plain function's result.
 *
 * @example
 * ```ts
 * type N = TaskResult<(n: number) => Generator<unknown, number>>; // number
 * ```
 */
export type TaskResult<F> = F extends (...args: any[]) => Generator<any, infer R, any>
  ? R
  : F extends (...args: any[]) => infer R
    ? Awaited<R>
    : never;

/**
 * Per-job options carried by a {@link TaskRef}: a signal to abort the job, and objects to
 * transfer (not copy) when the job crosses into a worker thread.
 *
 * @example
 * ```ts
 * const job = countPrimes.with({ signal: AbortSignal.timeout(1000) });
 * ```
 */
export interface JobOptions {
  /** Aborting rejects the job's promise and stops its work (how depends on the executor). */
  readonly signal?: AbortSignal;
  /** Values to transfer to a worker thread instead of cloning them (ArrayBuffers, ports). */
  readonly transfer?: readonly object[];
}

/**
 * A task named by module URL and export name, so the same definition can run in this thread, in
 * a worker thread, or in a child process. `F` is the type of the exported function; it is only
 * used for typing `submit` and `map`.
 *
 * @example
 * ```ts
 * import { task } from '@coro/core';
 * import type * as primes from './primes.js';
 *
 * const countPrimes = task<typeof primes.countPrimes>(new URL('./primes.js', import.meta.url), 'countPrimes');
 * ```
 *
 * @typeParam F - the type of the exported function.
 */
export interface TaskRef<F extends (...args: any[]) => any = (...args: any[]) => any> {
  /** The module's URL as a string (`file:` URLs for local files). */
  readonly module: string;
  /** The name of the exported function. */
  readonly exportName: string;
  /** Per-job options; empty unless set with {@link TaskRef.with}. */
  readonly options: JobOptions;
  /** A copy of this reference that carries `options` into `submit`. */
  with(options: JobOptions): TaskRef<F>;
}

/**
 * Options for {@link Executor.map}.
 *
 * @example
 * ```ts
 * await executor.map(countPrimes, [1e5, 2e5], { signal: controller.signal });
 * ```
 */
export interface MapOptions {
  /** Aborting rejects the map and aborts every job still running. */
  readonly signal?: AbortSignal;
}

/**
 * One interface for running tasks on processes, threads, a coroutine scheduler or a gevent pool.
 * Swapping one executor for another is a one-line change.
 *
 * @example
 * ```ts
 * await using executor = new CoroutineExecutor();
 * const n = await executor.submit(countPrimes, 100_000);
 * const all = await executor.map(countPrimes, [10, 100, 1000]);
 * ```
 */
export interface Executor extends AsyncDisposable {
  /**
   * Run one job; the promise settles exactly once, with its result or its error.
   *
   * @typeParam F - the task function's type.
   */
  submit<F extends (...args: any[]) => any>(task: TaskRef<F>, ...args: Parameters<F>): Promise<TaskResult<F>>;
  /**
   * Run the task once per input (each input is the single argument); results come in input order.
   *
   * @typeParam F - the task function's type.
   */
  map<F extends (input: any) => any>(
    task: TaskRef<F>,
    inputs: Iterable<Parameters<F>[0]>,
    options?: MapOptions,
  ): Promise<TaskResult<F>[]>;
  /** Stop accepting jobs, let the submitted ones finish, release every resource. */
  close(): Promise<void>;
}
