import type { Resume } from './operation.js';

/**
 * The rarely needed parts of a task, allocated on first use so that a plain task stays small
 * (memory per suspended task is one of core's targets): joiners, the promise behind `await`,
 * the abort controller behind `task.signal`, cancellation bookkeeping, the spawn stack.
 *
 * @internal
 */
export class TaskExtra {
  joiners: Resume<any>[] | null = null;
  promise: Promise<any> | null = null;
  resolvePromise: ((value: any) => void) | null = null;
  rejectPromise: ((error: unknown) => void) | null = null;
  controller: AbortController | null = null;
  /** cancel() was called (it is idempotent from then on). */
  cancelRequested = false;
  /** A cancel waits to be delivered at the task's next yield. */
  cancelPending = false;
  /** `return()` was delivered: the task is running its finally blocks. */
  cancelling = false;
  cancelReason: unknown = undefined;
  /** A child nobody joined failed: this task fails with that error. */
  crashed = false;
  crashError: unknown = undefined;
  /** The outcome the task ends with once its children are gone (state COMPLETING). */
  pendingOutcome = 0;
  pendingValue: unknown = undefined;
  spawnStack: Error | undefined = undefined;
  /** Someone waits until this task has no children (scopes). */
  drainWaiter: Resume<void> | null = null;
  /** This task runs an executor job; {@link jobSignal} finds it. */
  job = false;
}
