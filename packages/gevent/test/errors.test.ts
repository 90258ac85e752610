// "Errors a user meets" (issue 12): each bad call names the API and shows what it got, at the call.
import { run as coreRun } from '@coro/core';
import { describe, expect, it } from 'vitest';
import { Empty, Full, joinAll, Pool, Queue, sleep, spawn, Timeout } from '../src/index.js';
import { useFreshHub } from './ported/support.js';

describe('errors a user meets', () => {
  useFreshHub();

  it('joinAll([1, 2]) names the bad item instead of failing with "o.rawlink is not a function"', () => {
    expect(() => joinAll([1, 2] as never)).toThrow(new TypeError('joinAll: item 0 is not a greenlet or other waitable (an object with rawlink/unlink), got 1 (a number)'));
  });

  it('joinAll(5) blames joinAll, not wait', () => {
    expect(() => joinAll(5 as never)).toThrow(new TypeError('joinAll: expected an iterable of greenlets or other waitables (Event, AsyncResult, Semaphore…), got 5 (a number)'));
  });

  it("joinAll's options are checked at the call, naming joinAll", () => {
    expect(() => joinAll([], { timeout: '1' as never })).toThrow(new TypeError("joinAll: timeout must be a number of milliseconds, got '1' (a string)"));
    expect(() => joinAll([], { count: -1 })).toThrow(new RangeError('joinAll: count must be a non-negative integer, got -1'));
  });

  it("spawn('f') and g.link(5) show the bad value", () => {
    expect(() => (spawn as (f: unknown) => unknown)('f')).toThrow(new TypeError("spawn: the first argument must be a function (a generator function, an async function or a plain one), got 'f' (a string)"));
    const g = spawn(() => 1);
    expect(() => g.link(5 as never)).toThrow(new TypeError('link: callback must be a function or an object with onLink(), got 5 (a number)'));
  });

  it("sleep('100') shows the value was a string", () => {
    expect(() => sleep('100' as never)).toThrow(new TypeError("sleep: ms must be a number of milliseconds, got '100' (a string)"));
  });

  it("new Pool('2') shows the value was a string", () => {
    expect(() => new Pool('2' as never)).toThrow(new TypeError("Pool: size must be an integer or undefined, got '2' (a string)"));
  });

  it('q.get({ timeout: 10 }) on an empty queue raises Empty with a message', async () => {
    const q = new Queue();
    const error = await q.get({ timeout: 10 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Empty);
    expect((error as Empty).message).toBe('get: the Queue stayed empty for 10 ms');
    expect(() => q.getNowait()).toThrow(new Empty('getNowait: the Queue is empty'));
    const full = new Queue(1);
    full.putNowait(1);
    expect(() => full.putNowait(2)).toThrow(new Full('putNowait: the Queue is full'));
  });

  it('new Pool(0): a blocking spawn says it would wait forever, at the call (gevent: LoopExit later)', async () => {
    const pool = new Pool(0);
    expect(pool.full()).toBe(true); // gevent's TestPool0 still holds
    await expect(pool.spawn(() => 1)).rejects.toThrow(
      new RangeError('Pool.spawn/start: the pool has size 0, so this would wait forever for a slot; give the Pool a size of at least 1 (or none for no limit)'),
    );
  });

  it("gevent's sleep() under core's run() says it belongs to gevent's hub (not just 'use yield*')", async () => {
    const error = await coreRun(function* () {
      try {
        yield* sleep(10);
      } catch (e) {
        return e;
      }
      return undefined;
    });
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^gevent's blocking calls run on gevent's hub/);
    expect((error as Error).message).toContain("under core's run() use core's own operations");
  });

  it('a Timeout reads like gevent: "0.01 seconds: boom" is "10 ms: boom" for an Error exception too', () => {
    expect(new Timeout(10).message).toBe('10 ms');
    expect(new Timeout(10, false).message).toBe('10 ms (silent)');
    expect(new Timeout(10, 'XXX').message).toBe('10 ms: XXX');
    expect(new Timeout(10, new RangeError('boom')).message).toBe('10 ms: boom');
    expect(String(new Timeout(10, new RangeError('boom')))).toBe('Timeout: 10 ms: boom');
    expect(new Timeout().message).toBe('');
  });
});
