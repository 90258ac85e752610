/**
 * A job's worker thread or child process died before the job settled (a throw outside any job,
 * `process.exit`, a signal, running out of memory). Only the jobs that were running on that worker
 * reject with it; the pool replaces the worker and carries on.
 *
 * @example
 * ```ts
 * try {
 *   await executor.submit(mayCrash);
 * } catch (error) {
 *   if (error instanceof WorkerCrashed) console.log(error.exitCode, error.signal);
 * }
 * ```
 */
export class WorkerCrashed extends Error {
  /** `'WorkerCrashed'`, or a subclass's name (such as @coro/bullmq's `'WorkerLost'`). */
  override readonly name: string = 'WorkerCrashed';
  /** The exit code of the worker or child, or `null` when a signal ended it. */
  readonly exitCode: number | null;
  /** The signal that ended a child process (`'SIGKILL'`), or `null`. */
  readonly signal: NodeJS.Signals | null;

  constructor(what: string, exitCode: number | null, signal: NodeJS.Signals | null, options?: ErrorOptions) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${String(exitCode)}`;
    super(`${what} ${how} while running this job`, options);
    this.exitCode = exitCode;
    this.signal = signal;
  }
}

/**
 * How an aborted job was stopped: `'queued'` (it never started), `'graceful'` (it saw its
 * `AbortSignal` and settled within the executor's `abortGrace`), or `'hard'` (its worker was
 * terminated and replaced).
 *
 * @example
 * ```ts
 * const mode: AbortMode = 'graceful';
 * ```
 */
export type AbortMode = 'queued' | 'graceful' | 'hard';

/**
 * A job was aborted through its `AbortSignal`. `mode` says how it was stopped; `cause` is the
 * signal's reason.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const job = executor.submit(countPrimes.with({ signal: controller.signal }), 1e9);
 * controller.abort();
 * await job.catch((e: JobAborted) => e.mode); // 'hard' unless the job listened to its signal
 * ```
 */
export class JobAborted extends Error {
  /** Always `'JobAborted'`. */
  override readonly name = 'JobAborted';
  /** How the job was stopped. */
  readonly mode: AbortMode;

  constructor(mode: AbortMode, reason: unknown) {
    const how = { queued: 'before it started', graceful: 'and it stopped by itself', hard: 'and its worker was terminated' }[mode];
    super(`job aborted ${how}`, { cause: reason });
    this.mode = mode;
  }
}

/**
 * `submit` was called while the executor's queue already held `maxQueue` jobs.
 *
 * @example
 * ```ts
 * const executor = new ThreadExecutor({ size: 1, maxQueue: 0 });
 * executor.submit(slow); // runs
 * await executor.submit(slow).catch((e) => e instanceof QueueFull); // true
 * ```
 */
export class QueueFull extends Error {
  /** Always `'QueueFull'`. */
  override readonly name = 'QueueFull';

  constructor(maxQueue: number) {
    super(`the executor's queue is full (maxQueue: ${maxQueue}); wait for jobs to finish or raise maxQueue`);
  }
}

/**
 * The executor was closed or destroyed: `submit` after `close()`, or a job still queued or
 * running when `destroy()` was called.
 *
 * @example
 * ```ts
 * await executor.close();
 * await executor.submit(noop).catch((e) => e instanceof ExecutorClosed); // true
 * ```
 */
export class ExecutorClosed extends Error {
  /** Always `'ExecutorClosed'`. */
  override readonly name = 'ExecutorClosed';
}
