// Turning a finished BullMQ job back into what its caller gets: the value, or the task's error
// rebuilt, with this package's and compare's own error classes restored as the real classes so that
// `instanceof JobAborted` and `instanceof WorkerCrashed` work as with the local executors.
import { JobAborted, receiveError, WorkerCrashed, type AbortMode, type SentError } from '@coro/compare';
import { WorkerLost } from './errors.js';
import { attemptsOf, type JobData } from './payload.js';

/** Give a rebuilt error the stack and own properties that were sent. */
function withDetails<E extends Error>(error: E, sent: Extract<SentError, { kind: 'error' }>): E {
  Object.defineProperty(error, 'stack', { value: sent.stack, writable: true, configurable: true, enumerable: false });
  return error;
}

/**
 * The caller's error for a job that failed. `job.data.error` is what the worker stored; without it the
 * job failed in BullMQ itself (`failedReason`). `signal` is the caller's, whose reason a
 * `JobAborted` carries as its `cause`, exactly as locally.
 */
export function failure(job: { readonly data: JobData; readonly opts: { readonly attempts?: number } } | undefined, failedReason: string, signal: AbortSignal | undefined): unknown {
  const sent = job?.data.error;
  const attempts = job ? attemptsOf(job) : 1;
  if (sent === undefined) {
    if (/stalled/.test(failedReason)) return new WorkerLost(1, attempts);
    return new Error(`the job failed in BullMQ: ${failedReason}`);
  }
  if (sent.kind === 'error') {
    if (sent.className === 'JobAborted') return withDetails(new JobAborted((sent.props.mode as AbortMode | undefined) ?? 'graceful', signal?.reason), sent);
    if (sent.className === 'WorkerLost') return withDetails(new WorkerLost(Number(sent.props.lost), attempts), sent);
    if (sent.className === 'WorkerCrashed') {
      const error = new WorkerCrashed('', (sent.props.exitCode as number | null) ?? null, (sent.props.signal as NodeJS.Signals | null) ?? null);
      error.message = sent.message;
      return withDetails(error, sent);
    }
  }
  return receiveError(sent);
}
