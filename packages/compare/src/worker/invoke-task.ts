type TaskFunction = (...args: unknown[]) => unknown;

/**
 * Call a task function with its arguments; `signal` aborts when the pool asks the job to stop.
 * Returns the value, or a promise of it for async work.
 */
export function invokeTask(fn: TaskFunction, args: unknown[], _signal: AbortSignal): unknown {
  return fn(...args);
}
