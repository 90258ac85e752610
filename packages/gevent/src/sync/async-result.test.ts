// AsyncResult keeps its value and its exception side by side, as gevent 22.10's does (checked
// against Python): the value, once set, wins in get()/successful()/wait(), and neither set()
// nor setException() erases the other.
import { beforeEach, describe, expect, it } from 'vitest';
import { AsyncResult } from './async-result.js';
import { Timeout } from '../timeout.js';
import { freshHub, inMain } from '../test-support.js';
import { sleep } from '../hub/sleep.js';
import { spawn } from '../greenlet/spawn.js';

describe('AsyncResult as gevent 22.10 stores outcomes', () => {
  beforeEach(() => {
    freshHub();
  });

  it('set() after setException(): successful, and exception/excInfo still show the error', async () => {
    const a = new AsyncResult<number>();
    const error = new RangeError('x');
    a.setException(error);
    a.set(5);
    expect([a.ready(), a.successful(), a.value, a.exception]).toEqual([true, true, 5, error]);
    expect(a.excInfo[1]).toBe(error);
    expect(await a.get()).toBe(5);
    expect(await a.wait()).toBe(5);
  });

  it('setException() after set(): the value still wins in get() and successful()', async () => {
    const a = new AsyncResult<number>();
    const error = new TypeError('k');
    a.set(5);
    a.setException(error);
    expect([a.ready(), a.successful(), a.value, a.exception]).toEqual([true, true, 5, error]);
    expect(a.excInfo[0]).toBe(TypeError);
    expect(await a.get()).toBe(5);
  });

  it('set(undefined) is successful with no value', () => {
    const a = new AsyncResult();
    a.set();
    expect([a.ready(), a.successful(), a.value, a.exception, a.excInfo]).toEqual([true, true, undefined, undefined, []]);
  });

  it('wait() on a ready result whose notification is still queued lines up behind the waiters (gevent _wait)', async () => {
    const a = new AsyncResult<number>();
    const log: unknown[] = [];
    await inMain(function* () {
      spawn(function* () {
        log.push(['w', yield* a.wait()]);
      });
      yield* sleep(0);
      a.set(1);
      log.push('main waits');
      log.push(['main', yield* a.wait()]);
    });
    // gevent 22.10: ['main waits', ('w', 1), ('main', 1)]; get() does not wait (['main', 1] first).
    expect(log).toEqual(['main waits', ['w', 1], ['main', 1]]);
  });

  it("has gevent's concurrent.futures aliases: result(timeout), setResult, done, cancel and cancelled (false)", async () => {
    const a = new AsyncResult<number>();
    expect([a.done(), a.cancel(), a.cancelled()]).toEqual([false, false, false]);
    await expect(a.result(10)).rejects.toBeInstanceOf(Timeout);
    a.setResult(7);
    expect([a.done(), a.cancel(), a.cancelled(), await a.result()]).toEqual([true, false, false, 7]);
  });

  it('a greenlet woken by the notification pass that waits again is notified at the end of that same pass (gevent arrived_while_waiting)', async () => {
    // Found by a differential fuzz against gevent 22.10, which prints this order.
    const a = new AsyncResult<number>();
    const log: unknown[] = [];
    await inMain(function* () {
      spawn(function* () {
        log.push([0, 'get', yield* a.get()]);
        log.push([0, 'wait', yield* a.wait()]);
      });
      spawn(function* () {
        a.set(6);
        log.push([1, 'set']);
      });
      spawn(function* () {
        yield* sleep(0);
        log.push([2, 'slept']);
      });
      for (let i = 0; i < 4; i++) yield* sleep(0);
    });
    expect(log).toEqual([[1, 'set'], [0, 'get', 6], [0, 'wait', 6], [2, 'slept']]);
  });
});
