import { describe, expect, it } from 'vitest';
import { Cancelled, CoroutineExecutor, jobSignal, task, withJobSignal, type TaskRef } from './index.js';
import type * as jobs from '../test/fixtures/jobs.js';

const jobsUrl = new URL('../test/fixtures/jobs.ts', import.meta.url);
const ref = <K extends keyof typeof jobs>(name: K): TaskRef<Extract<(typeof jobs)[K], (...args: any[]) => any>> => task(jobsUrl, name);

describe('CoroutineExecutor', () => {
  it('runs generator, async and plain exports, typed by the TaskRef', async () => {
    await using executor = new CoroutineExecutor();
    const doubled: number = await executor.submit(ref('double'), 4);
    expect(doubled).toBe(8);
    expect(await executor.submit(ref('asyncTriple'), 5)).toBe(15);
    expect(await executor.submit(ref('square'), 6)).toBe(36);
    expect(await executor.submit(ref('plainSignal'))).toBe(true);
  });

  it('maps in input order, whatever order the jobs finish in', async () => {
    await using executor = new CoroutineExecutor();
    expect(await executor.map(ref('double'), [30, 10, 20])).toEqual([60, 20, 40]);
  });

  it('rejects with the job’s error, and with a clear error for a missing export', async () => {
    const executor = new CoroutineExecutor();
    await expect(executor.submit(ref('fail'), 'job broke')).rejects.toThrow('job broke');
    await expect(executor.submit(task(jobsUrl, 'notAFunction'))).rejects.toThrow(/has no exported function "notAFunction"/);
    await executor.close();
    await expect(executor.submit(ref('square'), 2)).rejects.toThrow('CoroutineExecutor.submit: the executor is closed');
  });

  it('aborts a job through its signal; the job sees it through jobSignal()', async () => {
    await using executor = new CoroutineExecutor();
    const controller = new AbortController();
    const pending = executor.submit(ref('waitForAbort').with({ signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort('enough');
    const error = (await pending.then(undefined, (e: unknown) => e)) as Cancelled;
    expect(error).toBeInstanceOf(Cancelled);
    expect(error.cause).toBe('enough');
    expect(() => jobSignal()).toThrow('jobSignal() was called outside an executor job');
  });

  it('validates task references', () => {
    expect(() => task('', 'x')).toThrow(new TypeError('task: module must not be empty'));
    expect(() => task(jobsUrl, '')).toThrow(new TypeError('task: exportName must be a non-empty string, got ""'));
    const withSignal = ref('square').with({ signal: AbortSignal.abort() });
    expect(withSignal.exportName).toBe('square');
    expect(withSignal.options.signal?.aborted).toBe(true);
  });
});

describe('withJobSignal with a function that makes the signal', () => {
  it('makes it only when the job asks, once, and restores the outer signal afterwards', () => {
    let made = 0;
    const make = () => {
      made++;
      return new AbortController().signal;
    };
    expect(withJobSignal(make, () => 42)).toBe(42);
    expect(made).toBe(0); // a job that never asks costs no AbortController
    const outer = new AbortController().signal;
    const seen = withJobSignal(outer, () => withJobSignal(make, () => [jobSignal(), jobSignal()]));
    expect(made).toBe(1);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).not.toBe(outer);
    expect(withJobSignal(outer, () => jobSignal())).toBe(outer);
    expect(() => jobSignal()).toThrow(/jobSignal\(\) was called outside an executor job/);
  });
});
