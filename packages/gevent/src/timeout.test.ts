import { beforeEach, describe, expect, it } from 'vitest';
import type { Instruction } from '@coro/core';
import { getHub } from './hub/current.js';
import { PARK } from './hub/operation.js';
import { sleep } from './hub/sleep.js';
import { freshHub, inMain } from './test-support.js';
import { Timeout } from './timeout.js';
import { withTimeout } from './with-timeout.js';

// gevent/src/gevent/tests/test__timeout.py, on the virtual clock.
const SHOULD_EXPIRE = 10;
const SHOULD_NOT_EXPIRE = SHOULD_EXPIRE * 2;

/** `get_hub().switch()`: block until something is thrown in. */
function* hubSwitch(): Generator<Instruction, unknown, unknown> {
  getHub().blockingCurrent();
  return yield PARK;
}

describe('test__timeout', () => {
  beforeEach(() => {
    freshHub();
  });

  describe('TestDirectRaise', () => {
    it('test_direct_raise_class', () => {
      try {
        throw new Timeout();
      } catch (t) {
        expect(t).toBeInstanceOf(Timeout);
        expect((t as Timeout).pending).toBe(false);
      }
    });

    it('test_direct_raise_instance', () => {
      const timeout = new Timeout();
      try {
        throw timeout;
      } catch (t) {
        expect(t).toBe(timeout);
        expect((t as Timeout).pending).toBe(false);
      }
    });
  });

  describe('Test', () => {
    function* expectTimeout(timeout: Timeout, close: boolean) {
      try {
        yield* hubSwitch();
      } catch (ex) {
        if (ex !== timeout) throw ex;
        if (close) timeout.close();
        return ex as Timeout;
      }
      throw new Error('Must raise Timeout');
    }

    function* checkExpires(timeout: Timeout) {
      timeout.start();
      yield* expectTimeout(timeout, false);
      timeout.start(); // restart
      return yield* expectTimeout(timeout, true);
    }

    it('test_expires', async () => {
      await inMain(() => checkExpires(new Timeout(SHOULD_EXPIRE)));
    });

    it('test_expires_false', async () => {
      await inMain(() => checkExpires(new Timeout(SHOULD_EXPIRE, false)));
    });

    it('test_expires_str', async () => {
      const ex = await inMain(() => checkExpires(new Timeout(SHOULD_EXPIRE, 'XXX')));
      expect(String(ex).endsWith('XXX')).toBe(true);
    });

    it('test_expires_non_exception', async () => {
      // JavaScript can throw any value: the port raises it as given (gevent raises TypeError).
      const marker = { not: 'an error' };
      await inMain(function* () {
        const timeout = new Timeout(SHOULD_EXPIRE, marker).start();
        try {
          yield* hubSwitch();
          throw new Error('must raise');
        } catch (error) {
          expect(error).toBe(marker);
        }
        timeout.close();
      });
    });

    function* contextManagerExpires(timeout: Timeout, raises = true) {
      try {
        using _t = Timeout.startNew(timeout);
        yield* hubSwitch();
      } catch (ex) {
        if (ex !== timeout) throw ex;
        return ex as Timeout;
      }
      if (raises) throw new Error('Must raise Timeout');
      return undefined;
    }

    it('test_context_manager', async () => {
      const timeout = new Timeout(SHOULD_EXPIRE);
      expect(await inMain(() => contextManagerExpires(timeout))).toBe(timeout);
      expect(timeout.pending).toBe(false);
    });

    it('test_context_manager_false', async () => {
      // `using` cannot suppress an exception; withTimeout with a timeoutValue is the silent form.
      const timeout = new Timeout(SHOULD_EXPIRE, false);
      expect(String(timeout).endsWith('(silent)')).toBe(true);
      expect(await withTimeout(SHOULD_EXPIRE, { [Symbol.iterator]: hubSwitch }, { timeoutValue: 'silent' })).toBe('silent');
    });

    it('test_context_manager_str', async () => {
      const timeout = new Timeout(SHOULD_EXPIRE, 'XXX');
      const ex = await inMain(() => contextManagerExpires(timeout));
      expect(String(ex).endsWith('XXX')).toBe(true);
    });

    it('test_cancel', async () => {
      const timeout = new Timeout(SHOULD_EXPIRE);
      timeout.start();
      timeout.cancel();
      await sleep(SHOULD_NOT_EXPIRE);
      expect(timeout.pending).toBe(false);
      timeout.close();
    });

    it('test_with_timeout', async () => {
      await expect(withTimeout(SHOULD_EXPIRE, sleep(SHOULD_NOT_EXPIRE))).rejects.toBeInstanceOf(Timeout);
      const X = {};
      expect(await withTimeout(SHOULD_EXPIRE, sleep(SHOULD_NOT_EXPIRE), { timeoutValue: X })).toBe(X);
      expect(await withTimeout(SHOULD_NOT_EXPIRE, sleep(SHOULD_EXPIRE), { timeoutValue: X })).toBeUndefined();
    });
  });

  describe('port rules', () => {
    it('prints like gevent', () => {
      expect(String(new Timeout())).toBe('Timeout');
      expect(new Timeout(1000).message).toBe('1000 ms');
      expect(new Timeout(2000, false).message).toBe('2000 ms (silent)');
      expect(new Timeout(2000, 'XXX').message).toBe('2000 ms: XXX');
    });

    it('rejects starting a pending timeout, a closed one, and bad durations', () => {
      const t = new Timeout(10).start();
      expect(() => t.start()).toThrow(new Error('Timeout: 10 ms is already started; to restart it, cancel it first'));
      t.close();
      expect(() => t.start()).toThrow(/closed/);
      expect(() => new Timeout(-1)).toThrow(RangeError);
      expect(() => new Timeout('1' as never)).toThrow(new TypeError("Timeout: ms must be a number of milliseconds or undefined, got '1' (a string)"));
    });

    it('seconds=0 fires after the callbacks already queued', async () => {
      const order: string[] = [];
      await inMain(function* () {
        const t = Timeout.startNew(0);
        getHub().runCallback(() => order.push('callback'));
        try {
          yield* sleep(1000);
        } catch (error) {
          if (error !== t) throw error;
          order.push('timeout');
        }
      });
      expect(order).toEqual(['callback', 'timeout']);
    });

    it('nested timeouts: the one that fires is the one raised, and the inner scope does not catch the outer', async () => {
      const outer = Timeout.startNew(10);
      const result = await inMain(function* () {
        try {
          return yield* withTimeout(100, sleep(1000), { timeoutValue: 'inner' });
        } catch (error) {
          return error === outer ? 'outer' : error;
        }
      });
      outer.close();
      expect(result).toBe('outer');
    });
  });
});
