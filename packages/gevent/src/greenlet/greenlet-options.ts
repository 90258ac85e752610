import type { Timeout } from '../timeout.js';
import type { Greenlet } from './greenlet.js';

/** What `kill` raises: an Error class (instantiated), or any value (raised as is). */
export type KillException = unknown;

/**
 * Options for {@link Greenlet.kill}.
 *
 * @example
 * ```ts
 * await g.kill(GreenletExit, { timeout: 100 });
 * ```
 */
export interface KillOptions {
  /** Wait for the greenlet to die (default), or only schedule the kill. */
  block?: boolean;
  /** When blocking, wait at most this long (ms or a Timeout); the greenlet may still be alive after. */
  timeout?: number | Timeout;
}

/**
 * Options for {@link Greenlet.get}.
 *
 * @example
 * ```ts
 * const value = await g.get({ timeout: 100 });
 * ```
 */
export interface GetOptions {
  /** `false`: raise `Timeout` at once if the greenlet is not ready. */
  block?: boolean;
  /** Wait at most this long (ms or a Timeout), then raise `Timeout`. */
  timeout?: number | Timeout;
}

/**
 * A hook called with every greenlet as it is started ({@link Greenlet.addSpawnCallback}).
 *
 * @example
 * ```ts
 * const log: SpawnCallback = (g) => console.log('started', g.name);
 * ```
 */
export type SpawnCallback = (g: Greenlet<unknown>) => void;

/** Turn `kill`'s argument into the value to raise. */
export function killError(exception: KillException): unknown {
  if (typeof exception === 'function' && (exception === Error || exception.prototype instanceof Error)) return new (exception as new () => unknown)();
  return exception;
}
