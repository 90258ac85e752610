import type { SentError } from './error-transport.js';

// The messages between a pool and its workers are small arrays: cheaper to clone than objects,
// which matters at tens of thousands of jobs a second.

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

export type RunMessage = [typeof RUN, id: number, module: string, exportName: string, args: unknown[]];
export type AbortMessage = [typeof ABORT, id: number];
export type ToWorker = RunMessage | AbortMessage;

/** `memory` is present only when the pool recycles workers above a memory limit. */
export type FromWorker =
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
