import { beforeEach, describe, expect, it } from 'vitest';
import { Pool } from './pool.js';
import { GreenletExit } from '../greenlet/greenlet-exit.js';
import { sleep } from '../hub/sleep.js';
import { freshHub, inMain } from '../test-support.js';

// gevent's Group.kill waits with joinall, whose MultipleWaiter the last member's link switches
// into at once: the killer resumes before the greenlet that apply_async started on a full pool
// (a non-member waiting in apply) takes the freed slot, so kill returns with the pool empty and
// that task then runs to completion. Found by a differential fuzz of pools against gevent.
// Python's gevent 22.10 prints
// [['t', 1], ['kill', 1], ['t end', 1], ['killed', 0], ['t', 2], ['t end', 2], ['cb', 2], ['after', 0]]
describe('Pool.kill resumes the killer before later work', () => {
  beforeEach(() => {
    freshHub().hub.exceptionStream = null;
  });

  it('returns before a queued applyAsync task takes the freed slot, which then runs', async () => {
    const log: unknown[] = [];
    await inMain(function* () {
      const pool = new Pool(1);
      function* task(n: number) {
        log.push(['t', n]);
        yield* sleep(0);
        log.push(['t end', n]);
        return n;
      }
      yield* pool.spawn(task, 1);
      pool.applyAsync(task, [2], (v: unknown) => log.push(['cb', v instanceof GreenletExit ? 'GreenletExit' : v]));
      yield* sleep(0);
      log.push(['kill', pool.size]);
      yield* pool.kill();
      log.push(['killed', pool.size]);
      for (let i = 0; i < 5; i++) yield* sleep(0);
      log.push(['after', pool.size]);
    });
    expect(log).toEqual([['t', 1], ['kill', 1], ['t end', 1], ['killed', 0], ['t', 2], ['t end', 2], ['cb', 2], ['after', 0]]);
  });
});
