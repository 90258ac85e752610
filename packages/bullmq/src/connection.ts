import type { ConnectionOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';

/**
 * Where Redis is: a `redis://` or `rediss://` URL, or ioredis options. The default is the
 * `REDIS_URL` environment variable, else `redis://127.0.0.1:6379`.
 *
 * @example
 * ```ts
 * const connection: RedisConnection = 'redis://10.0.0.5:6379/0';
 * ```
 */
export type RedisConnection = string | RedisOptions;

/** Reconnect soon after Redis comes back (BullMQ's own default waits up to 20 s), and not at all once closing. */
function retries(given: RedisOptions['retryStrategy'], closing: () => boolean): NonNullable<RedisOptions['retryStrategy']> {
  return (times) => (closing() ? null : given ? given(times) : Math.min(100 * times, 2000));
}

/**
 * ioredis options for BullMQ from a URL or options: commands wait across reconnects (BullMQ's
 * workers require `maxRetriesPerRequest: null`), so a Redis restart delays work instead of failing
 * it. Once `closing()` says so, a lost connection is not retried: every connection made from these
 * options (BullMQ duplicates them for its blocking reads) ends, so close() cannot hang on a Redis
 * that is gone, and the process can exit.
 */
export function redisOptions(owner: string, connection: RedisConnection | undefined, closing: () => boolean = () => false): RedisOptions {
  const given = connection ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (typeof given === 'object' && given !== null) return { ...given, maxRetriesPerRequest: null, retryStrategy: retries(given.retryStrategy, closing) };
  if (typeof given !== 'string') throw new TypeError(`${owner}: connection must be a redis:// URL or ioredis options, got ${String(given)}`);
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new TypeError(`${owner}: connection must be a redis:// URL or ioredis options, got '${given}'`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`${owner}: connection must be a redis:// or rediss:// URL, got '${given}'`);
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new TypeError(`${owner}: the database in '${given}' must be a number, got '${url.pathname.slice(1)}'`);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 6379 : Number(url.port),
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: retries(undefined, closing),
  };
}

/** The connection as text for messages, without its password. */
export function describeConnection(options: RedisOptions): string {
  return `redis://${options.host ?? '127.0.0.1'}:${options.port ?? 6379}${options.db ? `/${options.db}` : ''}`;
}

/**
 * The same options as BullMQ's type: BullMQ 6 declares its own narrower `RedisOptions` (its
 * backends are pluggable) and creates an ioredis client from them, so they pass through unchanged.
 */
export function bullConnection(options: RedisOptions): ConnectionOptions {
  return { ...options } as ConnectionOptions;
}
