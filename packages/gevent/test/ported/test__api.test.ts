// gevent 22.10 src/gevent/tests/test__api.py, every test, on the virtual clock.
// test_invalid_switch_{None,0,1} wait on a socket with socket.wait_read(fileno); the port has no
// fd watchers (Node's I/O is promise-based), so they are adapted to the port's way of waiting on
// I/O: `wait(promise)`, switched into by a hub callback.
import { describe, expect, it } from 'vitest';
import { getHub, type Greenlet, InvalidSwitchError, sleep, spawn, spawnLater, Timeout, wait, withTimeout } from '../../src/index.js';
import { inMain, useFreshHub } from './support.js';

const DELAY = 100;

/** util.wrap_errors(InvalidSwitchError, op): the error becomes the result. */
function* wrapInvalidSwitch(op: () => Iterable<unknown> & { [Symbol.iterator](): Iterator<unknown> }): Generator<any, unknown, any> {
  try {
    return yield* op() as Generator<any, unknown, any>;
  } catch (error) {
    if (error instanceof InvalidSwitchError) return error;
    throw error;
  }
}

/** `g.switch(None)` from a hub callback or another greenlet: gevent's invalid switch. */
function switchNone(g: Greenlet<unknown>): void {
  (g as unknown as { switch(v: unknown): { value: unknown } }).switch(undefined).value;
}

describe('test__api', () => {
  useFreshHub();

  describe('Test', () => {
    it('test_killing_dormant', async () => {
      const state: string[] = [];
      function* test() {
        try {
          state.push('start');
          yield* sleep(DELAY * 3);
        } catch {
          state.push('except'); // catching GreenletExit
        }
        state.push('finished');
      }
      const g = spawn(test);
      await sleep(DELAY / 2);
      expect(state).toEqual(['start']);
      await g.kill();
      // Only there because kill() blocks until the greenlet has handled the exit.
      expect(state).toEqual(['start', 'except', 'finished']);
    });

    it('test_nested_with_timeout', async () => {
      function* func() {
        return yield* withTimeout(200, sleep(2000), { timeoutValue: 1 });
      }
      await expect(withTimeout(100, func)).rejects.toBeInstanceOf(Timeout);
    });

    it('test_sleep_invalid_switch', async () => {
      const p = spawn(() => wrapInvalidSwitch(() => sleep(2000)));
      await sleep(0); // wait for p to start
      const switcher = spawn(() => switchNone(p));
      const result = await p.get();
      expect(result).toBeInstanceOf(InvalidSwitchError);
      expect(String((result as Error).message)).toContain('Invalid switch');
      await switcher.kill();
    });

    async function waitReadInvalidSwitch(pause: number | undefined): Promise<void> {
      const p = spawn(() => wrapInvalidSwitch(() => wait(new Promise<never>(() => {}))));
      getHub().runCallback(switchNone, p);
      if (pause !== undefined) await sleep(pause);
      const result = await p.get();
      expect(result).toBeInstanceOf(InvalidSwitchError);
      expect(String((result as Error).message)).toContain('Invalid switch');
    }

    it('test_invalid_switch_None', async () => {
      await waitReadInvalidSwitch(undefined);
    });

    it('test_invalid_switch_0', async () => {
      await waitReadInvalidSwitch(0);
    });

    it('test_invalid_switch_1', async () => {
      await waitReadInvalidSwitch(1);
    });
  });

  describe('TestTimers', () => {
    it('test_timer_fired', async () => {
      const lst = [1];
      function* func() {
        spawnLater(10, () => lst.pop());
        yield* sleep(20);
      }
      spawn(func);
      // func has not run yet
      expect(lst).toEqual([1]);
      // Run callbacks but don't yield.
      await sleep();
      // Let timers fire: func is done.
      await sleep(100);
      expect(lst).toEqual([]);
    });

    it('test_spawn_is_not_cancelled', async () => {
      const lst = [1];
      function func() {
        spawn(() => lst.pop());
        // exiting at once, but lst.pop must still be called
      }
      spawn(func);
      await sleep(100);
      expect(lst).toEqual([]);
    });
  });
});
