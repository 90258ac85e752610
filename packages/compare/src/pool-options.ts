import { availableParallelism } from 'node:os';

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
  /** End a worker that has been idle this long. Default: idle workers stay (they never hold the process open). */
  readonly idleTimeout?: number;
  /**
   * How long an aborted job may take to notice its signal and settle (graceful) before its worker
   * is terminated (hard). Default 0: terminate at once.
   */
  readonly abortGrace?: number;
  /** How long `close()` waits for a worker to leave before killing it. Default 1000. */
  readonly terminateTimeout?: number;
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
    throw new RangeError(`${owner}: options.${option} must be ${kind} >= ${min} (or Infinity), got ${String(value)}`);
  }
  return value;
}

/** Fill in defaults and reject impossible values with a RangeError naming the option. */
export function resolvePoolOptions(owner: string, options: PoolOptions = {}): ResolvedPoolOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${owner}: options must be an object, got ${String(options)}`);
  const size = options.size ?? availableParallelism();
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`${owner}: options.size must be an integer >= 1, got ${String(size)}`);
  return {
    size,
    maxQueue: check('maxQueue', options.maxQueue ?? Infinity, 0, true, owner),
    idleTimeout: check('idleTimeout', options.idleTimeout ?? Infinity, 0, false, owner),
    abortGrace: check('abortGrace', options.abortGrace ?? 0, 0, false, owner),
    terminateTimeout: check('terminateTimeout', options.terminateTimeout ?? 1000, 0, false, owner),
    maxJobsPerWorker: check('maxJobsPerWorker', options.maxJobsPerWorker ?? Infinity, 1, true, owner),
    maxMemoryPerWorker: check('maxMemoryPerWorker', options.maxMemoryPerWorker ?? Infinity, 1, false, owner),
    name: options.name ?? owner,
  };
}
