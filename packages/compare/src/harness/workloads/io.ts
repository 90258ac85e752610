import { createExecutor } from '../executors.js';
import { harnessTasks } from '../task-refs.js';
import type { Workload } from '../workload.js';

/** Throughput of HTTP GETs to the harness's local server (which answers after a short wait). */
export const ioWorkload: Workload = {
  name: 'io',
  title: 'I/O-bound throughput (HTTP GETs)',
  unit: 'req/s',
  better: 'higher',
  async run(kind, { quick, url }) {
    const units = quick ? 2 : 16;
    const each = quick ? 10 : 25;
    const executor = await createExecutor(kind, units);
    // Start every unit and load its HTTP client before timing.
    await Promise.all(Array.from({ length: units }, () => executor.submit(harnessTasks.fetchMany, url, 1)));
    const start = performance.now();
    await Promise.all(Array.from({ length: units }, () => executor.submit(harnessTasks.fetchMany, url, each)));
    const elapsed = performance.now() - start;
    await executor.close();
    return { value: (units * each * 1000) / elapsed, note: `${units} ${kind} units × ${each} GETs each` };
  },
};
