// Redis restarted in the middle of a run (shut down with its data on disk, started again on the same
// port): every job still settles exactly once with its own result; nothing is lost, nothing doubled.
// The outage is shorter than the workers' lock, as a restart is; an outage longer than the lock
// counts as losing the worker (see crash.test.ts), since Redis cannot tell the two apart.
import { describe, expect, it } from 'vitest';
import { BullExecutor, task } from '../src/index.js';
import { packageRoot, redisAndWorkers } from './workers.js';

const slow = task<(ms: number, value: string) => Promise<string>>(new URL('./fixtures/tasks.mjs', import.meta.url), 'slow');

const env = redisAndWorkers();

describe('a Redis restart during a run', () => {
  it('loses and duplicates no result', async (context) => {
    if (!env.redis.owned) context.skip(); // REDIS_URL names a Redis we may not restart
    const queue = `restart-${process.pid}`;
    for (let i = 0; i < 2; i++) {
      await env.worker(['--queue', queue, '--executor', 'coroutine', '--size', '20', '--lock-duration', '4000', '--stalled-interval', '500']);
    }
    const executor = new BullExecutor({ connection: env.redis.url, queue, root: packageRoot, reconcileInterval: 1000 });
    try {
      const settled = new Map<string, number>();
      const values = Array.from({ length: 300 }, (_, i) => `job-${i}`);
      const jobs = values.map((value, i) =>
        executor.submit(slow, 10 + (i % 7) * 10, value).then((result) => {
          settled.set(value, (settled.get(value) ?? 0) + 1);
          return result;
        }),
      );
      // Restart while some jobs are done, some running, some still queued.
      await Promise.race([Promise.all(jobs.slice(0, 40)), new Promise((resolve) => setTimeout(resolve, 5000))]);
      expect(settled.size).toBeLessThan(values.length);
      await env.redis.restart(300);
      const results = await Promise.all(jobs);
      expect(results).toEqual(values); // each its own result, in order
      expect([...settled.values()].every((n) => n === 1)).toBe(true);
      expect(settled.size).toBe(values.length);
      expect(executor.size).toBe(0);
    } finally {
      await executor.close();
    }
  }, 60_000);
});
