import type { SentError } from './error-transport.js';

// The messages between a pool and its workers are small arrays: cheaper to clone than objects,
// which matters at tens of thousands of jobs a second. The commonest two are bare numbers: cloning
// an array costs V8's serializer about as much again as the whole of cloning a number, and that
// difference is most of what separated a pool's round trip from a raw fork's (issue 13).

/** Pool → worker: run a job. */
export const RUN = 0;
/** Pool → worker: the job's signal aborted; tell the job. */
export const ABORT = 1;
/** Worker → pool: the job returned. */
export const DONE = 0;
/** Worker → pool: the job threw. */
export const FAIL = 1;
/** Worker → pool: something outside any job threw; the worker is about to exit. */
export const FATAL = 2;
/** Worker → pool: a rejection nobody handled surfaced after its job settled; the worker carries on. */
export const LATE = 3;
/** Worker → pool: the job was aborted before its body started (its module was still loading). */
export const SKIPPED = 4;

/**
 * Run job `id` of task number `task` (numbered per pool). The first time a worker meets a task the
 * message also names its module and export; afterwards the number is enough.
 */
export type RunMessage = [typeof RUN, id: number, task: number, args: unknown[], module?: string, exportName?: string];
export type AbortMessage = [typeof ABORT, id: number];
/** A known task without arguments, as one number: `id * TASK_SLOTS + task` (see {@link runNumber}). */
export type ToWorker = RunMessage | AbortMessage | number;

/** Task numbers below this fit in the one-number RUN message. */
export const TASK_SLOTS = 2 ** 16;
/** Job ids below this fit in it (ids beyond use the array form: still exact, only slower). */
const MAX_PACKED_ID = 2 ** 36;

/** The one-number RUN message for job `id` of task `task`, or undefined when they do not fit. */
export function runNumber(id: number, task: number): number | undefined {
  return task < TASK_SLOTS && id < MAX_PACKED_ID ? id * TASK_SLOTS + task : undefined;
}

/**
 * `memory` is present only when the pool recycles workers above a memory limit. A bare number `id`
 * means `[DONE, id, undefined]` (a job that returned nothing, with no memory to report).
 */
export type FromWorker =
  | number
  | [typeof DONE, id: number, value: unknown, memory?: number]
  | [typeof FAIL, id: number, error: SentError, memory?: number]
  | [typeof FATAL, error: SentError]
  | [typeof LATE, error: SentError, task: string]
  | [typeof SKIPPED, id: number];

/** What a worker is told when it starts. */
export interface WorkerSetup {
  /** Report memory use after each job: `'heap'` (threads) or `'rss'` (processes). */
  readonly reportMemory?: 'heap' | 'rss';
  /** The pool may send ABORT (its `abortGrace` is above 0); otherwise it ends the worker to stop a job. */
  readonly gracefulAbort?: true;
  /** How long importing a task module may take (ms); see `PoolOptions.loadTimeout`. */
  readonly loadTimeout?: number;
}
