import { beforeEach, describe, expect, it } from 'vitest';
import { getHub } from './hub/current.js';
import { sleep } from './hub/sleep.js';
import { freshHub, inMain } from './test-support.js';
import { Timeout } from './timeout.js';
import { withTimeout } from './with-timeout.js';

// This port's own rules for Timeout; gevent's test__timeout.py is ported whole in
// test/ported/test__timeout.test.ts.

describe('Timeout', () => {
  beforeEach(() => {
    freshHub();
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
