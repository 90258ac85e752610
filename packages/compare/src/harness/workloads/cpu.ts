import { createExecutor } from '../executors.js';
import { countPrimes } from '../tasks.js';
import { harnessTasks } from '../task-refs.js';
import type { Workload } from '../workload.js';

const CHUNKS = 8;

/** Speed-up of counting primes on a pool as large as the CPUs allowed, over one loop in this thread. */
export const cpuWorkload: Workload = {
  name: 'cpu',
  title: 'CPU-bound speed-up on all allowed CPUs',
  unit: '×',
  better: 'higher',
  async run(kind, { quick, cpus }) {
    const limit = quick ? 600_000 : 2_000_000;
    const ranges = Array.from({ length: CHUNKS }, (_, i) => [Math.floor((limit * i) / CHUNKS), Math.floor((limit * (i + 1)) / CHUNKS)] as const);
    let start = performance.now();
    const expected = countPrimes(0, limit);
    const serial = performance.now() - start;
    const executor = createExecutor(kind, cpus);
    await Promise.all(Array.from({ length: cpus }, () => executor.submit(harnessTasks.sleepFor, 30))); // start every unit first
    start = performance.now();
    const counts = await Promise.all(ranges.map(([from, to]) => executor.submit(harnessTasks.countPrimes, from, to)));
    const parallel = performance.now() - start;
    await executor.close();
    const total = counts.reduce((a, b) => a + b, 0);
    if (total !== expected) throw new Error(`cpu workload: ${kind} counted ${total} primes below ${limit}, expected ${expected}`);
    return { value: serial / parallel, note: `primes below ${limit.toLocaleString('en-US')} in ${CHUNKS} jobs on ${cpus} ${kind} unit(s) vs one loop` };
  },
};
