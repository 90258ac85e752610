import { createExecutor } from '../executors.js';
import { harnessTasks } from '../task-refs.js';
import type { Workload } from '../workload.js';

const BATCH = 1000;

/** Start one unit and see it finish: a fresh pool's first result for processes and threads. */
export const startWorkload: Workload = {
  name: 'start',
  title: 'start: spawn one unit and see it finish',
  unit: 'µs',
  better: 'lower',
  async run(kind) {
    if (kind === 'process' || kind === 'thread') {
      const start = performance.now();
      const executor = await createExecutor(kind, 1);
      await executor.submit(harnessTasks.noop);
      const elapsed = performance.now() - start;
      await executor.close();
      return { value: elapsed * 1000, note: 'new pool of 1 to first result' };
    }
    const start = performance.now();
    if (kind === 'greenlet') {
      const { spawnAndFinishGreenlets } = await import('../greenlet-probes.js');
      spawnAndFinishGreenlets(BATCH);
    } else {
      const { spawnAndJoin } = await import('../coroutine-probes.js');
      await spawnAndJoin(BATCH);
    }
    return { value: ((performance.now() - start) * 1000) / BATCH, note: `mean of ${BATCH} spawned and finished` };
  },
};
