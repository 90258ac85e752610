import { beforeEach, describe, expect, it } from 'vitest';
import { getCurrent, getHub } from '../hub/current.js';
import { Greenlet } from './greenlet.js';
import { GreenletExit } from './greenlet-exit.js';
import { killAll } from './join-all.js';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { sleep } from '../hub/sleep.js';
import { spawn } from './spawn.js';
import { freshHub } from '../test-support.js';

// This port's own rules for greenlets, each checked against gevent 22.10: gevent's test__greenlet.py
// is ported whole in test/ported/test__greenlet.test.ts.

describe('greenlets', () => {
  beforeEach(() => {
    freshHub();
  });

  describe('TestDeadPropertyDuringSwitch', () => {
    it('test_dead_is_false_for_current_greenlet_during_switch', async () => {
      const deadValues: boolean[] = [];
      const previous = getHub().setTrace((event, _origin, target: RawGreenlet) => {
        if (event === 'switch' && target !== getHub()) deadValues.push(target.dead);
      });
      try {
        await spawn(() => 42).join();
      } finally {
        getHub().setTrace(previous);
      }
      expect(deadValues.length).toBeGreaterThan(0);
      expect(deadValues.every((dead) => !dead)).toBe(true);
    });
  });

  describe('a blocking kill resumes the killer from the kill callback (gevent\'s Waiter)', () => {
    for (const [name, many] of [
      ['kill', false],
      ['killAll', true],
    ] as const) {
      it(`${name}: the killer runs on before callbacks queued after its kill`, async () => {
        // Python: ['kill', 'other', 'victim exit', ('victim exit',) 'killer resumed', 'other again']
        const order: string[] = [];
        function* victim(): Generator<any, void, any> {
          try {
            yield* sleep(1000);
          } catch (error) {
            if (error instanceof GreenletExit) order.push('victim exit');
            throw error;
          }
        }
        const victims = many ? [spawn(victim), spawn(victim)] : [spawn(victim)];
        spawn(function* () {
          order.push('kill');
          yield* many ? killAll(victims) : victims[0]!.kill();
          order.push('killer resumed');
        });
        spawn(function* () {
          order.push('other');
          yield* sleep(0);
          order.push('other again');
        });
        await sleep(10);
        expect(order).toEqual(['kill', 'other', ...victims.map(() => 'victim exit'), 'killer resumed', 'other again']);
      });
    }
  });

  describe('killing yourself', () => {
    it('a blocking kill() of the current greenlet raises GreenletExit at that call: it dies successful (as in gevent)', async () => {
      const out: string[] = [];
      const g = spawn(function* (): Generator<any, string, any> {
        out.push('before');
        yield* (getCurrent() as Greenlet<string>).kill();
        out.push('after');
        return 'not reached';
      });
      await g.join();
      // Python: ['before'] GreenletExit() True
      expect(out).toEqual(['before']);
      expect(g.value).toBeInstanceOf(GreenletExit);
      expect(g.successful()).toBe(true);
    });
  });

  describe('joining yourself with a timeout', () => {
    it('waits out the timeout, as gevent: join returns, get raises the Timeout', async () => {
      // Python: g.join(timeout=0.076) on itself returns None after 76 ms; get(timeout=…) raises Timeout.
      const out: unknown[] = [];
      const g = spawn(function* (): Generator<any, void, any> {
        const me = getCurrent() as Greenlet<void>;
        const start = getHub().clock.now();
        out.push(yield* me.join(76));
        out.push(getHub().clock.now() - start);
        try {
          yield* me.get({ timeout: 10 });
        } catch (error) {
          out.push((error as Error).name);
        }
      });
      await g.join();
      expect(out).toEqual([undefined, 76, 'Timeout']);
    });
  });

  describe('joining yourself (port rule)', () => {
    it('raises instead of blocking forever', async () => {
      const g = spawn(function* (): Generator<any, void, any> {
        yield* getCurrent() === g ? g.join() : sleep(0);
      });
      await g.join();
      expect(String(g.exception)).toMatch(/cannot join itself/);
    });
  });
});
