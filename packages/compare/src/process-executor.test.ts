import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ProcessExecutor, WorkerCrashed } from '../dist/index.js';
import { fixture, fixtures, ref, unexpected } from '../test/task-ref.js';
import { openExecutors } from '../test/open-executors.js';

describe('ProcessExecutor', () => {
  const make = openExecutors((options: ConstructorParameters<typeof ProcessExecutor>[0]) => new ProcessExecutor(options));

  it('rejects the job of a child killed with SIGKILL mid-job, and replaces the child', async () => {
    const executor = make({ size: 1 });
    const pid = await executor.submit(fixture('pid'));
    const job = executor.submit(fixture('hang'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(pid as number, 'SIGKILL');
    const crash = await job.then(unexpected, (e: unknown) => e as WorkerCrashed);
    expect(crash).toBeInstanceOf(WorkerCrashed);
    expect([crash.exitCode, crash.signal]).toEqual([null, 'SIGKILL']);
    expect(crash.message).toMatch(/was killed by SIGKILL/);
    expect(await executor.submit(fixture('pid'))).not.toBe(pid);
  });

  it('settles every job exactly once while children are SIGKILLed at random', async () => {
    const executor = make({ size: 2 });
    const settled = new Map<number, number>();
    const jobs = Array.from({ length: 24 }, (_, i) =>
      executor.submit(fixture('later'), 15, i).then(
        () => settled.set(i, (settled.get(i) ?? 0) + 1),
        (e: unknown) => {
          expect(e).toBeInstanceOf(WorkerCrashed);
          settled.set(i, (settled.get(i) ?? 0) + 1);
        },
      ),
    );
    for (let kill = 0; kill < 4; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const pid = await Promise.race([executor.submit(fixture('pid')), new Promise((resolve) => setTimeout(resolve, 200))]);
      if (typeof pid === 'number') process.kill(pid, 'SIGKILL');
    }
    await Promise.all(jobs);
    expect([...settled.values()].every((n) => n === 1)).toBe(true);
    expect(settled.size).toBe(24);
    // The last child killed may not have been reported yet; the pool replaces it and carries on.
    await vi.waitFor(async () => expect(await executor.submit(fixture('add'), 2, 2)).toBe(4));
  });

  it('passes env and execArgv to its children', async () => {
    const executor = make({ size: 1, env: { ...process.env, CORO_TEST: 'process' }, execArgv: ['--max-old-space-size=100'] });
    expect(await executor.submit(fixture('env'), 'CORO_TEST')).toBe('process');
    expect(await executor.submit(fixture('execArgv'))).toEqual(['--max-old-space-size=100']);
  });

  it('close() kills a child that will not leave once terminateTimeout has passed', async () => {
    const executor = make({ size: 1, terminateTimeout: 100 });
    expect(await executor.submit(ref(new URL('./stubborn.mjs', fixtures), 'stubborn'))).toBe('stubborn');
    const started = performance.now();
    await executor.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(executor.stats.workers).toBe(0);
  });

  it('leaks no handles: a script that never calls close() exits by itself', async () => {
    const script = new URL('./exit-by-itself.mjs', fixtures);
    const { stdout } = await promisify(execFile)(process.execPath, [script.pathname], { timeout: 10_000 });
    expect(stdout.trim()).toBe('3 7');
  });
});
