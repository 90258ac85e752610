// How tasks are named for a worker elsewhere: checked where they are submitted, and a clear error
// from the worker when a name does not resolve there.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullExecutor, task } from '../src/index.js';
import { startWorker } from '../src/worker/start-worker.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { packageRoot } from './workers.js';

const tasks = new URL('./fixtures/tasks.mjs', import.meta.url);
let redis: TestRedis;
let n = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('task names', () => {
  it('a file: module outside the root is a TypeError at submit, saying what to do', async () => {
    const executor = new BullExecutor({ connection: redis.url, root: new URL('./fixtures/', import.meta.url) });
    const outside = task(new URL('./redis-server.ts', import.meta.url), 'startRedis');
    const error = (await executor.submit(outside).catch((e: unknown) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^BullExecutor\.submit: task module file:\/\/\S+\/test\/redis-server\.ts is outside the root \S+\/test\/fixtures\/, so a worker elsewhere cannot find it; set the executor's root/);
    await executor.close();
  });

  it('a missing file is a TypeError at submit naming the path', async () => {
    const executor = new BullExecutor({ connection: redis.url, root: packageRoot });
    const error = (await executor.submit(task(new URL('./fixtures/nope.js', import.meta.url), 'x')).catch((e: unknown) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^BullExecutor\.submit: task module \S+nope\.js does not exist \(looked for \S+nope\.js nor a \.ts\/\.mts sibling\)$/);
    await executor.close();
  });

  it('a package specifier that does not resolve from the root is a TypeError at submit', async () => {
    const executor = new BullExecutor({ connection: redis.url, root: packageRoot });
    const error = (await executor.submit(task('@acme/not-installed', 'run')).catch((e: unknown) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^BullExecutor\.submit: task module '@acme\/not-installed' is not a package that resolves from the root \S+bullmq\/$/);
    await executor.close();
  });

  it('a bare path is a TypeError: tasks are named by URL or package', async () => {
    const executor = new BullExecutor({ connection: redis.url, root: packageRoot });
    const error = (await executor.submit(task('./tasks.js', 'run')).catch((e: unknown) => e)) as TypeError;
    expect(error.message).toBe("BullExecutor.submit: task module './tasks.js' is a path; name it by URL (new URL('./tasks.js', import.meta.url)) or by package specifier");
    await executor.close();
  });

  it('a package specifier runs: both sides resolve it from their root', async () => {
    const queue = `names-${process.pid}-${++n}`;
    const worker = await startWorker({ connection: redis.url, queue, executor: 'coroutine', root: packageRoot });
    const executor = new BullExecutor({ connection: redis.url, queue, root: packageRoot });
    try {
      expect(await executor.submit(task('@coro/compare', 'sendError'), 'plain')).toEqual({ kind: 'value', value: 'plain' });
      expect(await executor.submit(task('node:path', 'basename'), '/a/b.txt')).toBe('b.txt');
    } finally {
      await executor.close();
      await worker.close();
    }
  });

  it('a worker whose root lacks the file fails the job with a TypeError naming its root and --root', async () => {
    const queue = `names-${process.pid}-${++n}`;
    const elsewhere = mkdtempSync(`${tmpdir()}/coro-root-`);
    const worker = await startWorker({ connection: redis.url, queue, executor: 'coroutine', root: elsewhere });
    const executor = new BullExecutor({ connection: redis.url, queue, root: packageRoot });
    try {
      const error = (await executor.submit(task(tasks, 'double'), 1).catch((e: unknown) => e)) as TypeError;
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toContain(`does not exist (looked for ${elsewhere}/test/fixtures/tasks.mjs nor`);
      expect(error.message).toContain(`the job named it './test/fixtures/tasks.mjs', resolved under this worker's root ${elsewhere}/ (set with --root)`);
      expect(error.message).toMatch(/^coro-worker \S+: task module/);
    } finally {
      await executor.close();
      await worker.close();
    }
  });
});
