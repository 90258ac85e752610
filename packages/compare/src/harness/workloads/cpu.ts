import type { Executor } from '@coro/core';
import { createExecutor } from '../executors.js';
import { harnessTasks } from '../task-refs.js';
import type { Workload } from '../workload.js';

const CHUNKS = 32; // enough jobs that the queue balances the units (later ranges cost more)

async function timeCount(executor: Executor, limit: number): Promise<{ ms: number; primes: number }> {
  const ranges = Array.from({ length: CHUNKS }, (_, i) => [Math.floor((limit * i) / CHUNKS), Math.floor((limit * (i + 1)) / CHUNKS)] as const);
  const start = performance.now();
  const counts = await Promise.all(ranges.map(([from, to]) => executor.submit(harnessTasks.countPrimes, from, to)));
  return { ms: performance.now() - start, primes: counts.reduce((a, b) => a + b, 0) };
}

async function warmPool(kind: Parameters<typeof createExecutor>[0], size: number): Promise<Executor> {
  const executor = await createExecutor(kind, size);
  // Start every unit and warm its JIT on the same function, so both timings start equal.
  await Promise.all(Array.from({ length: size }, () => executor.submit(harnessTasks.countPrimes, 0, 20_000)));
  return executor;
}

/** Speed-up of counting primes on as many units as CPUs allowed, over the same jobs on one unit. */
export const cpuWorkload: Workload = {
  name: 'cpu',
  title: 'CPU-bound speed-up on all allowed CPUs',
  unit: '×',
  better: 'higher',
  async run(kind, { quick, cpus }) {
    const limit = quick ? 600_000 : 3_000_000;
    // One timing of each is at the mercy of whatever else the machine does for those few hundred
    // milliseconds. Alternate serial and parallel timings on warm pools and take the median ratio,
    // so a burst of load hits both sides alike.
    const rounds = quick ? 3 : 5;
    const one = await warmPool(kind, 1);
    const all = await warmPool(kind, cpus);
    const ratios: number[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        const serial = await timeCount(one, limit);
        const parallel = await timeCount(all, limit);
        if (parallel.primes !== serial.primes) throw new Error(`cpu workload: ${kind} counted ${parallel.primes} primes below ${limit}, then ${serial.primes}`);
        ratios.push(serial.ms / parallel.ms);
      }
    } finally {
      await Promise.all([one.close(), all.close()]);
    }
    ratios.sort((a, b) => a - b);
    const value = ratios[rounds >> 1]!;
    return { value, note: `primes below ${limit.toLocaleString('en-US')} in ${CHUNKS} jobs: 1 ${kind} unit vs ${cpus}, median of ${rounds} alternating timings` };
  },
};
