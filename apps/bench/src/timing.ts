import { summarise } from './measurement.js';

/**
 * Time `body` (which performs `ops` operations) `runs` times after one warm-up run, and return the
 * median rate in operations per second with its spread.
 */
export async function opsPerSecond(ops: number, runs: number, body: () => unknown): Promise<{ opsPerSec: number; runs: number; spread: number }> {
  await body();
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await body();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(ops / seconds);
  }
  const { value, spread } = summarise(rates);
  return { opsPerSec: value, runs, spread };
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
