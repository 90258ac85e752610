// Behaviour both pool executors share. Tests import the BUILT package: worker entry files are
// resolved by URL next to dist/index.js, exactly as for users.
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ExecutorClosed, JobAborted, QueueFull, WorkerCrashed, type PoolExecutor } from '../dist/index.js';
import { kinds, openExecutors } from '../test/open-executors.js';
import { fixture, fixtures, ref, unexpected } from '../test/task-ref.js';

describe.each(kinds)('%s', (name, create) => {
  const make = openExecutors((options: Record<string, unknown> = {}) => create(options));

  it('runs a job and resolves with its value', async () => {
    const executor = make({ size: 1 });
    expect(await executor.submit(fixture('add'), 2, 3)).toBe(5);
    expect(await executor.submit(fixture('later'), 5, 'async')).toBe('async');
  });

  it('maps inputs to results in input order, whatever order they finish in', async () => {
    const executor = make({ size: 2 });
    const results = await executor.map(fixture('echo'), [3, 1, 2]);
    expect(results).toEqual([3, 1, 2]);
  });

  it('delivers a job error intact: class name, message, stack, cause and own properties', async () => {
    const executor = make({ size: 1 });
    const error = await executor.submit(fixture('fail'), 'bad address').then(unexpected, (e: unknown) => e as Error & { field: string });
    expect(error).toBeInstanceOf(Error);
    expect(error.constructor.name).toBe('ValidationError');
    expect(error.message).toBe('bad address');
    expect(error.stack).toMatch(/at fail \(.*tasks\.mjs/);
    expect(error.field).toBe('email');
    expect(error.cause).toBeInstanceOf(RangeError);
    expect((error.cause as Error).message).toBe('too long');
    await expect(executor.submit(fixture('failAsync'), 'nope')).rejects.toThrow(new TypeError('nope'));
    await expect(executor.submit(fixture('throwString'))).rejects.toBe('plain string');
  });

  it('rejects bad task references before dispatch, with the reason', async () => {
    const executor = make({ size: 1 });
    await expect(executor.submit(ref(new URL('./missing.mjs', fixtures), 'x'))).rejects.toThrow(/task module .*missing\.mjs does not exist/);
    await expect(executor.submit(ref('not a url', 'x'))).rejects.toThrow(/task module must be an absolute URL/);
    await expect(executor.submit(null as never)).rejects.toThrow(TypeError);
    expect(executor.stats.workers).toBe(0);
    await expect(executor.submit(fixture('nope'))).rejects.toThrow(/has no exported function "nope"; its exported functions are .*add/);
  });

  it('rejects an argument that cannot be cloned, and keeps working', async () => {
    const executor = make({ size: 1 });
    await expect(executor.submit(fixture('echo'), () => 1)).rejects.toThrow(/echo: an argument cannot be sent to a (worker thread|child process)/);
    await expect(executor.submit(fixture('unclonableResult'))).rejects.toThrow(/the job's result cannot be sent back/);
    expect(await executor.submit(fixture('add'), 1, 1)).toBe(2);
  });

  it('rejects a job whose worker exits with WorkerCrashed and the exit code, then heals', async () => {
    const executor = make({ size: 1 });
    const first = await executor.submit(fixture('pid'));
    const crash = await executor.submit(fixture('exit'), 3).then(unexpected, (e: unknown) => e as WorkerCrashed);
    expect(crash).toBeInstanceOf(WorkerCrashed);
    expect([crash.exitCode, crash.signal]).toEqual([3, null]);
    expect(crash.message).toMatch(/running exit exited with code 3/);
    expect(await executor.submit(fixture('add'), 2, 2)).toBe(4);
    expect(executor.stats.workers).toBe(1);
    if (name === 'ProcessExecutor') expect(await executor.submit(fixture('pid'))).not.toBe(first);
  });

  it('fails only the running job when something outside any job throws, with the throw as cause', async () => {
    const executor = make({ size: 1 });
    const crash = await executor.submit(fixture('throwLater'), 'stray timer').then(unexpected, (e: unknown) => e as WorkerCrashed);
    expect(crash).toBeInstanceOf(WorkerCrashed);
    expect(crash.exitCode).toBe(1);
    expect((crash.cause as Error).message).toBe('stray timer');
  });

  it('rejects with QueueFull once maxQueue jobs wait', async () => {
    const executor = make({ size: 1, maxQueue: 1 });
    const running = executor.submit(fixture('later'), 50, 'a');
    const queued = executor.submit(fixture('later'), 1, 'b');
    await expect(executor.submit(fixture('noop'))).rejects.toBeInstanceOf(QueueFull);
    expect(await Promise.all([running, queued])).toEqual(['a', 'b']);
  });

  it('aborts a queued job without starting it, and a running one by replacing its worker', async () => {
    const executor = make({ size: 1 });
    const first = await executor.submit(fixture('pid'));
    const controller = new AbortController();
    const running = executor.submit(fixture('hang').with({ signal: controller.signal }));
    const queued = executor.submit(fixture('noop').with({ signal: controller.signal }));
    controller.abort(new Error('stop'));
    const [hard, early] = await Promise.all([running.then(unexpected, (e: unknown) => e as JobAborted), queued.then(unexpected, (e: unknown) => e as JobAborted)]);
    expect([hard.mode, early.mode]).toEqual(['hard', 'queued']);
    expect((hard.cause as Error).message).toBe('stop');
    await expect(executor.submit(fixture('noop').with({ signal: AbortSignal.abort() }))).rejects.toMatchObject({ mode: 'queued' });
    const after = await executor.submit(fixture('pid'));
    if (name === 'ProcessExecutor') expect(after).not.toBe(first);
  });

  it('lets an aborted job settle within abortGrace (graceful), else terminates its worker (hard)', async () => {
    const executor = make({ size: 2, abortGrace: 1000 });
    await executor.map(fixture('noop'), [1, 2]); // both workers up, the module loaded
    const controller = new AbortController();
    const waiting = executor.submit(fixture('stopWhenAborted').with({ signal: controller.signal }));
    const busy = executor.submit(fixture('spin').with({ signal: controller.signal }), 5000);
    const modes = Promise.all([waiting, busy].map((job) => job.then(unexpected, (e: JobAborted) => e.mode)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await modes).toEqual(['graceful', 'hard']);
  });

  it('lets a job read its signal with jobSignal() and stop by itself (graceful)', async () => {
    const executor = make({ size: 1, abortGrace: 2000 });
    await executor.submit(fixture('noop')); // the worker is up and the module loaded: the job's body starts at once
    const controller = new AbortController();
    const job = executor.submit(fixture('stopWhenAborted').with({ signal: controller.signal }));
    await vi.waitFor(() => expect(executor.stats.busy).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('enough'));
    const aborted = await job.then(unexpected, (e: unknown) => e as JobAborted);
    expect([aborted.mode, (aborted.cause as Error).message]).toEqual(['graceful', 'enough']);
    expect(executor.stats.workers).toBe(1);
  });

  it('runs generator exports as coroutines and cancels them gracefully', async () => {
    const executor = make({ size: 1, abortGrace: 2000 });
    expect(await executor.submit(fixture('sleepingCoroutine'), 5)).toBe('slept');
    const controller = new AbortController();
    const job = executor.submit(fixture('sleepingCoroutine').with({ signal: controller.signal }), 60_000);
    await vi.waitFor(() => expect(executor.stats.busy).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await job.then(unexpected, (e: JobAborted) => e.mode)).toBe('graceful');
  });

  it('settles every job exactly once when workers are killed mid-job', async () => {
    const executor = make({ size: 2 });
    const outcomes: string[] = [];
    let settledTwice = false;
    const jobs = Array.from({ length: 30 }, (_, i) => {
      let settled = false;
      const mark = (outcome: string) => {
        if (settled) settledTwice = true;
        settled = true;
        outcomes[i] = outcome;
      };
      return executor.submit(i % 3 === 0 ? fixture('exit') : fixture('later'), ...(i % 3 === 0 ? [9] : [5, i])).then(
        () => mark('ok'),
        (e: unknown) => mark(e instanceof WorkerCrashed ? 'crashed' : `other ${String(e)}`),
      );
    });
    await Promise.all(jobs);
    expect(settledTwice).toBe(false);
    expect(outcomes.filter((o) => o === 'crashed')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(20);
    expect(await executor.submit(fixture('add'), 1, 2)).toBe(3);
  });

  it('close() lets queued and running jobs finish, then refuses new ones', async () => {
    const executor = make({ size: 1 });
    const jobs = [executor.submit(fixture('later'), 20, 1), executor.submit(fixture('later'), 1, 2)];
    const closed = executor.close();
    await expect(executor.submit(fixture('noop'))).rejects.toBeInstanceOf(ExecutorClosed);
    expect(await Promise.all(jobs)).toEqual([1, 2]);
    await closed;
    expect(executor.stats).toMatchObject({ workers: 0, busy: 0, queued: 0, state: 'closed', completed: 2 });
  });

  it('destroy() rejects running and queued jobs at once and ends every worker', async () => {
    const executor = make({ size: 1 });
    const running = executor.submit(fixture('hang')).catch((e: unknown) => e);
    const queued = executor.submit(fixture('noop')).catch((e: unknown) => e);
    await vi.waitFor(() => expect(executor.stats.busy).toBe(1));
    await executor.destroy();
    expect(await running).toEqual(new ExecutorClosed(`${name} was destroyed while this job ran`));
    expect(await queued).toEqual(new ExecutorClosed(`${name} was destroyed before this job started`));
    expect(executor.stats.workers).toBe(0);
  });

  it('replaces a worker after maxJobsPerWorker jobs', async () => {
    const executor = make({ size: 1, maxJobsPerWorker: 2 });
    const id = fixture(name === 'ThreadExecutor' ? 'threadId' : 'pid');
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await executor.submit(id));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[1]).not.toBe(ids[2]);
    expect(ids[2]).toBe(ids[3]);
  });

  it('replaces a worker whose memory exceeds maxMemoryPerWorker after a job', async () => {
    const executor = make({ size: 1, maxMemoryPerWorker: 1 });
    expect(await executor.submit(fixture('grow'), 1024)).toBe(1);
    expect(await executor.submit(fixture('grow'), 1024)).toBe(1);
  });

  it('ends workers idle for idleTimeout', async () => {
    const executor = make({ size: 2, idleTimeout: 400 });
    await executor.map(fixture('later'), [5, 5]);
    expect(executor.stats.workers).toBe(2);
    await vi.waitFor(() => expect(executor.stats.workers).toBe(0), { timeout: 5000 });
    expect(await executor.submit(fixture('add'), 1, 1)).toBe(2);
  });

  it('runs TypeScript task modules', async () => {
    const executor = make({ size: 1 });
    const length = ref<(p: { x: number; y: number }) => number>(new URL('./typed.ts', fixtures), 'length');
    expect(await executor.submit(length, { x: 3, y: 4 })).toBe(5);
  });

  it('closes through Symbol.asyncDispose and prints its state', async () => {
    let kept: PoolExecutor | undefined;
    {
      await using executor = create({ size: 1, name: 'primes' });
      kept = executor;
      await executor.submit(fixture('noop'));
      expect(inspect(executor)).toBe(`${name} <primes> { open, workers: 1, busy: 0, queued: 0 }`);
    }
    expect(kept.stats.state).toBe('closed');
  });

  it('aborting a map aborts its jobs and rejects it', async () => {
    const executor = make({ size: 1 });
    const controller = new AbortController();
    const mapped = executor.map(fixture('later'), [1000, 1000], { signal: controller.signal });
    await vi.waitFor(() => expect(executor.stats.busy).toBe(1));
    controller.abort();
    await expect(mapped).rejects.toBeInstanceOf(JobAborted);
    expect(executor.stats.queued).toBe(0);
  });

  it('drops 20,000 queued jobs of an aborted map at once, and keeps working', async () => {
    const executor = make({ size: 1 });
    const controller = new AbortController();
    const mapped = executor.map(fixture('later'), Array.from({ length: 20_000 }, () => 1000), { signal: controller.signal });
    await vi.waitFor(() => expect(executor.stats.busy).toBe(1));
    const started = performance.now();
    controller.abort();
    await expect(mapped).rejects.toBeInstanceOf(JobAborted);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(executor.stats.queued).toBe(0);
    expect(await executor.submit(fixture('add'), 1, 2)).toBe(3);
  });
});
