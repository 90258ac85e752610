import { availableParallelism } from 'node:os';
import { shown } from './shown.js';

/**
 * Options every pool executor ({@link ThreadExecutor}, {@link ProcessExecutor}) takes.
 * Durations are milliseconds.
 *
 * @example
 * ```ts
 * const options: PoolOptions = { size: 2, maxQueue: 1000, abortGrace: 100, maxJobsPerWorker: 500 };
 * ```
 */
export interface PoolOptions {
  /** How many workers at most; default `os.availableParallelism()`. Workers start as jobs arrive. */
  readonly size?: number;
  /** How many jobs may wait for a worker; a job beyond that rejects with `QueueFull`. Default unbounded. */
  readonly maxQueue?: number;
  /** End a worker that has been idle this long. Default `Infinity`: idle workers stay (they never hold the process open). */
  readonly idleTimeout?: number;
  /**
   * How long an aborted job may take to notice its signal and settle (graceful) before its worker
   * is terminated (hard). Default 0: terminate at once. `Infinity`: never terminate, wait for the job.
   */
  readonly abortGrace?: number;
  /**
   * How long a job still running after `close()` may take before it is rejected with
   * `ExecutorClosed` and its worker ended, and how long a leaving worker may take before it is
   * killed, so `close()` never hangs. Default 1000. `Infinity`: wait as long as it takes.
   */
  readonly terminateTimeout?: number;
  /**
   * How long a worker may take to import a task module (a top-level `await` that never settles
   * would otherwise leave its job pending forever). The job then rejects with an error naming the
   * module and the task, and the worker is replaced. Default 10000.
   */
  readonly loadTimeout?: number;
  /** Replace a worker after it has run this many jobs (Python's `max_tasks_per_child`). Default unlimited. */
  readonly maxJobsPerWorker?: number;
  /** Replace a worker whose memory (heap for threads, RSS for processes) exceeds this many bytes after a job. */
  readonly maxMemoryPerWorker?: number;
  /** A name shown when the executor is printed. */
  readonly name?: string;
}

/** The options with defaults filled in and every value checked. */
export type ResolvedPoolOptions = Required<Omit<PoolOptions, 'name'>> & { readonly name: string };

function check(option: string, value: number, min: number, integer: boolean, owner: string): number {
  const ok = typeof value === 'number' && value >= min && (integer ? Number.isInteger(value) || value === Infinity : !Number.isNaN(value));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a number';
    const error = typeof value === 'number' ? RangeError : TypeError;
    throw new error(`${owner}: options.${option} must be ${kind} >= ${min} (or Infinity), got ${shown(value)}`);
  }
  return value;
}

/** The keys every pool executor accepts; each executor adds its own. */
export const poolOptionKeys = ['size', 'maxQueue', 'idleTimeout', 'abortGrace', 'terminateTimeout', 'loadTimeout', 'maxJobsPerWorker', 'maxMemoryPerWorker', 'name'] as const;

/**
 * Fill in defaults and reject impossible values with a RangeError naming the option (a TypeError
 * when it is not even a number), and unknown options (a misspelt `abortGrace` would otherwise be
 * silently ignored) with a TypeError listing the known ones.
 */
export function resolvePoolOptions(owner: string, options: PoolOptions = {}, extraKeys: readonly string[] = []): ResolvedPoolOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${owner}: options must be an object, got ${shown(options)}`);
  const known: readonly string[] = [...poolOptionKeys, ...extraKeys];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${owner}: unknown option "${key}"; the options are ${known.join(', ')}`);
  }
  const size = options.size ?? availableParallelism();
  if (!Number.isInteger(size) || size < 1) {
    const error = typeof size === 'number' ? RangeError : TypeError;
    throw new error(`${owner}: options.size must be an integer >= 1, got ${shown(size)}`);
  }
  if (options.name !== undefined && typeof options.name !== 'string') throw new TypeError(`${owner}: options.name must be a string, got ${shown(options.name)}`);
  return {
    size,
    maxQueue: check('maxQueue', options.maxQueue ?? Infinity, 0, true, owner),
    idleTimeout: check('idleTimeout', options.idleTimeout ?? Infinity, 0, false, owner),
    abortGrace: check('abortGrace', options.abortGrace ?? 0, 0, false, owner),
    terminateTimeout: check('terminateTimeout', options.terminateTimeout ?? 1000, 0, false, owner),
    loadTimeout: check('loadTimeout', options.loadTimeout ?? 10_000, 0, false, owner),
    maxJobsPerWorker: check('maxJobsPerWorker', options.maxJobsPerWorker ?? Infinity, 1, true, owner),
    maxMemoryPerWorker: check('maxMemoryPerWorker', options.maxMemoryPerWorker ?? Infinity, 1, false, owner),
    name: options.name ?? owner,
  };
}
