// coro-worker stops gracefully on SIGTERM/SIGINT: it takes no more jobs, lets running ones finish
// within --grace, hands the rest back to the queue (another worker runs them), and exits by itself.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BullExecutor, ExecutorClosed, JobAborted, task } from '../src/index.js';
import { packageRoot, redisAndWorkers, type WorkerProcess } from './workers.js';

const slow = task<(ms: number, value: string, log?: string) => Promise<string>>(new URL('./fixtures/tasks.mjs', import.meta.url), 'slow');
const env = redisAndWorkers();
let n = 0;

const worker = (queue: string, ...args: string[]): Promise<WorkerProcess> => env.worker(['--queue', queue, '--executor', 'thread', '--size', '1', ...args]);

const logFile = () => join(mkdtempSync(join(tmpdir(), 'coro-shutdown-')), 'log');
const startsIn = (log: string, value: string) => {
  try {
    return readFileSync(log, 'utf8').match(new RegExp(`^start ${value} `, 'gm'))?.length ?? 0;
  } catch {
    return 0;
  }
};
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('coro-worker shutdown', () => {
  it('SIGTERM lets a running job finish within the grace period, then exits 0', async () => {
    const queue = `shutdown-${process.pid}-${++n}`;
    const first = await worker(queue, '--grace', '10000');
    const executor = new BullExecutor({ connection: env.redis.url, queue, root: packageRoot });
    const log = logFile();
    try {
      const job = executor.submit(slow, 400, 'finish', log);
      await until(() => startsIn(log, 'finish') === 1);
      first.child.kill('SIGTERM');
      expect(await job).toBe('finish');
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(first.output()).toMatch(/SIGTERM, finishing 1 running job\(s\)\n.*: stopped\n$/);
    } finally {
      await executor.close();
    }
  });

  it('a job still running when the grace period ends goes back to the queue and another worker runs it', async () => {
    const queue = `shutdown-${process.pid}-${++n}`;
    const first = await worker(queue, '--grace', '200');
    const executor = new BullExecutor({ connection: env.redis.url, queue, root: packageRoot });
    const log = logFile();
    try {
      let settled = 0;
      const job = executor.submit(slow, 1500, 'handed', log).finally(() => settled++);
      await until(() => startsIn(log, 'handed') === 1);
      first.child.kill('SIGINT');
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(settled).toBe(0);
      await worker(queue);
      expect(await job).toBe('handed');
      expect(settled).toBe(1);
      expect(startsIn(log, 'handed')).toBe(2);
    } finally {
      await executor.close();
    }
  });

  it('a second signal hands running jobs back at once', async () => {
    const queue = `shutdown-${process.pid}-${++n}`;
    const first = await worker(queue, '--grace', '60000');
    // No worker is left to run the handed-back job: close() gives up on it after 100 ms.
    const executor = new BullExecutor({ connection: env.redis.url, queue, root: packageRoot, closeTimeout: 100 });
    const log = logFile();
    try {
      const job = executor.submit(slow, 30_000, 'twice', log).catch((error: unknown) => error);
      await until(() => startsIn(log, 'twice') === 1);
      first.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = Date.now();
      first.child.kill('SIGTERM');
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - second).toBeLessThan(5000);
      await executor.close();
      expect(await job).toBeInstanceOf(ExecutorClosed);
    } finally {
      await executor.close();
    }
  });

  it('aborting a job on a thread worker lets the task stop by itself (mode graceful, its finally ran)', async () => {
    const queue = `shutdown-${process.pid}-${++n}`;
    await worker(queue);
    const executor = new BullExecutor({ connection: env.redis.url, queue, root: packageRoot });
    const log = logFile();
    try {
      const controller = new AbortController();
      const job = executor.submit(slow.with({ signal: controller.signal }), 30_000, 'stop', log);
      await until(() => startsIn(log, 'stop') === 1);
      controller.abort('enough');
      const error = (await job.catch((e: unknown) => e)) as JobAborted;
      expect(error).toBeInstanceOf(JobAborted);
      expect(error.mode).toBe('graceful');
      expect(error.cause).toBe('enough');
      await until(() => readFileSync(log, 'utf8').includes('end stop'));
      expect(readFileSync(log, 'utf8')).toMatch(/^end stop \d+ aborted$/m);
    } finally {
      await executor.close();
    }
  });
});
