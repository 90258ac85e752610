// gevent 22.10 src/gevent/tests/test__api_timeout.py, on the virtual clock. Not applicable
// (see the README table): test_timeout_calls_update_now, test_sleep_calls_update_now (they swap
// hub.loop for a proxy counting update_now(); the port reads its clock on every timer start, there
// is no cached loop time), test_ref (the exception being garbage collected: needs deterministic GC).
import { describe, expect, it } from 'vitest';
import { sleep, Timeout, withTimeout } from '../../src/index.js';
import { caught, inMain, useFreshHub } from './support.js';

const DELAY = 10; // gevent.testing.timing.SMALL_TICK, in ms

describe('test__api_timeout', () => {
  const env = useFreshHub();

  describe('Test', () => {
    it('test_api', async () => {
      await inMain(function* () {
        // Nothing happens if the block finishes before the timeout expires.
        const t = new Timeout(DELAY * 2);
        expect(t.pending).toBe(false);
        {
          using _t = Timeout.startNew(t);
          expect(t.pending).toBe(true);
          yield* sleep(DELAY);
        }
        // The timer was actually cancelled.
        expect(t.pending).toBe(false);
        yield* sleep(DELAY * 2);

        // An exception is raised if it is not.
        let t2: Timeout | undefined;
        const exc = yield* caught({
          *[Symbol.iterator]() {
            using t = Timeout.startNew(DELAY);
            t2 = t;
            yield* sleep(DELAY * 10);
          },
        });
        expect(exc).toBe(t2);

        // The exception raised can be customised…
        const ioError = new Error('Operation takes way too long');
        expect(
          yield* caught({
            *[Symbol.iterator]() {
              using _t = Timeout.startNew(DELAY, ioError);
              yield* sleep(DELAY * 10);
            },
          }),
        ).toBe(ioError);

        // …with a class instead of an instance too.
        class ValueError extends Error {}
        expect(
          yield* caught({
            *[Symbol.iterator]() {
              using _t = Timeout.startNew(DELAY, ValueError);
              yield* sleep(DELAY * 10);
            },
          }),
        ).toBeInstanceOf(ValueError);
        expect(
          yield* caught({
            *[Symbol.iterator]() {
              using _t = Timeout.startNew(DELAY, RangeError);
              yield* sleep(DELAY * 10);
              throw new Error('should not get there');
            },
          }),
        ).toBeInstanceOf(RangeError);

        // The timer may be cancelled inside the block.
        {
          using timer = Timeout.startNew(DELAY);
          timer.cancel();
          yield* sleep(DELAY * 2);
        }

        // False silences the exception (withTimeout's timeoutValue is the silent `with`).
        const XDELAY = 100;
        const start = env.clock.now();
        yield* withTimeout(XDELAY, sleep(XDELAY * 2), { timeoutValue: undefined });
        expect(env.clock.now() - start).toBe(XDELAY);

        // undefined ms (gevent's None) disables the timer.
        {
          using _t = Timeout.startNew(undefined);
          yield* sleep(DELAY);
        }
        yield* sleep(DELAY);
      });
    });

    it('test_nested_timeout', async () => {
      await inMain(function* () {
        const outer = yield* withTimeout(
          DELAY,
          function* () {
            yield* withTimeout(DELAY * 10, sleep(DELAY * 3 * 20), { timeoutValue: 'inner' });
            throw new Error('should not get there');
          },
          { timeoutValue: 'outer' },
        );
        expect(outer).toBe('outer');

        {
          using t1 = Timeout.startNew(DELAY);
          {
            using t2 = Timeout.startNew(DELAY * 20);
            expect(yield* caught(sleep(DELAY * 30))).toBe(t1);
            expect(t1.pending).toBe(false);
            expect(t2.pending).toBe(true);
          }
          // (t2 is closed on leaving its block)
        }

        using t1 = Timeout.startNew(DELAY * 20);
        {
          using t2 = Timeout.startNew(DELAY);
          expect(yield* caught(sleep(DELAY * 30))).toBe(t2);
          expect(t1.pending).toBe(true);
          expect(t2.pending).toBe(false);
        }
      });
    });
  });
});
