// Event behaviour checked against Python's gevent 22.10 (the same script run on both).
import { beforeEach, describe, expect, it } from 'vitest';
import { Event } from './event.js';
import { sleep } from '../hub/sleep.js';
import { spawnLater } from '../greenlet/spawn.js';
import { freshHub, inMain } from '../test-support.js';

describe('Event as gevent 22.10 runs it', () => {
  beforeEach(() => {
    freshHub();
  });

  it('wait() that timed out returns false even if set() ran in the same timer pass', async () => {
    // The spawnLater timer (made first) runs set(), which only queues the wake-up; the wait's
    // own timer, due at the same time, fires before that callback: gevent returns False.
    const e = new Event();
    const result = await inMain(function* () {
      yield* sleep(0);
      spawnLater(10, () => e.set());
      return yield* e.wait(10);
    });
    expect(result).toBe(false);
    expect(e.isSet()).toBe(true);
  });
});
