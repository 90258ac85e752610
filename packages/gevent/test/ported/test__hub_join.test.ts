// gevent 22.10 src/gevent/tests/test__hub_join.py. Not applicable (README table):
// test_join_in_new_thread_doesnt_leak_hub_or_greenlet, test_destroy_in_main_thread_from_new_thread
// (a hub per OS thread, destroyed from another thread: no shared-heap threads in JavaScript).
import { describe, expect, it } from 'vitest';
import { getHub, sleep } from '../../src/index.js';
import { useFreshHub } from './support.js';

describe('test__hub_join', () => {
  useFreshHub();

  describe('TestJoin', () => {
    it('test_join_many_times', async () => {
      // hub.join() guarantees that the loop has exited cleanly…
      expect(await getHub().join()).toBe(true);
      expect(getHub().dead).toBe(false);
      expect(await getHub().join()).toBe(true);
      // …but gevent can still be used afterwards.
      await sleep(10);
      expect(await getHub().join()).toBe(true);
    });
  });
});
