import { beforeEach, describe, expect, it } from 'vitest';
import { Group } from './group.js';
import { sleep } from '../hub/sleep.js';
import { ExpectedError, freshHub, inMain } from '../test-support.js';

// This port's own rules for Group. gevent's test__pool.py is ported whole in test/ported/test__pool.test.ts.

describe('Group (port rules)', () => {
  beforeEach(() => {
    freshHub().hub.exceptionStream = null;
  });

  describe('Group', () => {
    it('never waits for room', async () => {
      const group = new Group();
      expect(group.full()).toBe(false);
      expect(group.freeCount()).toBe(1);
      expect(await group.waitAvailable()).toBe(1);
    });


    it('kills each member once, and join raises a member error on request', async () => {
      const group = new Group();
      let kills = 0;
      const stubborn = group.spawn(function* () {
        for (;;) {
          try {
            yield* sleep(1000);
          } catch {
            kills++;
          }
        }
      });
      await inMain(function* () {
        yield* sleep(0);
        yield* group.kill(undefined, { timeout: 50 });
        yield* group.kill(undefined, { timeout: 50 });
        expect(kills).toBe(1);
        expect(group.has(stubborn)).toBe(true);
      });
      stubborn.kill(new Error('really'), { block: false });
      const g2 = new Group();
      g2.spawn(() => {
        throw new ExpectedError('member');
      });
      await expect(g2.join({ raiseError: true })).rejects.toBeInstanceOf(ExpectedError);
    });
  });
});
