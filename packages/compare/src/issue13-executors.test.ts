// Issue 13's reproductions for the executors, each a named test (run against the BUILT package,
// as users get it). Both executors must behave alike.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ExecutorClosed, JobAborted } from '../dist/index.js';
import { kinds, openExecutors } from '../test/open-executors.js';
import { fixture, fixtures, ref, unexpected } from '../test/task-ref.js';

const failure = (job: Promise<unknown>) => job.then(unexpected, (e: unknown) => e);
const identity = (name: string) => fixture(name === 'ThreadExecutor' ? 'threadId' : 'pid');

describe.each(kinds)('%s (issue 13)', (name, create) => {
  const make = openExecutors((options: Record<string, unknown> = {}) => create(options));

  it("a floating rejection after a job settled fails no other job: it is an 'error' event naming the task", async () => {
    const executor = make({ size: 1 });
    const reported = once(executor, 'error') as Promise<[Error, string]>;
    const worker = await executor.submit(identity(name));
    expect(await executor.submit(fixture('floatingRejection'))).toBe('ok');
    expect(await executor.submit(fixture('add'), 1, 2)).toBe(3); // was: WorkerCrashed … while running this job
    const [error, task] = await reported;
    expect([error.constructor.name, error.message]).toEqual(['Error', 'x']);
    expect(task).toBe(`floatingRejection (${fixtures.href})`);
    expect(await executor.submit(identity(name))).toBe(worker); // the same worker carries on
  });

  it("without an 'error' listener, a floating rejection is a process warning naming the task", async () => {
    const executor = make({ size: 1 });
    const warned = once(process, 'warning') as Promise<[Error]>;
    expect(await executor.submit(fixture('floatingRejection'))).toBe('ok');
    const [warning] = await warned;
    expect(warning.name).toBe('CoroCompareWarning');
    expect(warning.message).toBe(`${name}: after floatingRejection (${fixtures.href}) settled, its ${name === 'ThreadExecutor' ? 'worker thread' : 'child process'} reported an error no job handled: Error: x`);
    expect(await executor.submit(fixture('add'), 2, 2)).toBe(4);
  });

  it('rejects each unserializable throw with its own job, and the worker survives', async () => {
    const executor = make({ size: 1 });
    const worker = await executor.submit(identity(name));
    expect(await failure(executor.submit(fixture('throwNullProto')))).toEqual({ code: 7 });
    expect(await failure(executor.submit(fixture('rejectNullProtoWithFunction')))).toBe('[object Object]');
    const holding = (await failure(executor.submit(fixture('throwErrorHoldingNullProto')))) as Error & { held: unknown };
    expect([holding.message, holding.held]).toEqual(['holds one', '[object Object]']);
    const badMessage = (await failure(executor.submit(fixture('throwBadMessage')))) as Error;
    expect(badMessage.message).toBe('[message getter threw: Error: no message for you]');
    const badThen = (await failure(executor.submit(fixture('returnBadThen')))) as Error;
    expect([badThen.constructor.name, badThen.message]).toEqual(['Error', 'no then for you']);
    expect(await executor.submit(identity(name))).toBe(worker);
  });

  it("reports a job aborted before its body started as 'queued', even with abortGrace", async () => {
    // A grace far longer than the module's load, so a busy machine (slow thread start) cannot end it first.
    const executor = make({ size: 1, abortGrace: 10_000 });
    const slow = ref(new URL('./slow-load.mjs', fixtures), 'body');
    const error = (await failure(executor.submit(slow.with({ signal: AbortSignal.timeout(50) })))) as JobAborted;
    expect([error.name, error.mode, error.message]).toEqual(['JobAborted', 'queued', 'job aborted before it started']);
    expect(await executor.submit(slow)).toBe('ran');
  });

  it('abortGrace: Infinity waits for an aborted job to stop by itself (never terminates it)', async () => {
    const executor = make({ size: 1, abortGrace: Infinity });
    await executor.submit(fixture('noop'));
    const controller = new AbortController();
    const job = executor.submit(fixture('stopLaterWhenAborted').with({ signal: controller.signal }), 150);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(((await failure(job)) as JobAborted).mode).toBe('graceful'); // was 'hard' after ~1 ms
  });

  it('close() is bounded by terminateTimeout while a job never settles', async () => {
    const executor = make({ size: 1, terminateTimeout: 1000 });
    const hung = failure(executor.submit(fixture('hang')));
    const queued = executor.submit(fixture('add'), 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    await executor.close();
    expect(performance.now() - start).toBeLessThan(5000);
    const error = (await hung) as ExecutorClosed;
    expect([error.name, error.message]).toEqual([
      'ExecutorClosed',
      `${name} was closed and hang did not finish within terminateTimeout (1000 ms); its ${name === 'ThreadExecutor' ? 'worker thread' : 'child process'} was ended`,
    ]);
    expect(await queued).toBe(2); // a queued job still runs, on a replacement worker
  });

  it('idleTimeout: 3e9 neither busy-loops nor warns, and keeps the idle worker', async () => {
    const executor = make({ size: 1, idleTimeout: 3e9 });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const before = process.cpuUsage();
      expect(await executor.submit(fixture('add'), 1, 1)).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const used = process.cpuUsage(before);
      expect(warnings).not.toContain('TimeoutOverflowWarning');
      expect((used.user + used.system) / 1000).toBeLessThan(250); // a 1 ms re-arm loop would burn the whole 300 ms
      expect(executor.stats.workers).toBe(1);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('terminateTimeout: Infinity lets close() wait for a slow job', async () => {
    const executor = make({ size: 1, terminateTimeout: Infinity });
    const job = executor.submit(fixture('later'), 150, 'done');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await executor.close();
    expect(await job).toBe('done');
  });

  it('names the file and the task when a task module has a syntax error', async () => {
    const executor = make({ size: 1 });
    const module = new URL('./syntax-error.mjs', fixtures);
    const error = (await failure(executor.submit(ref(module, 'broken')))) as SyntaxError;
    expect(error.constructor.name).toBe('SyntaxError');
    expect(error.message).toBe(`task module ${module.href} (task "broken") could not be loaded: Unexpected end of input`);
    expect(await executor.submit(fixture('add'), 1, 1)).toBe(2);
  });

  it('bounds a module whose top-level await never settles by loadTimeout', async () => {
    const executor = make({ size: 1, loadTimeout: 300 });
    const module = new URL('./never-loads.mjs', fixtures);
    const error = (await failure(executor.submit(ref(module, 'never')))) as Error;
    expect(error.message).toBe(`task module ${module.href} (task "never") did not finish loading within 300 ms (loadTimeout): does a top-level await never settle?`);
    expect(await executor.submit(fixture('add'), 1, 1)).toBe(2);
  });

  it('rejects unknown options and shows a string size as a string', () => {
    expect(() => create({ bogus: 1 })).toThrow(new TypeError(`${name}: unknown option "bogus"; the options are size, maxQueue, idleTimeout, abortGrace, terminateTimeout, loadTimeout, maxJobsPerWorker, maxMemoryPerWorker, name, ${name === 'ThreadExecutor' ? 'resourceLimits, ' : ''}execArgv, env`));
    expect(() => create({ size: '2' })).toThrow(new TypeError(`${name}: options.size must be an integer >= 1, got '2' (a string)`));
  });

  it('loads the .ts sibling of a task named ./primes.js (TypeScript convention)', async () => {
    const executor = make({ size: 1 });
    const countPrimesBelow = ref<(n: number) => number>(new URL('./ts-sibling/primes.js', fixtures), 'countPrimesBelow');
    expect(await executor.submit(countPrimesBelow, 100_000)).toBe(9592);
    await expect(executor.submit(ref(new URL('./ts-sibling/none.js', fixtures), 'x'))).rejects.toThrow(/does not exist \(looked for .*none\.js nor a \.ts\/\.mts sibling\)/);
  });

  it('counts completed jobs, run and wait time percentiles, utilization and queue size', async () => {
    const executor = make({ size: 1 });
    const empty = executor.stats;
    expect([empty.completed, empty.runTime.count, empty.waitTime.count, empty.utilization]).toEqual([0, 0, 0, 0]);
    await executor.submit(fixture('noop')); // worker up
    const jobs = [executor.submit(fixture('later'), 60, 1), executor.submit(fixture('later'), 60, 2)];
    expect(executor.stats.queued).toBe(1);
    await Promise.all(jobs);
    const { completed, runTime, waitTime, utilization, queued } = executor.stats;
    expect([completed, queued, runTime.count, waitTime.count]).toEqual([3, 0, 3, 3]);
    expect(runTime.max).toBeGreaterThanOrEqual(55);
    expect(runTime.p50).toBeGreaterThanOrEqual(55);
    expect(waitTime.max).toBeGreaterThanOrEqual(50); // the second job waited for the first
    expect(runTime.min).toBeLessThanOrEqual(runTime.p50);
    expect(utilization).toBeGreaterThan(0);
    expect(utilization).toBeLessThanOrEqual(1);
  });

  it("signals back-pressure: needsDrain once the queue is full, then one 'drain'", async () => {
    const executor = make({ size: 1, maxQueue: 2 });
    let drains = 0;
    executor.on('drain', () => drains++);
    expect(executor.needsDrain).toBe(false);
    const jobs = [1, 2, 3].map((i) => executor.submit(fixture('later'), 30, i));
    expect(executor.needsDrain).toBe(true);
    await once(executor, 'drain');
    expect(executor.needsDrain).toBe(false);
    expect(await Promise.all(jobs)).toEqual([1, 2, 3]);
    expect(drains).toBe(1);
  });
});
