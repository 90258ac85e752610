// A task's internal states. Several "ready" states tell the driver how to resume the generator.
/** Spawned, never run; queued. */
export const CREATED = 0;
/** Queued after a bare `yield`: resume with `next()`; a cancel can be delivered at once. */
export const READY_YIELD = 1;
/** Queued with a value from a completed wait: resume with `next(value)`. */
export const READY_NEXT = 2;
/** Queued with an error from a failed wait: resume with `throw(error)`. */
export const READY_THROW = 3;
/** Queued to be cancelled: resume with `return()`, running `finally` blocks. */
export const READY_RETURN = 4;
/** Its generator is executing. */
export const RUNNING = 5;
/** Parked on a Suspend instruction; `value` is the Wake. */
export const SUSPENDED = 6;
/** Its generator has finished; waiting for its children to end. */
export const COMPLETING = 7;
/** Returned a value. */
export const DONE = 8;
/** Threw (or a child it did not join failed). */
export const FAILED = 9;
/** Was cancelled. */
export const CANCELLED = 10;

/**
 * A task's state as users see it: `pending` (queued to run), `running`, `suspended` (waiting on
 * something, or for its children to end), `done`, `failed`, `cancelled`.
 *
 * @example
 * ```ts
 * const state: TaskState = task.state; // 'suspended'
 * ```
 */
export type TaskState = 'pending' | 'running' | 'suspended' | 'done' | 'failed' | 'cancelled';

const names: readonly TaskState[] = [
  'pending',
  'pending',
  'pending',
  'pending',
  'pending',
  'running',
  'suspended',
  'suspended',
  'done',
  'failed',
  'cancelled',
];

/** The public name of an internal state. */
export function stateName(state: number): TaskState {
  return names[state]!;
}
