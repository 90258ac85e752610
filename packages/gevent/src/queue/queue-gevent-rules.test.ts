// Queue behaviour checked line by line against Python's gevent 22.10 (scripts run on both).
import { beforeEach, describe, expect, it } from 'vitest';
import { Channel } from './channel.js';
import { PriorityQueue, Queue } from './queue.js';
import { SimpleQueue } from './simple-queue.js';
import { sleep } from '../hub/sleep.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub, inMain } from '../test-support.js';

describe('queues as gevent 22.10 runs them', () => {
  beforeEach(() => {
    freshHub();
  });

  it('raising maxsize does not wake a waiting putter; the next get does', async () => {
    const q = new SimpleQueue<number>(1, [1]);
    const log: string[] = [];
    await inMain(function* () {
      spawn(function* () {
        yield* q.put(2);
        log.push('put 2');
      });
      yield* sleep(0);
      q.maxsize = 3;
      yield* sleep(0);
      yield* sleep(10);
      expect([q.qsize(), log]).toEqual([1, []]);
      expect(yield* q.get()).toBe(1);
      yield* sleep(0);
      expect([q.qsize(), log]).toEqual([1, ['put 2']]);
    });
  });

  it("PriorityQueue breaks ties as Python's heapq does (heapify the items, heappush, heappop)", () => {
    type Item = { p: number; n: unknown };
    const q = new PriorityQueue<Item>(undefined, [3, 1, 2, 1, 3, 2, 1, 2, 3, 1].map((p, n) => ({ p, n })), (a, b) => a.p - b.p);
    [2, 1, 3, 1, 2].forEach((p, n) => q.putNowait({ p, n: `x${n}` }));
    const out: unknown[] = [];
    while (q.qsize() > 0) {
      out.push(q.getNowait().n);
      if (out.length === 4) {
        q.putNowait({ p: 1, n: 'late' });
        q.putNowait({ p: 2, n: 'late2' });
      }
    }
    // Printed by gevent 22.10 for the same items (objects ordered by p only).
    expect(out).toEqual([6, 'x1', 'x3', 9, 1, 'late', 3, 'x4', 2, 'x0', 'late2', 7, 5, 0, 'x2', 8, 4]);
    expect(q.unfinishedTasks).toBe(17);
  });

  it('Queue (JoinableQueue) takes unfinishedTasks as its third argument; 0 or undefined counts the items', async () => {
    const q = new Queue<number>(undefined, [1, 2], 5);
    expect(q.unfinishedTasks).toBe(5);
    expect(await q.join(10)).toBe(false);
    expect(new Queue<number>(undefined, [1, 2], 0).unfinishedTasks).toBe(2);
    const none = new Queue<number>(undefined, [], 0);
    expect(none.unfinishedTasks).toBe(0);
    expect(await none.join(0)).toBe(true);
  });

  it('peek does not schedule the unlock pass (gevent: peeking makes no room)', async () => {
    const q = new SimpleQueue<number>(1, [1]);
    const log: string[] = [];
    await inMain(function* () {
      spawn(function* () {
        yield* q.put(2);
        log.push('put');
      });
      yield* sleep(0);
      expect([q.peekNowait(), yield* q.peek()]).toEqual([1, 1]);
      q.maxsize = 2;
      yield* sleep(0);
      yield* sleep(0);
      expect([q.qsize(), log]).toEqual([1, []]);
    });
  });

  it('a Channel handoff pass that is running does not queue another one (found by a differential fuzz)', async () => {
    // gevent's _schedule_unlock sees its running callback as still pending, so a get() made by a
    // greenlet resumed inside the pass queues nothing; the next pass is queued by a later put.
    const c = new Channel<number>();
    const log: unknown[] = [];
    const sleep0 = (who: number) =>
      function* () {
        yield* sleep(0);
        log.push([who, 'slept']);
      };
    await inMain(function* () {
      spawn(sleep0(0));
      spawn(function* () {
        yield* sleep0(1)();
        yield* sleep0(1)();
        yield* c.put(4);
        log.push([1, 'put', 4]);
      });
      spawn(function* () {
        yield* c.put(5);
        log.push([2, 'put', 5]);
        log.push([2, 'get', yield* c.get()]);
        yield* sleep0(2)();
      });
      spawn(function* () {
        log.push([3, 'get', yield* c.get()]);
        yield* c.put(11);
        log.push([3, 'put', 11]);
        log.push([3, 'get', yield* c.get()]);
      });
      for (let i = 0; i < 6; i++) yield* sleep(0);
    });
    // Printed by gevent 22.10 for the same program.
    expect(log).toEqual([[0, 'slept'], [1, 'slept'], [3, 'get', 5], [2, 'put', 5], [2, 'get', 11], [3, 'put', 11], [1, 'slept'], [2, 'slept'], [3, 'get', 4], [1, 'put', 4]]);
  });
});
