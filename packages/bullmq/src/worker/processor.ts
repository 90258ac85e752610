// What a coro-worker does with one BullMQ job: check it may still run, resolve its task under the
// worker's root, run it locally, and report the value or the error as data.
import { JobAborted, sendError, WorkerCrashed } from '@coro/compare';
import { UnrecoverableError, type Job } from 'bullmq';
import { WorkerLost } from '../errors.js';
import { attemptsOf, pack, unpack, type JobData } from '../payload.js';
import { resolveTaskName } from '../task-names.js';
import type { LocalRunner } from './local-runner.js';

/** A job this worker is running. */
export interface Running {
  readonly job: Job<JobData>;
  readonly token: string;
  /** Given back to the queue at shutdown: whatever the local run ends with is no longer this job's. */
  handedBack: boolean;
  /** Made when the task first asks for its signal (or a thread/process executor needs it). */
  controller: AbortController | undefined;
  /** Set once the job is aborted (the submitter's cancel, or a hand-back); its reason. */
  abortedFor: unknown;
}

const NOT_ABORTED = Symbol('not aborted');

/** The job's signal, made on first use, already aborted if the job was. */
function signalOf(running: Running): AbortSignal {
  if (running.controller === undefined) {
    running.controller = new AbortController();
    if (running.abortedFor !== NOT_ABORTED) running.controller.abort(running.abortedFor);
  }
  return running.controller.signal;
}

/** Abort a running job: its signal if the task has one, and the processor sees it when the run ends. */
export function abortRunning(running: Running, reason: unknown): void {
  if (running.abortedFor !== NOT_ABORTED) return;
  running.abortedFor = reason;
  running.controller?.abort(reason);
}

/** A record of a job taken by this worker. */
export function runningJob(job: Job<JobData>, token: string | undefined): Running {
  return { job, token: token ?? '', handedBack: false, controller: undefined, abortedFor: NOT_ABORTED };
}

export interface ProcessorContext {
  readonly runner: LocalRunner;
  readonly root: URL;
  /** The worker's name, for errors that say where a task did not resolve. */
  readonly where: string;
  readonly running: Map<string, Running>;
  /** Ids aborted on the channel recently, for a job taken just before or after its message. */
  readonly abortedRecently: Map<string, number>;
  /** Called when the last running job leaves. */
  readonly emptied: () => void;
  /** Whether the submitter aborted this job before a crash (its key in Redis); asked only of jobs run again. */
  abortedBefore(jobId: string): Promise<boolean>;
  /** Whether the worker is shutting down: a job taken now goes straight back to the queue. */
  closing(): boolean;
  /** Give a job back to the queue (its start uncounted if it had started), where another worker takes it; false if Redis refused. */
  handBack(running: Running, started: boolean): Promise<boolean>;
  /** Count a start of this job in Redis, without waiting (one pipelined command). */
  markStarted(jobId: string): void;
  /** How many times a processor started this job before (asked only of jobs run again). */
  startedBefore(jobId: string): Promise<number>;
}

/** The reason a worker gives a job its submitter aborted. */
export const ABORTED_BY_SUBMITTER = 'the job was aborted by its submitter';

/**
 * What the processor returns for a job given back to the queue: BullMQ's attempt to finish it fails
 * ("Missing lock": the lock went with the job), which leaves the job alone, waiting for another worker.
 */
const HANDED_BACK = '';

/**
 * Activations a job may have beyond its attempts before it fails anyway: each Redis restart can
 * leave one activation that never started (see below), and a job must not be taken forever.
 */
const SPARE_ACTIVATIONS = 10;

/** Fail a job for good: the error as data where the submitter reads it, and BullMQ told not to retry. */
async function failForGood(job: Job<JobData>, error: unknown): Promise<never> {
  await job.updateData({ ...job.data, error: sendError(error) });
  throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
}

/**
 * The BullMQ processor of a coro-worker. It takes no third parameter, so BullMQ makes no
 * AbortController per job; the job's own is made only if its task asks for its signal.
 */
export function makeProcessor(context: ProcessorContext) {
  const modules = new Map<string, string | TypeError>();
  return async function process(job: Job<JobData>, token: string | undefined): Promise<string> {
    const data = job.data;
    const id = job.id!;
    const exportName = job.name;
    const attempts = attemptsOf(job);
    // A worker was lost with this job once for every start that neither finished nor failed (failed
    // local runs are attemptsMade). A stall without a start is no loss: the worker took the job while
    // Redis went away and never heard that it had (a lost reply), so the job simply runs now.
    const again = job.stalledCounter > 0 || job.attemptsMade > 0;
    const lost = job.stalledCounter > 0 ? (await context.startedBefore(id)) - job.attemptsMade : 0;
    if ((lost > 0 && lost + job.attemptsMade >= attempts) || job.attemptsStarted > attempts + SPARE_ACTIVATIONS) {
      return failForGood(job, new WorkerLost(Math.max(lost, 1), attempts));
    }
    if (context.abortedRecently.has(id) || (again && (await context.abortedBefore(id)))) return failForGood(job, new JobAborted('queued', ABORTED_BY_SUBMITTER));

    let module = modules.get(data.module);
    if (module === undefined) modules.set(data.module, (module = resolveTaskName(data.module, exportName, context.root, context.where)));
    if (module instanceof TypeError) return failForGood(job, module);

    const running = runningJob(job, token);
    // Taken as the worker stopped taking jobs (fetched with the previous one's completion).
    if (context.closing() && (await context.handBack(running, false))) return HANDED_BACK;
    context.markStarted(id);
    context.running.set(id, running);
    try {
      const result = context.runner.run(module, exportName, data.args === undefined ? [] : (unpack(data.args) as unknown[]), () => signalOf(running));
      const value: unknown = result instanceof Promise ? await result : result; // a plain task's value: no extra turn
      if (running.handedBack) return HANDED_BACK;
      try {
        return pack(value);
      } catch (error) {
        return await failForGood(job, new TypeError(`the result of ${exportName} cannot be cloned: ${(error as Error).message}`, { cause: error }));
      }
    } catch (error) {
      if (running.handedBack) return HANDED_BACK;
      if (error instanceof UnrecoverableError) throw error;
      if (running.abortedFor !== NOT_ABORTED) return failForGood(job, error instanceof JobAborted ? error : new JobAborted('graceful', running.abortedFor));
      // The local thread or process died under the job: retry while attempts allow (BullMQ counts them).
      if (error instanceof WorkerCrashed && Math.max(lost, 0) + job.attemptsMade + 1 < attempts) throw new Error(error.message, { cause: error });
      return failForGood(job, error);
    } finally {
      context.running.delete(id);
      if (context.running.size === 0) context.emptied();
    }
  };
}
