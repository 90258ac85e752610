import { task } from '@coro/core';
import { beforeEach, describe, expect, it } from 'vitest';
import type * as tasks from '../../test/tasks.js';
import { Pool } from './pool.js';
import { freshHub } from '../test-support.js';

const tasksUrl = new URL('../../test/tasks.ts', import.meta.url);
const double = task<typeof tasks.double>(tasksUrl, 'double');
const triple = task<typeof tasks.triple>(tasksUrl, 'triple');
const forever = task<typeof tasks.forever>(tasksUrl, 'forever');

describe('Pool as an Executor (architecture §4)', () => {
  beforeEach(() => {
    freshHub();
  });

  it('submits generator and async tasks and maps in input order', async () => {
    await using pool = new Pool(2);
    expect(await pool.submit(double, 21)).toBe(42);
    expect(await pool.submit(triple, 5)).toBe(15);
    expect(await pool.map(double, [1, 2, 3, 4])).toEqual([2, 4, 6, 8]);
  });

  it('aborting a job kills its greenlet and rejects with the reason', async () => {
    const pool = new Pool(1);
    const controller = new AbortController();
    const job = pool.submit(forever.with({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('stop')), 5);
    await expect(job).rejects.toThrow('stop');
    await pool.close();
    expect(pool.size).toBe(0);
  });

  it('refuses jobs once closed', async () => {
    const pool = new Pool(1);
    await pool.close();
    await expect(pool.submit(double, 1)).rejects.toThrow(/closed/);
  });

  it('names a missing export', async () => {
    const pool = new Pool(1);
    await expect(pool.submit(task(tasksUrl, 'nope'))).rejects.toThrow(/no exported function named nope/);
  });
});
