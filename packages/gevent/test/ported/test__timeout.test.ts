// gevent 22.10 src/gevent/tests/test__timeout.py, every test, on the virtual clock.
import { describe, expect, it } from 'vitest';
import { sleep, Timeout, withTimeout } from '../../src/index.js';
import { hubSwitch, inMain, useFreshHub } from './support.js';

const SHOULD_EXPIRE = 10;
const SHOULD_NOT_EXPIRE = SHOULD_EXPIRE * 2;

describe('test__timeout', () => {
  useFreshHub();

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
      const timeout = new Timeout(SHOULD_EXPIRE);
      expect(await inMain(() => checkExpires(timeout))).toBe(timeout);
    });

    it('test_expires_false', async () => {
      // A false exception value only matters to a context manager (here: withTimeout).
      const timeout = new Timeout(SHOULD_EXPIRE, false);
      expect(await inMain(() => checkExpires(timeout))).toBe(timeout);
    });

    it('test_expires_str', async () => {
      const ex = await inMain(() => checkExpires(new Timeout(SHOULD_EXPIRE, 'XXX')));
      expect(String(ex).endsWith('XXX')).toBe(true);
      expect(ex.message).toBe('10 ms: XXX');
    });

    it('test_expires_non_exception', async () => {
      // Adapted: JavaScript can throw any value, so a non-Error `exception` is raised as given
      // (gevent raises TypeError "exceptions must derive from BaseException").
      const marker = { not: 'an error' };
      class OldStyle {}
      for (const exception of [marker, new OldStyle()]) {
        await inMain(function* () {
          const timeout = new Timeout(SHOULD_EXPIRE, exception).start();
          try {
            yield* hubSwitch();
            throw new Error('must raise');
          } catch (error) {
            expect(error).toBe(exception);
          }
          timeout.close();
        });
      }
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
      // Adapted: `using` cannot suppress an exception; withTimeout with a timeoutValue is the silent form.
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
});
