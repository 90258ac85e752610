import type { RedisConnection } from './connection.js';

/**
 * Options of a {@link BullExecutor}.
 *
 * @example
 * ```ts
 * const options: BullExecutorOptions = { connection: 'redis://10.0.0.5:6379', queue: 'primes', attempts: 3 };
 * ```
 */
export interface BullExecutorOptions {
  /** Where Redis is; default `REDIS_URL`, else `redis://127.0.0.1:6379`. */
  readonly connection?: RedisConnection;
  /** The BullMQ queue the jobs go to; `coro-worker --queue` must name the same. Default `'coro'`. */
  readonly queue?: string;
  /** BullMQ's key prefix; default `'bull'`. */
  readonly prefix?: string;
  /**
   * The project root both sides agree on (a path or `file:` URL; default the current directory):
   * a `file:` task module travels as a path relative to it, and the worker resolves that path under
   * its own `--root`.
   */
  readonly root?: string | URL;
  /** How many times a job may run when the worker running it is lost (crash, kill); default 1. */
  readonly attempts?: number;
  /**
   * After a running job's signal aborts, how long to wait for its worker to report it stopped before
   * rejecting it anyway with `JobAborted` mode `'hard'`; default 5000 ms.
   */
  readonly abortTimeout?: number;
  /**
   * How long `close()` waits for submitted jobs before rejecting the rest with `ExecutorClosed`
   * (and removing or aborting them), so `close()` never hangs; default 30000 ms. `Infinity`: wait.
   */
  readonly closeTimeout?: number;
  /**
   * While jobs are pending and no event has arrived for this long (ms), ask Redis for their state:
   * a safety net under the event stream. Default 10000; `Infinity` turns it off.
   */
  readonly reconcileInterval?: number;
}

export interface ResolvedExecutorOptions {
  readonly queue: string;
  readonly prefix: string;
  readonly attempts: number;
  readonly abortTimeout: number;
  readonly closeTimeout: number;
  readonly reconcileInterval: number;
}

const known = ['connection', 'queue', 'prefix', 'root', 'attempts', 'abortTimeout', 'closeTimeout', 'reconcileInterval'];

const shown = (value: unknown) => (typeof value === 'string' ? `'${value}'` : String(value));

/** A non-negative duration in ms (Infinity allowed), or a RangeError/TypeError naming the option. */
export function duration(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${owner}: ${name} must be a number of milliseconds, got ${shown(value)}`);
  if (!(value >= 0)) throw new RangeError(`${owner}: ${name} must be >= 0 (Infinity: never), got ${shown(value)}`);
  return value;
}

/** A positive integer, or a RangeError/TypeError naming the option. */
export function count(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${owner}: ${name} must be a number, got ${shown(value)}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${owner}: ${name} must be an integer >= 1, got ${shown(value)}`);
  return value;
}

/** A non-empty name without ':' (BullMQ's key separator), or a TypeError naming the option. */
export function queueName(owner: string, name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '' || value.includes(':')) {
    throw new TypeError(`${owner}: ${name} must be a non-empty string without ':', got ${shown(value)}`);
  }
  return value;
}

/** Check every option, naming the one that is wrong; unknown options are a TypeError listing the known ones. */
export function resolveExecutorOptions(owner: string, options: BullExecutorOptions): ResolvedExecutorOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${owner}: options must be an object, got ${shown(options)}`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${owner}: unknown option '${key}' (known: ${known.join(', ')})`);
  }
  return {
    queue: queueName(owner, 'queue', options.queue, 'coro'),
    prefix: queueName(owner, 'prefix', options.prefix, 'bull'),
    attempts: count(owner, 'attempts', options.attempts, 1),
    abortTimeout: duration(owner, 'abortTimeout', options.abortTimeout, 5000),
    closeTimeout: duration(owner, 'closeTimeout', options.closeTimeout, 30_000),
    reconcileInterval: duration(owner, 'reconcileInterval', options.reconcileInterval, 10_000),
  };
}
