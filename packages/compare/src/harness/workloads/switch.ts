import { createExecutor } from '../executors.js';
import { harnessTasks } from '../task-refs.js';
import type { Workload, WorkloadContext } from '../workload.js';

const rounds = (kind: string, { quick }: WorkloadContext) =>
  ({ process: 2000, thread: 20_000, coroutine: 200_000, greenlet: 200_000 })[kind]! / (quick ? 4 : 1);

/** One round trip between two units: each hands control to the other once. */
export const switchWorkload: Workload = {
  name: 'switch',
  title: 'switch: round trip between two units',
  unit: 'µs',
  better: 'lower',
  async run(kind, context) {
    const n = rounds(kind, context);
    if (kind === 'process') {
      // Parent and child over IPC: each round trip is one job message out and one result back.
      const executor = await createExecutor('process', 1);
      await executor.submit(harnessTasks.noop);
      const start = performance.now();
      for (let i = 0; i < n; i++) await executor.submit(harnessTasks.noop);
      const elapsed = performance.now() - start;
      await executor.close();
      return { value: (elapsed * 1000) / n, note: 'parent ↔ child over IPC (advanced serialization)' };
    }
    if (kind === 'thread') {
      const executor = await createExecutor('thread', 2);
      const shared = new SharedArrayBuffer(4);
      const [ms] = await Promise.all([executor.submit(harnessTasks.pingPong, shared, 0, n), executor.submit(harnessTasks.pingPong, shared, 1, n)]);
      await executor.close();
      return { value: (ms * 1000) / n, note: 'two worker threads, Atomics.wait/notify on a SharedArrayBuffer' };
    }
    if (kind === 'greenlet') {
      const { pingPongGreenlets } = await import('../greenlet-probes.js');
      return { value: (pingPongGreenlets(n) * 1000) / n, note: 'two greenlets switching to each other' };
    }
    const { pingPongCoroutines } = await import('../coroutine-probes.js');
    const ms = await pingPongCoroutines(n);
    return { value: (ms * 1000) / n, note: 'two coroutines handing the turn to each other' };
  },
};
