// Child export of case cpu-jobs, run by inChild in a fresh Node process: the producer side only.
// The coro-worker processes serving the queue are started (and pinned) by the suite beforehand.
import { BullExecutor } from '@coro/bullmq';
import { summarise } from '../../measurement.js';
import type { Rate } from './noop-rounds.js';
import { benchRoot, countPrimes } from './task-refs.js';

/** countPrimes(PRIMES_BELOW) is about 30 ms of one CPU here: long beside a job's Redis round trip. */
export const PRIMES_BELOW = 350_000;
/** Jobs per timed round, all submitted at once (even, so two workers can end together). */
export const JOBS = 48;
/** Timed rounds, after a warm-up round of WARM_UP jobs (worker threads started, JIT warm). */
export const ROUNDS = 5;
const WARM_UP = 8;
/** primes below 350,000 — a check that every job really did the work. */
const EXPECTED = 29_977;

/** Child export: CPU-bound jobs per second through BullExecutor on `queue`, as served by the running workers. */
export async function cpuRounds(url: string, queue: string): Promise<Rate> {
  const executor = new BullExecutor({ connection: url, queue, root: benchRoot });
  try {
    const round = async (jobs: number): Promise<number> => {
      const began = process.hrtime.bigint();
      const counts = await executor.map(countPrimes, Array.from({ length: jobs }, () => PRIMES_BELOW));
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      if (counts.some((n) => n !== EXPECTED)) throw new Error(`countPrimes(${PRIMES_BELOW}) gave ${counts.find((n) => n !== EXPECTED)}, not ${EXPECTED}`);
      return jobs / seconds;
    };
    await round(WARM_UP);
    const rates: number[] = [];
    for (let i = 0; i < ROUNDS; i++) rates.push(await round(JOBS));
    const { value, runs, spread } = summarise(rates);
    return { opsPerSec: value, runs, spread };
  } finally {
    await executor.close();
  }
}
