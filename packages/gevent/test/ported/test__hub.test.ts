// gevent 22.10 src/gevent/tests/test__hub.py, on the virtual clock. Not applicable (README table):
// TestCloseSocketWhilePolling.test (gevent's own socket module), TestPeriodicMonitoringThread (6
// tests: gevent.config.monitor_thread, threads and threadpools; the port's blocking detection is
// startBlockingMonitor in @coro/gevent/monkey, tested in src/monitor/), TestLoopInterface (3
// tests: zope.interface verification of ILoop/ICallback, run_callback_threadsafe).
import { describe, expect, it } from 'vitest';
import { getHub, sleep, spawn, Waiter } from '../../src/index.js';
import { ExpectedException, genericWaitTests, inMain, useFreshHub } from './support.js';

const DELAY = 100;

describe('test__hub', () => {
  const env = useFreshHub();

  describe('TestExceptionInMainloop', () => {
    it('test_sleep', async () => {
      // Even if there was an error in the main loop, the hub keeps working.
      let start = env.clock.now();
      await sleep(DELAY);
      expect(env.clock.now() - start).toBe(DELAY);
      const error = new ExpectedException('TestExceptionInMainloop.test_sleep/fail');
      const seen: unknown[] = [];
      getHub().handleError = (_context, e) => {
        seen.push(e);
      };
      const t = getHub().loop.timer(1);
      try {
        t.start(() => {
          throw error;
        });
        start = env.clock.now();
        await sleep(DELAY);
        expect(seen).toEqual([error]);
        expect(env.clock.now() - start).toBe(DELAY);
      } finally {
        t.close();
      }
    });
  });

  describe('TestSleep', () => {
    genericWaitTests((timeout) => sleep(timeout as number));

    it('test_simple', async () => {
      await sleep(0);
    });
  });

  describe('TestWaiterGet', () => {
    genericWaitTests((timeout) => ({
      *[Symbol.iterator]() {
        const waiter = new Waiter();
        const evt = getHub().loop.timer(timeout as number);
        try {
          evt.start(() => waiter.switch(undefined));
          return yield* waiter.get();
        } finally {
          evt.close();
        }
      },
    }));
  });

  describe('TestWaiter', () => {
    it('test', async () => {
      let waiter = new Waiter();
      expect(String(waiter)).toBe('<Waiter greenlet=None>');
      waiter.switch(25);
      expect(String(waiter)).toBe('<Waiter greenlet=None value=25>');
      expect(await waiter.get()).toBe(25);

      waiter = new Waiter();
      waiter.throw(new RangeError('division by zero'));
      expect(String(waiter)).toMatch(/^<Waiter greenlet=None exc_info=.*RangeError.*$/);
      await expect(waiter.get()).rejects.toBeInstanceOf(RangeError);

      waiter = new Waiter();
      const w = waiter;
      const g = spawn(() => w.get());
      g.name = 'AName';
      await sleep(0);
      expect(String(waiter).startsWith('<Waiter greenlet=<Greenlet "AName')).toBe(true);
      await g.kill();
    });
  });

  describe('TestHandleError', () => {
    it('test_exception_in_custom_handle_error_does_not_crash', async () => {
      getHub().handleError = () => {
        throw new TypeError('bad handle_error'); // Python raises AttributeError
      };
      class MyException extends Error {}
      await expect(
        spawn(() => {
          throw new MyException();
        }).get(),
      ).rejects.toBeInstanceOf(MyException);
      await inMain(function* () {
        yield* sleep(1); // the hub survived the failing handler
      });
    });
  });
});
