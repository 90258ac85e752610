import { Scheduler } from './scheduler.js';

let shared: Scheduler | undefined;

/**
 * The scheduler `run()` and a top-level `spawn()` use: one per process (per realm), on real
 * time, made on first use.
 *
 * @example
 * ```ts
 * defaultScheduler().stats().live; // tasks alive on the default scheduler
 * ```
 */
export function defaultScheduler(): Scheduler {
  return (shared ??= new Scheduler());
}
