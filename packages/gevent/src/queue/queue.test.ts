import { beforeEach, describe, expect, it } from 'vitest';
import { Channel } from './channel.js';
import { LifoQueue, PriorityQueue, Queue } from './queue.js';
import { ShutDown } from './queue-errors.js';
import { SimpleQueue } from './simple-queue.js';
import { freshHub } from '../test-support.js';

// This port's own rules for queues: shutdown (Python 3.13's, which gevent 22.10 lacks), the
// ordering of LifoQueue and PriorityQueue, and bad input. gevent's own tests of the queues are
// ported whole in test/ported/test__queue.test.ts.

describe('queues', () => {
  beforeEach(() => {
    freshHub();
  });

  describe('TestQueue', () => {
    for (const immediate of [false, true]) {
      it(immediate ? 'test_shutdown_immediate_all_methods_in_one_thread' : 'test_shutdown_all_methods_in_one_thread', async () => {
        const q = new Queue<string>();
        q.putNowait('L');
        q.putNowait('O');
        q.shutdown(immediate);
        await expect(q.put('E')).rejects.toBeInstanceOf(ShutDown);
        expect(() => q.putNowait('W')).toThrow(ShutDown);
        if (immediate) {
          await expect(q.get()).rejects.toBeInstanceOf(ShutDown);
          expect(() => q.getNowait()).toThrow(ShutDown);
          expect(() => q.taskDone()).toThrow(RangeError);
          expect(await q.join()).toBe(true);
        } else {
          expect('LO').toContain(await q.get());
          q.taskDone();
          expect('LO').toContain(await q.get());
          q.taskDone();
          expect(await q.join()).toBe(true);
          await expect(q.get()).rejects.toBeInstanceOf(ShutDown);
          expect(() => q.getNowait()).toThrow(ShutDown);
          await expect(q.get({ timeout: 1000 })).rejects.toBeInstanceOf(ShutDown);
        }
      });
    }

    it('task_done() called too many times is a RangeError', () => {
      expect(() => new Queue().taskDone()).toThrow('taskDone() called too many times');
    });
  });

  describe('TestLifoQueue', () => {
    it('serves the last item first', () => {
      const q = new LifoQueue<number>(undefined, [1, 2, 3]);
      expect([q.getNowait(), q.getNowait(), q.getNowait()]).toEqual([3, 2, 1]);
    });
  });

  describe('TestPriorityQueue', () => {
    it('serves the smallest item first, comparing arrays like tuples', () => {
      const q = new PriorityQueue<[number, string]>(undefined, [
        [3, 'c'],
        [1, 'z'],
        [2, 'b'],
        [1, 'a'],
      ]);
      expect([q.getNowait(), q.getNowait(), q.getNowait(), q.getNowait()]).toEqual([
        [1, 'a'],
        [1, 'z'],
        [2, 'b'],
        [3, 'c'],
      ]);
    });
  });

  describe('bad input', () => {
    it('rejects a negative timeout with RangeError', async () => {
      await expect(new SimpleQueue().get({ timeout: -1 })).rejects.toBeInstanceOf(RangeError);
    });
    it('rejects a Channel maxsize other than 1', () => {
      expect(() => new Channel(2)).toThrow(RangeError);
    });
  });
});
