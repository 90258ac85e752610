import { createExecutor } from '../executors.js';
import { PoolExecutor } from '../../pool-executor.js';
import { treeRss } from '../resources.js';
import { harnessTasks } from '../task-refs.js';
import type { Workload, WorkloadContext } from '../workload.js';

// 50,000 coroutines or greenlets: with 10,000 the heap's own noise (page and inline-cache growth) moved the figure by ±30%.
const counts = (kind: string, { quick }: WorkloadContext) => ({ process: 4, thread: 8, coroutine: 50_000, greenlet: 50_000 })[kind]! / (quick ? 2 : 1);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Heap bytes held by `count` units, measured between forced collections. */
export async function heapPerUnit(count: number, hold: (count: number) => Promise<() => Promise<void>> | (() => Promise<void>)): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory workload needs node --expose-gc (the harness starts its measurements with it)');
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

/** Bytes one idle unit costs: resident memory for processes and threads, heap for coroutines and greenlets. */
export const memoryWorkload: Workload = {
  name: 'memory',
  title: 'memory per idle unit',
  unit: 'bytes',
  better: 'lower',
  async run(kind, context) {
    const count = counts(kind, context);
    if (kind === 'process' || kind === 'thread') {
      const before = treeRss();
      const executor = (await createExecutor(kind, count)) as PoolExecutor;
      const release = new AbortController();
      const waits = Array.from({ length: count }, () => executor.submit(harnessTasks.sleepFor.with({ signal: release.signal }), 60_000).catch(() => undefined));
      while (executor.stats.busy < count) await delay(5);
      await delay(context.quick ? 100 : 250); // let every worker finish loading before counting its pages
      const held = treeRss() - before;
      release.abort();
      await Promise.all(waits);
      await executor.destroy();
      return { value: held / count, note: `resident memory of ${count} idle ${kind === 'process' ? 'processes' : 'threads'} waiting on a timer` };
    }
    if (kind === 'greenlet') {
      const { suspendedGreenlets } = await import('../greenlet-probes.js');
      return { value: await heapPerUnit(count, suspendedGreenlets), note: `heap of ${count} suspended greenlets` };
    }
    const { parkedCoroutines } = await import('../coroutine-probes.js');
    return { value: await heapPerUnit(count, parkedCoroutines), note: `heap of ${count} coroutines parked on a timer` };
  },
};
