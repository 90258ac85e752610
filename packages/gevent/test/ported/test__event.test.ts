// gevent 22.10 src/gevent/tests/test__event.py, on the virtual clock. DELAY = SMALL_TICK + SMALL_TICK_MAX_ADJ.
// Not applicable (README table): TestAsyncResultCrossThread and TestEventCrossThread (6 tests each:
// an AsyncResult/Event set from another OS thread; JavaScript has no shared-heap threads).
import { describe, expect, it } from 'vitest';
import { AsyncResult, Event, getHub, idle, killAll, sleep, spawn, spawnLater, Timeout, wait, withTimeout } from '../../src/index.js';
import { ExpectedException as ExpectedError, genericGetTests, genericWaitTests, inMain, useFreshHub } from './support.js';

const DELAY = 120;

describe('test__event', () => {
  useFreshHub();
  describe('TestEventWait', () => {
    genericWaitTests(function* (timeout) {
      yield* new Event().wait(timeout);
    });
    it('test_cover', () => {
      expect(String(new Event())).toBe('<Event clear, 0 waiters>');
    });
  });

  describe('TestGeventWaitOnEvent', () => {
    genericWaitTests(function* (timeout) {
      yield* wait([new Event()], { timeout: timeout as number });
    });

    it('test_set_during_wait', async () => {
      const event = new Event();
      const waiter = spawn(function* () {
        const s = spawn(() => event.set());
        const res = yield* event.wait();
        expect(res).toBe(true);
        expect(event.ready()).toBe(true);
        yield* s.join();
        event.clear();
        expect(event.ready()).toBe(false);
        const o = yield* wait([event], { timeout: 10 });
        expect(event.ready()).toBe(false);
        expect(o).not.toContain(event);
        return 'done';
      });
      expect(await waiter.get()).toBe('done');
    });
  });

  describe('TestAsyncResultWait', () => {
    genericWaitTests(function* (timeout) {
      yield* new AsyncResult().wait(timeout);
    });
  });

  describe('TestWaitAsyncResult', () => {
    genericWaitTests(function* (timeout) {
      yield* wait([new AsyncResult()], { timeout: timeout as number });
    });
  });

  describe('TestAsyncResultGet', () => {
    genericGetTests(function* (timeout) {
      return yield* new AsyncResult().get({ timeout });
    });
  });

  class MyException extends Error {}

  describe('TestAsyncResult', () => {
    it('test_link', () => {
      const ar = new AsyncResult();
      expect(() => ar.rawlink(null as never)).toThrow(TypeError);
      ar.unlink(null);
      ar.unlink(null);
      expect(String(ar)).toBe('<AsyncResult unset, 0 waiters>');
    });

    it('test_set_exc', async () => {
      const log: unknown[] = [];
      const e = new AsyncResult();
      expect(e.excInfo).toEqual([]);
      expect(e.exception).toBeUndefined();
      spawn(function* () {
        try {
          yield* e.get();
        } catch (error) {
          log.push(['caught', error]);
        }
      });
      const obj = new MyException();
      e.setException(obj);
      await sleep(0);
      expect(log).toEqual([['caught', obj]]);
      expect(e.excInfo).toEqual([MyException, obj, obj.stack]);
    });

    it('test_set', async () => {
      const event1 = new AsyncResult<string>();
      const timerExc = new MyException('interrupted');
      const g = spawnLater(DELAY, () => event1.set('hello event1'));
      try {
        await inMain(function* () {
          using _timeout = Timeout.startNew(0, timerExc);
          try {
            yield* event1.get();
            throw new Error('must raise');
          } catch (error) {
            expect(error).toBe(timerExc);
          }
        });
      } finally {
        await g.kill();
      }
    });

    it('test_set_with_timeout', async () => {
      const event2 = new AsyncResult();
      const X = {};
      expect(await withTimeout(DELAY, event2.get(), { timeoutValue: X })).toBe(X);
    });

    it('test_nonblocking_get', async () => {
      const ar = new AsyncResult();
      await expect(ar.get({ block: false })).rejects.toBeInstanceOf(Timeout);
      await expect(ar.getNowait()).rejects.toBeInstanceOf(Timeout);
    });
  });

  describe('TestAsyncResultAsLinkTarget', () => {
    it('test_set', async () => {
      await inMain(function* () {
        const g = spawn(() => 1);
        const [s1, s2, s3] = [new AsyncResult(), new AsyncResult(), new AsyncResult()];
        g.link(s1);
        g.linkValue(s2);
        g.linkException(s3);
        expect(yield* s1.get()).toBe(1);
        expect(yield* s2.get()).toBe(1);
        const X = {};
        expect(yield* withTimeout(DELAY, s3.get(), { timeoutValue: X })).toBe(X);
      });
    });

    it('test_set_exception', async () => {
      getHub().exceptionStream = null;
      await inMain(function* () {
        const g = spawn(() => {
          throw new ExpectedError('TestAsyncResultAsLinkTarget.test_set_exception');
        });
        const [s1, s2, s3] = [new AsyncResult(), new AsyncResult(), new AsyncResult()];
        g.link(s1);
        g.linkValue(s2);
        g.linkException(s3);
        yield* expectRaises(s1.get(), ExpectedError);
        const X = {};
        expect(yield* withTimeout(DELAY, s2.get(), { timeoutValue: X })).toBe(X);
        yield* expectRaises(s3.get(), ExpectedError);
      });
    });
  });

  for (const n of [1, 100, 1000]) {
    describe(n === 1 ? 'TestEvent_SetThenClear' : `TestEvent_SetThenClear${n}`, () => {
      it('test', async () => {
        const e = new Event();
        const waiters = Array.from({ length: n }, () => spawn(() => e.wait()));
        await sleep(1);
        e.set();
        e.clear();
        for (const g of waiters) await g.join();
        expect(waiters.every((g) => g.value === true)).toBe(true);
      });
    });
  }

  const waitCases: [string, number | undefined, number | undefined][] = [
    ['TestWait', undefined, 1000],
    ['TestWait_notimeout', undefined, undefined],
    ['TestWait_count1', 1, 1000],
    ['TestWait_count2', 2, 1000],
  ];
  for (const [name, count, timeout] of waitCases) {
    describe(name, () => {
      it('test', async () => {
        const N = 5;
        const period = 1000 / 100;
        const events = Array.from({ length: N }, () => new Event());
        const asyncs = Array.from({ length: N }, () => new AsyncResult());
        const maxLen = events.length + asyncs.length;
        const sender = spawn(function* (events: Event[], asyncs: AsyncResult[]) {
          while (events.length > 0 || asyncs.length > 0) {
            yield* sleep(period);
            events.pop()?.set();
            yield* sleep(period);
            asyncs.pop()?.set();
          }
        }, [...events], [...asyncs]);
        const options = { ...(count === undefined ? {} : { count }), ...(timeout === undefined ? {} : { timeout }) };
        const results = await wait([...events, ...asyncs] as (Event | AsyncResult)[], options);
        let expected = timeout === undefined ? maxLen : Math.min(maxLen, timeout / period);
        if (count === undefined) {
          expect(sender.ready()).toBe(true);
        } else {
          expected = Math.min(count, expected);
          expect(sender.ready()).toBe(false);
          await killAll([sender]);
        }
        expect(results).toHaveLength(expected);
      });
    });
  }

  describe('TestEventBasics', () => {
    it('test_weakref', () => {
      // Event objects allow weak references.
      const e = new Event();
      const r = new WeakRef(e);
      expect(r.deref()).toBe(e);
    });

    it('test_wait_while_notifying', async () => {
      const event = new Event();
      const results: number[] = [];
      function* waitThenAppend(arg: number) {
        yield* event.wait();
        results.push(arg);
      }
      spawn(waitThenAppend, 1);
      spawn(waitThenAppend, 2);
      await inMain(function* () {
        yield* idle();
        expect(event.linkcount()).toBe(2);
        const check = getHub().loop.check();
        check.start((n: number) => results.push(n), 4);
        event.set();
        yield* waitThenAppend(3);
        // A waiter on a ready Event that is notifying runs at the end, without a loop trip:
        // the check watcher did NOT run.
        expect(results).toEqual([1, 2, 3]);
        check.stop();
        check.close();
      });
      expect(results).toEqual([1, 2, 3]);
    });

    it('test_gevent_wait_twice_when_already_set', async () => {
      const event = new Event();
      event.set();
      expect(await wait([event])).toEqual([event]);
      expect(await wait([event])).toEqual([event]);
    });
  });
});

function* expectRaises(op: { [Symbol.iterator](): Iterator<unknown, unknown, unknown> }, expected: new (...args: any[]) => unknown): Generator<any, void, any> {
  try {
    yield* op as Generator<any, unknown, any>;
  } catch (error) {
    expect(error).toBeInstanceOf(expected);
    return;
  }
  throw new Error('expected the operation to raise');
}
