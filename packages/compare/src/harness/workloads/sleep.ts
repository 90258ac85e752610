import { createExecutor } from '../executors.js';
import { harnessTasks } from '../task-refs.js';
import type { Workload } from '../workload.js';

const WAIT_MS = 10;

/**
 * Many concurrent timer waits: as many units as waits where a unit is cheap (coroutines,
 * greenlets); processes and threads are capped, since each costs megabytes.
 */
export const sleepWorkload: Workload = {
  name: 'sleep',
  title: `time for many concurrent ${WAIT_MS} ms waits`,
  unit: 'ms',
  better: 'lower',
  async run(kind, { quick }) {
    const waits = quick ? 50 : 1000;
    const units = kind === 'process' || kind === 'thread' ? (quick ? 2 : 16) : waits;
    const executor = await createExecutor(kind, units);
    await Promise.all(Array.from({ length: Math.min(units, 16) }, () => executor.submit(harnessTasks.sleepFor, 1)));
    const start = performance.now();
    await Promise.all(Array.from({ length: waits }, () => executor.submit(harnessTasks.sleepFor, WAIT_MS)));
    const elapsed = performance.now() - start;
    await executor.close();
    return { value: elapsed, note: `${waits} waits on ${units} ${kind} units` };
  },
};
