import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullExecutor, ExecutorClosed, JobAborted, task, WorkerCrashed } from '../src/index.js';
import { startWorker, type CoroWorker } from '../src/worker/start-worker.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { packageRoot } from './workers.js';

const tasks = new URL('./fixtures/tasks.mjs', import.meta.url);
const double = task<(n: number) => number>(tasks, 'double');
const echo = task<(value: unknown) => unknown>(tasks, 'echo');
const fail = task<(message: string) => never>(tasks, 'fail');
const slow = task<(ms: number, value: string) => Promise<string>>(tasks, 'slow');
const generator = task<(n: number) => Generator<unknown, number>>(tasks, 'generator');

let redis: TestRedis;
let queueCount = 0;
const fresh = () => `executor-${process.pid}-${++queueCount}`;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function withWorker<T>(kind: 'thread' | 'process' | 'coroutine', run: (executor: BullExecutor, worker: CoroWorker) => Promise<T>): Promise<T> {
  const queue = fresh();
  const worker = await startWorker({ connection: redis.url, queue, executor: kind, size: 2, root: packageRoot });
  const executor = new BullExecutor({ connection: redis.url, queue, root: packageRoot });
  try {
    return await run(executor, worker);
  } finally {
    await executor.close();
    await worker.close();
  }
}

describe('BullExecutor with an in-process worker', () => {
  for (const kind of ['thread', 'process', 'coroutine'] as const) {
    it(`runs submit and map on a ${kind} worker, results in input order`, async () => {
      await withWorker(kind, async (executor) => {
        expect(await executor.submit(double, 21)).toBe(42);
        expect(await executor.map(double, [1, 2, 3, 4, 5])).toEqual([2, 4, 6, 8, 10]);
        expect(await executor.submit(generator, 1)).toBe(2);
      });
    });
  }

  it('structured-clones arguments and results (Map, Date, BigInt, undefined)', async () => {
    await withWorker('coroutine', async (executor) => {
      const value = { map: new Map([[1, 'a']]), when: new Date(5), big: 10n ** 20n, nothing: undefined, bytes: new Uint8Array([1, 2]) };
      expect(await executor.submit(echo, value)).toEqual(value);
    });
  });

  it("delivers a task's error intact: class name, message, stack, cause", async () => {
    await withWorker('thread', async (executor) => {
      const error = (await executor.submit(fail, 'no money').catch((e: unknown) => e)) as Error;
      expect(error.constructor.name).toBe('Overdrawn');
      expect(error.message).toBe('no money');
      expect(error.stack).toContain('tasks.mjs');
      expect(error.cause).toBeInstanceOf(RangeError);
      expect((error.cause as Error).message).toBe('inner');
    });
  });

  it('aborting a running job cancels it on the worker and rejects with JobAborted carrying the reason', async () => {
    await withWorker('coroutine', async (executor, worker) => {
      const controller = new AbortController();
      const job = executor.submit(slow.with({ signal: controller.signal }), 60_000, 'never');
      while (worker.running === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const reason = new Error('changed my mind');
      controller.abort(reason);
      const error = (await job.catch((e: unknown) => e)) as JobAborted;
      expect(error).toBeInstanceOf(JobAborted);
      expect(error.mode).toBe('graceful');
      expect(error.cause).toBe(reason);
      expect(worker.running).toBe(0);
    });
  });

  it('aborting a job no worker has taken removes it from the queue (mode queued)', async () => {
    const executor = new BullExecutor({ connection: redis.url, queue: fresh(), root: packageRoot });
    try {
      const controller = new AbortController();
      const job = executor.submit(double.with({ signal: controller.signal }), 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort('stop');
      const error = (await job.catch((e: unknown) => e)) as JobAborted;
      expect(error).toBeInstanceOf(JobAborted);
      expect(error.mode).toBe('queued');
      expect(error.cause).toBe('stop');
    } finally {
      await executor.close();
    }
  });

  it('map with an already aborted signal, its own or the task\'s, starts nothing and rejects with JobAborted', async () => {
    const executor = new BullExecutor({ connection: redis.url, queue: fresh(), root: packageRoot, closeTimeout: 0 });
    try {
      const byMap = (await executor.map(double, [1, 2], { signal: AbortSignal.abort('map') }).catch((e: unknown) => e)) as JobAborted;
      const byTask = (await executor.map(double.with({ signal: AbortSignal.abort('task') }), [1, 2]).catch((e: unknown) => e)) as JobAborted;
      expect([byMap.mode, byMap.cause, byTask.mode, byTask.cause]).toEqual(['queued', 'map', 'queued', 'task']);
      expect(executor.size).toBe(0);
    } finally {
      await executor.close();
    }
  });

  it('close() never hangs: with no worker, jobs reject with ExecutorClosed after closeTimeout', async () => {
    const executor = new BullExecutor({ connection: redis.url, queue: fresh(), root: packageRoot, closeTimeout: 200 });
    const job = executor.submit(double, 1).catch((e: unknown) => e);
    const started = Date.now();
    await executor.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await job).toBeInstanceOf(ExecutorClosed);
    await expect(executor.submit(double, 1)).rejects.toBeInstanceOf(ExecutorClosed);
  });

  it('close() never hangs when Redis is gone: pending jobs reject with ExecutorClosed, connections end', async () => {
    const own = await startRedis();
    const executor = new BullExecutor({ connection: own.url, queue: fresh(), root: packageRoot, closeTimeout: 300 });
    const job = executor.submit(double, 1).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100)); // connected, job added
    await own.stop();
    const started = Date.now();
    await executor.close();
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await job).toBeInstanceOf(ExecutorClosed);
  });

  it('a crash of the local worker process is a WorkerCrashed for the caller once attempts are used', async () => {
    await withWorker('process', async (executor) => {
      const error = await executor.submit(task(tasks, 'crash')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerCrashed);
      expect((error as Error).message).toMatch(/exited with code 7/);
    });
  });
});
