import { describe, expect, it } from 'vitest';
import { ThreadExecutor, WorkerCrashed } from '../dist/index.js';
import { fixture, unexpected } from '../test/task-ref.js';
import { openExecutors } from '../test/open-executors.js';

describe('ThreadExecutor', () => {
  const make = openExecutors((options: ConstructorParameters<typeof ThreadExecutor>[0]) => new ThreadExecutor(options));

  it('transfers buffers listed in transfer instead of copying them', async () => {
    const executor = make({ size: 1 });
    const buffer = new ArrayBuffer(1024);
    expect(await executor.submit(fixture('byteLength').with({ transfer: [buffer] }), buffer)).toBe(1024);
    expect(buffer.byteLength).toBe(0);
  });

  it('rejects with WorkerCrashed when a worker runs out of its resourceLimits', async () => {
    const executor = make({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    const crash = await executor.submit(fixture('allocate'), 1).then(unexpected, (e: unknown) => e as WorkerCrashed);
    expect(crash).toBeInstanceOf(WorkerCrashed);
    expect((crash.cause as { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
    expect(await executor.submit(fixture('add'), 1, 1)).toBe(2);
  });

  it('passes env to its workers', async () => {
    const executor = make({ size: 1, env: { CORO_TEST: 'thread' } });
    expect(await executor.submit(fixture('env'), 'CORO_TEST')).toBe('thread');
  });
});
