import { WorkerCrashed } from '@coro/compare';

/**
 * The worker running a job was lost before the job settled — its process crashed or was killed,
 * or it lost Redis for longer than its lock lasts — as many times as the executor's `attempts`
 * allows. It is a {@link WorkerCrashed} (from @coro/compare), so code written for the local
 * executors catches it unchanged.
 *
 * @example
 * ```ts
 * try {
 *   await executor.submit(mayCrash);
 * } catch (error) {
 *   if (error instanceof WorkerLost) console.log(error.message, error.lost);
 * }
 * ```
 */
export class WorkerLost extends WorkerCrashed {
  /** Always `'WorkerLost'`. */
  override readonly name = 'WorkerLost';
  /** How many times a worker was lost while running the job. */
  readonly lost: number;

  constructor(lost: number, attempts: number) {
    super('the coro-worker', null, null);
    this.lost = lost;
    this.message =
      `the coro-worker running this job stopped before the job settled (it crashed, was killed, or lost Redis for longer than its lock lasts), ` +
      `${lost === 1 ? 'once' : `${lost} times`}; attempts is ${attempts}, so it is not run again`;
  }
}
