// A coro-worker killed mid-job: the job runs again when `attempts` allows, else its caller gets one
// WorkerLost. Workers are real child processes; their locks are short (2 s, still long enough for a busy
// CI machine to renew them) so a loss is seen within a few seconds.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BullExecutor, task, WorkerCrashed, WorkerLost } from '../src/index.js';
import { packageRoot, redisAndWorkers, type WorkerProcess } from './workers.js';

const slow = task<(ms: number, value: string, log: string) => Promise<string>>(new URL('./fixtures/tasks.mjs', import.meta.url), 'slow');
const fastLoss = ['--lock-duration', '2000', '--stalled-interval', '500', '--executor', 'thread', '--size', '1'];

const env = redisAndWorkers();

const workers = (queue: string, n: number): Promise<WorkerProcess[]> => Promise.all(Array.from({ length: n }, () => env.worker(['--queue', queue, ...fastLoss])));

/** Wait until the log shows the job started, and return the pid of the coro-worker running it. */
async function runnerOf(log: string, value: string): Promise<number> {
  for (;;) {
    let text = '';
    try {
      text = readFileSync(log, 'utf8');
    } catch {
      // not written yet
    }
    const match = new RegExp(`^start ${value} (\\d+)$`, 'm').exec(text);
    if (match) return Number(match[1]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a worker killed mid-job', () => {
  it('runs the job again on another worker when attempts allow, and the caller gets one result', async () => {
    const queue = `crash-retry-${process.pid}`;
    const pool = await workers(queue, 2);
    const log = join(mkdtempSync(join(tmpdir(), 'coro-crash-')), 'log');
    const executor = new BullExecutor({ connection: env.redis.url, queue, root: packageRoot, attempts: 2 });
    try {
      let settled = 0;
      const job = executor.submit(slow, 1500, 'A', log).finally(() => settled++);
      const victim = await runnerOf(log, 'A');
      pool.find((w) => w.pid === victim)!.child.kill('SIGKILL');
      expect(await job).toBe('A');
      expect(settled).toBe(1);
      const runs = readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('start A'));
      expect(runs).toHaveLength(2); // once on the killed worker, once on the other
      expect(runs[1]).not.toContain(String(victim));
    } finally {
      await executor.close();
    }
  });

  it('with attempts 1, the caller gets one WorkerLost (a WorkerCrashed) naming the loss', async () => {
    const queue = `crash-once-${process.pid}`;
    const pool = await workers(queue, 2);
    const log = join(mkdtempSync(join(tmpdir(), 'coro-crash-')), 'log');
    const executor = new BullExecutor({ connection: env.redis.url, queue, root: packageRoot });
    try {
      const job = executor.submit(slow, 1500, 'B', log).catch((error: unknown) => error);
      const victim = await runnerOf(log, 'B');
      pool.find((w) => w.pid === victim)!.child.kill('SIGKILL');
      const error = (await job) as WorkerLost;
      expect(error).toBeInstanceOf(WorkerLost);
      expect(error).toBeInstanceOf(WorkerCrashed);
      expect(error.name).toBe('WorkerLost');
      expect(error.lost).toBe(1);
      expect(error.message).toMatch(/^the coro-worker running this job stopped before the job settled .*once; attempts is 1, so it is not run again$/);
      expect(readFileSync(log, 'utf8').match(/^start B/gm)).toHaveLength(1); // not run again
    } finally {
      await executor.close();
    }
  });
});
