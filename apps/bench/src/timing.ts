import { summarise } from './measurement.js';

/** A rate: the median of `samples` (one per run) and its spread. */
export type Rate = { opsPerSec: number; runs: number; spread: number; samples: number[] };

/**
 * Which time a rate is taken on. `cpu`: the process's CPU time (user + system), for CPU-bound work
 * pinned to one CPU — on a shared machine the time other processes hold that CPU is not charged
 * to it. `wall`: elapsed time, for work that waits on I/O (an HTTP server, Redis).
 */
export type RateClock = 'cpu' | 'wall';

function elapsed(clock: RateClock): () => number {
  if (clock === 'wall') {
    const start = process.hrtime.bigint();
    return () => Number(process.hrtime.bigint() - start) / 1e9;
  }
  const start = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
}

/**
 * Time `body` (which performs `ops` operations) `runs` times after one warm-up run, and return the
 * median rate in operations per second, its spread and every run's rate (so that rounds run in
 * several children can be pooled: rounds.ts).
 */
export async function opsPerSecond(ops: number, runs: number, body: () => unknown, clock: RateClock): Promise<Rate> {
  await body();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const seconds = elapsed(clock);
    await body();
    samples.push(ops / seconds());
  }
  const { value, spread } = summarise(samples);
  return { opsPerSec: value, runs, spread, samples };
}

/** Heap bytes per unit: the heap delta (after forced GCs) of holding `count` units alive, divided by `count`. */
export async function bytesPerUnit(count: number, hold: (count: number) => Promise<() => Promise<void>> | (() => Promise<void>)): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('bytesPerUnit needs --expose-gc (inChild sets it)');
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const release = await hold(count);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  await release();
  return (after - before) / count;
}
