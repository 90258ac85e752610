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

  it('a notification pass main was switched out of goes on first when main blocks again, with the links main added', async () => {
    // Python: [2] [2] / [2, 1] [1, 2] / ['a', 'b'] ['b', 'c', 'a']: main returns from a wait
    // inside a greenlet's notification pass, and a link it adds to that greenlet runs in that
    // pass, ahead of notifications queued for the others.
    const g0 = spawn(() => 1);
    const g1 = spawn(() => 2);
    await joinAll([g0, g1]);
    const values = (gs: { value: unknown }[]): unknown[] => gs.map((g) => g.value);
    const out: unknown[] = [];
    out.push(values(await wait([g0, g1], { count: 1 })), values(await wait([g1, g0], { count: 1 })));
    out.push(values(await wait([g0, g1])));
    const it: unknown[] = [];
    for await (const g of iwait([g0, g1])) it.push(g.value);
    out.push(it);
    const [a, b, c] = ['a', 'b', 'c'].map((v) => spawn(() => v));
    await sleep(10);
    out.push(values(await wait([a!, b!, c!], { count: 2 })), values(await wait([a!, b!, c!])));
    expect(out).toEqual([[2], [2], [2, 1], [1, 2], ['a', 'b'], ['b', 'c', 'a']]);
  });
});
