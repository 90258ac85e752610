// What a coro-worker does with one BullMQ job: check it may still run, resolve its task under the
// worker's root, run it on the local executor, and report the value or the error as data.
import { JobAborted, sendError, WorkerCrashed, type Executor } from '@coro/compare';
import { task } from '@coro/core';
import { UnrecoverableError, type Job } from 'bullmq';
import { WorkerLost } from '../errors.js';
import { pack, unpack, type JobData } from '../payload.js';
import { resolveTaskName } from '../task-names.js';

/** A job this worker is running. */
export interface Running {
  readonly job: Job<JobData>;
  readonly token: string;
  readonly controller: AbortController;
  /** Given back to the queue at shutdown: whatever the local run ends with is no longer this job's. */
  handedBack: boolean;
}

export interface ProcessorContext {
  readonly executor: Executor;
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
  /** Count a start of this job in Redis, without waiting (one pipelined command). */
  markStarted(jobId: string): void;
  /** How many times a processor started this job before (asked only of jobs run again). */
  startedBefore(jobId: string): Promise<number>;
}

const ABORTED_BY_SUBMITTER = 'the job was aborted by its submitter';

/** The BullMQ processor of a coro-worker. */
export function makeProcessor(context: ProcessorContext) {
  const modules = new Map<string, string | TypeError>();
  return async function process(job: Job<JobData>, token?: string): Promise<string> {
    const data = job.data;
    const id = job.id!;
    /** Fail for good: the error as data where the submitter reads it, and BullMQ told not to retry. */
    const fail = async (error: unknown): Promise<never> => {
      await job.updateData({ ...data, error: sendError(error) });
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    };
    // A worker was lost with this job once for every start that neither finished nor failed (failed
    // local runs are attemptsMade). A stall without a start is no loss: the worker took the job while
    // Redis went away and never heard that it had (a lost reply), so the job simply runs now.
    const again = job.stalledCounter > 0 || job.attemptsMade > 0;
    const lost = job.stalledCounter > 0 ? (await context.startedBefore(id)) - job.attemptsMade : 0;
    if (lost > 0 && lost + job.attemptsMade >= data.attempts) return fail(new WorkerLost(lost, data.attempts));
    if (context.abortedRecently.has(id) || (again && (await context.abortedBefore(id)))) return fail(new JobAborted('queued', ABORTED_BY_SUBMITTER));
    context.markStarted(id);

    let module = modules.get(data.module);
    if (module === undefined) modules.set(data.module, (module = resolveTaskName(data.module, data.exportName, context.root, context.where)));
    if (module instanceof TypeError) return fail(module);

    const running: Running = { job, token: token ?? '', controller: new AbortController(), handedBack: false };
    context.running.set(id, running);
    try {
      const value = await context.executor.submit(task(module, data.exportName).with({ signal: running.controller.signal }), ...(unpack(data.args) as unknown[]));
      try {
        return pack(value);
      } catch (error) {
        return await fail(new TypeError(`the result of ${data.exportName} cannot be cloned: ${(error as Error).message}`, { cause: error }));
      }
    } catch (error) {
      if (running.handedBack) return new Promise<never>(() => {}); // back in the queue; BullMQ forgets it at close
      if (error instanceof UnrecoverableError) throw error;
      const signal = running.controller.signal;
      if (signal.aborted) return fail(error instanceof JobAborted ? error : new JobAborted('graceful', signal.reason));
      // The local thread or process died under the job: retry while attempts allow (BullMQ counts them).
      if (error instanceof WorkerCrashed && Math.max(lost, 0) + job.attemptsMade + 1 < data.attempts) throw new Error(error.message, { cause: error });
      return fail(error);
    } finally {
      context.running.delete(id);
      if (context.running.size === 0) context.emptied();
    }
  };
}

/** The abort reason the worker gives the local job. */
export const submitterAbort = (): Error => new Error(ABORTED_BY_SUBMITTER);
