// gevent 22.10 src/gevent/tests/test__greenletset.py, every test, on the virtual clock.
import { describe, expect, it } from 'vitest';
import { Greenlet, GreenletExit, Group, killAll, sleep, Timeout, withTimeout } from '../../src/index.js';
import { caught, inMain, useFreshHub } from './support.js';

const LARGE_TICK = 200; // gevent.testing.timing.LARGE_TICK
const LARGE_TICK_MIN_ADJ = 100;
const DELAY = LARGE_TICK;

class SpecialError extends Error {}

/** Catches every kill but SpecialError, counting them. */
class Undead {
  shotCount = 0;
  *run(): Generator<any, void, any> {
    for (;;) {
      try {
        yield* sleep(1000);
      } catch (error) {
        if (error instanceof SpecialError) break;
        this.shotCount++;
      }
    }
  }
}

class GreenletSubclass<T> extends Greenlet<T> {}

describe('test__greenletset', () => {
  const env = useFreshHub();

  describe('Test', () => {
    it('test_basic', async () => {
      const s = new Group();
      s.spawn(sleep, LARGE_TICK);
      expect(s.size).toBe(1);
      s.spawn(sleep, LARGE_TICK * 5);
      expect(s.size).toBe(2);
      await sleep();
      await sleep(LARGE_TICK * 2 + LARGE_TICK_MIN_ADJ);
      expect(s.size).toBe(1);
      await sleep(LARGE_TICK * 5 + LARGE_TICK_MIN_ADJ);
      expect(s.size).toBe(0);
    });

    it('test_waitall', async () => {
      const s = new Group();
      s.spawn(sleep, DELAY);
      s.spawn(sleep, DELAY * 2);
      expect(s.size).toBe(2);
      const start = env.clock.now();
      await s.join({ raiseError: true });
      expect(s.size).toBe(0);
      expect(env.clock.now() - start).toBe(DELAY * 2);
    });

    it('test_kill_block', async () => {
      const s = new Group();
      s.spawn(sleep, DELAY);
      s.spawn(sleep, DELAY * 2);
      expect(s.size).toBe(2);
      const start = env.clock.now();
      await s.kill();
      expect(s.size).toBe(0);
      expect(env.clock.now() - start).toBeLessThan(DELAY * 0.8);
    });

    it('test_kill_noblock', async () => {
      const s = new Group();
      s.spawn(sleep, DELAY);
      s.spawn(sleep, DELAY * 2);
      expect(s.size).toBe(2);
      void s.kill(GreenletExit, { block: false });
      expect(s.size).toBe(2);
      await sleep(0.1);
      expect(s.size).toBe(0);
    });

    it('test_kill_fires_once', async () => {
      const u1 = new Undead();
      const u2 = new Undead();
      const p1 = Greenlet.spawn(() => u1.run());
      const p2 = Greenlet.spawn(() => u2.run());
      function check(count1: number, count2: number): void {
        expect(p1.started && p2.started).toBe(true);
        expect(p1.dead).toBe(false);
        expect(p2.dead).toBe(false);
        expect(u1.shotCount).toBe(count1);
        expect(u2.shotCount).toBe(count2);
      }
      await inMain(function* () {
        yield* sleep(10);
        const s = new Group([p1, p2]);
        expect(s.size).toBe(2);
        check(0, 0);
        void s.killone(p1, GreenletExit, { block: false });
        check(0, 0);
        yield* sleep(0);
        check(1, 0);
        yield* s.killone(p1);
        check(1, 0);
        yield* s.killone(p1);
        check(1, 0);
        void s.kill(GreenletExit, { block: false });
        void s.kill(GreenletExit, { block: false });
        void s.kill(GreenletExit, { block: false });
        check(1, 0);
        yield* sleep(DELAY);
        check(1, 1);
        const X = {};
        const killResult = yield* withTimeout(DELAY, () => s.kill(GreenletExit, { block: true }), { timeoutValue: X });
        expect(killResult).toBe(X);
        expect(s.size).toBe(2);
        check(1, 1);
        yield* p1.kill(SpecialError);
        yield* p2.kill(SpecialError);
      });
    });

    it('test_killall_subclass', async () => {
      env.hub.exceptionStream = null;
      const p1 = GreenletSubclass.spawn(() => {
        throw new RangeError('division by zero');
      });
      const p2 = GreenletSubclass.spawn(() => sleep(10_000));
      expect(p1).toBeInstanceOf(GreenletSubclass);
      const s = new Group([p1, p2]);
      await s.kill();
      expect(p1.dead && p2.dead).toBe(true);
    });

    it('test_killall_iterable_argument_non_block', async () => {
      const p1 = GreenletSubclass.spawn(() => sleep(500));
      const p2 = GreenletSubclass.spawn(() => sleep(500));
      const s = new Set([p1, p2]);
      void killAll(s, GreenletExit, { block: false });
      await sleep(500);
      for (const g of s) expect(g.dead).toBe(true);
    });

    function* f(): Generator<any, void, any> {
      try {
        yield* sleep(1500);
      } catch {
        yield* sleep(1000);
      }
    }

    it('test_killall_iterable_argument_timeout_not_started', async () => {
      const p1 = GreenletSubclass.spawn(f);
      const p2 = GreenletSubclass.spawn(f);
      const s = new Set([p1, p2]);
      // Never switched to: the kill cancels them synchronously, so no timeout is raised.
      await killAll(s, GreenletExit, { timeout: 500 });
      for (const g of s) expect(g.dead).toBe(true);
    });

    it('test_killall_iterable_argument_timeout_started', async () => {
      const p1 = GreenletSubclass.spawn(f);
      const p2 = GreenletSubclass.spawn(f);
      const s = new Set([p1, p2]);
      await sleep(1); // get them both running
      const raised = await inMain(() => caught(killAll(s, GreenletExit, { timeout: 500 })));
      expect(raised).toBeInstanceOf(Timeout);
      for (const g of s) expect(g.dead).toBe(false);
    });
  });
});
