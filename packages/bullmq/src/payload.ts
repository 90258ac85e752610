// What travels through Redis for one job. Arguments and results are structured-cloned values (as
// with the thread and process executors: Map, Set, Date, BigInt, typed arrays, undefined survive),
// written with Node's v8 serializer and stored as base64 text inside BullMQ's JSON.
import { deserialize, serialize } from 'node:v8';
import type { SentError } from '@coro/compare';

/**
 * A job's data as BullMQ stores it, kept small (it is written, read and parsed for every job). The
 * exported function's name is the job's name; the executor's `attempts` is BullMQ's own job option.
 */
export interface JobData {
  /** The task's module as a worker resolves it: `./path` under the worker's root, a package specifier, or a URL. */
  readonly module: string;
  /** The arguments, v8-serialized, base64; absent when there are none. */
  readonly args?: string;
  /** Set by the worker on failure: the task's error as data. */
  readonly error?: SentError;
}

/** How many times a job may run when its worker is lost (BullMQ's `attempts`, 1 when not set). */
export function attemptsOf(job: { readonly opts: { readonly attempts?: number } }): number {
  return Math.max(job.opts.attempts ?? 1, 1); // BullMQ stores 0 when none was given
}

// The two most common payloads, no arguments and no result, skip the serializer. (Base64 of v8's
// format always starts with its version tag, "/w", so these short texts cannot be mistaken for one.)
export const NO_ARGS = '[]';
const UNDEFINED = '';

/** A value as text for Redis. */
export function pack(value: unknown): string {
  if (value === undefined) return UNDEFINED;
  if (Array.isArray(value) && value.length === 0 && Object.getPrototypeOf(value) === Array.prototype) return NO_ARGS;
  return serialize(value).toString('base64');
}

/** The value {@link pack} stored. */
export function unpack(text: string): unknown {
  if (text === UNDEFINED) return undefined;
  if (text === NO_ARGS) return [];
  return deserialize(Buffer.from(text, 'base64'));
}

/** The Redis names shared by executors and workers of one queue, under BullMQ's prefix. */
export function keysOf(prefix: string, queue: string) {
  const base = `${prefix}:${queue}:coro`;
  return {
    /** Pub/sub channel on which executors publish the ids of aborted jobs. */
    abortChannel: `${base}:abort`,
    /** A key per aborted job, for a worker that picks the job up after a crash (it missed the message). */
    abortedKey: (jobId: string) => `${base}:aborted:${jobId}`,
  };
}

/** How long an aborted job's key lives: long enough for any retry to see it. */
export const ABORTED_KEY_TTL_SECONDS = 24 * 60 * 60;
