import { beforeEach, describe, expect, it } from 'vitest';
import { getHub } from '../hub/current.js';
import { sleep } from '../hub/sleep.js';
import { freshHub } from '../test-support.js';
import { joinAll } from './join-all.js';
import { spawn } from './spawn.js';
import { iwait, wait } from './wait.js';

// gevent's wait/iwait/joinall park in a MultipleWaiter that the objects' links switch into at
// once: the waiter resumes from the notification, before callbacks queued after it.
// Python's gevent 22.10 prints ['a', 'b', 'main', 'cb'] for each.
describe('wait, iwait and joinAll resume from the link', () => {
  beforeEach(() => {
    freshHub();
  });

  for (const [name, waitFor] of [
    ['joinAll', (a: unknown) => joinAll([a as never])],
    ['wait(count: 1)', (a: unknown) => wait([a as never], { count: 1 })],
    ['iwait', (a: unknown) => iwait([a as never]).next()],
  ] as const) {
    it(`${name}: main runs before a callback queued after the notification`, async () => {
      const order: string[] = [];
      const a = spawn(() => void order.push('a'));
      spawn(() => {
        order.push('b');
        getHub().runCallback(() => void order.push('cb'));
      });
      await waitFor(a);
      order.push('main');
      await sleep(10);
      expect(order).toEqual(['a', 'b', 'main', 'cb']);
    });
  }
});
