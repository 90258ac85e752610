// Which CPU each process of the bullmq suite is pinned to (taskset -c), the same way the other
// suites pin theirs: the measured process on one CPU, the servers it talks to on another.
import { availableParallelism } from 'node:os';

const last = String(Math.max(availableParallelism() - 1, 0));

/** Redis, kept off the CPU the noop-jobs child runs on. */
export const REDIS_CPU = last;
/** The noop-jobs child: producer and worker in one process. */
export const NOOP_CPU = '0';
/** The cpu-jobs producer: it only waits, so it shares Redis's CPU and leaves the workers theirs. */
export const PRODUCER_CPU = last;

/** Worker i on CPU i: two workers never share a CPU unless the machine has only one. */
export function workerCpus(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i % availableParallelism()));
}
