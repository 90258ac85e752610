// gevent 22.10 src/gevent/tests/test__queue.py, every test, on the virtual clock. gevent 22.10's
// `queue.Queue` (no task_done) is this package's SimpleQueue; its `JoinableQueue` is Queue
// (gevent 25.4 made the same rename). Not applicable (README table): TestGetInterruptSimpleQueue
// (2 tests run: gevent re-exports the standard library's thread-safe queue.SimpleQueue there).
import { describe, expect, it } from 'vitest';
import { AsyncResult, Channel, Empty, Full, getHub, joinAll, LifoQueue, LoopExit, PriorityQueue, Queue, SimpleQueue, sleep, spawn, StopIteration, Timeout } from '../../src/index.js';
import { genericGetTests, inMain, useFreshHub } from './support.js';

/** util.wrap_errors: a sync call whose error of `errorClass` becomes its result. */
function wrapErrors(errorClass: new (...a: any[]) => Error, fn: () => unknown): () => unknown {
  return () => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof errorClass) return error;
      throw error;
    }
  };
}

describe('test__queue', () => {
  useFreshHub();

  describe('TestQueue', () => {
    const kind = SimpleQueue;
    it('test_send_first', async () => {
      const q = new kind();
      q.putNowait('hi');
      expect(await q.peek()).toBe('hi');
      expect(await q.get()).toBe('hi');
    });

    it('test_peek_empty', async () => {
      const q = new kind();
      await expect(q.peek()).rejects.toBeInstanceOf(LoopExit);
      const g = spawn(function* () {
        try {
          yield* q.peek({ timeout: 10 });
        } catch (error) {
          return error;
        }
      });
      await sleep(100);
      await g.join();
      expect(g.value).toBeInstanceOf(Empty);
    });

    it('test_peek_multi_greenlet', async () => {
      const q = new kind();
      const g = spawn(() => q.peek());
      g.start();
      await sleep(0);
      q.putNowait(1);
      await g.join();
      expect(g.exception).toBeUndefined();
      expect(q.peekNowait()).toBe(1);
    });

    it('test_send_last', async () => {
      const q = new kind();
      const p = spawn(function* () {
        using _t = Timeout.startNew(100);
        expect(yield* q.get()).toBe('hi2');
        return 'OK';
      });
      await inMain(function* () {
        yield* sleep(10);
        yield* q.put('hi2');
        yield* sleep(10);
        expect(yield* p.get({ timeout: 0 })).toBe('OK');
      });
    });

    it('test_max_size', async () => {
      const q = new kind(2);
      const results: string[] = [];
      const p = spawn(function* () {
        for (const item of ['a', 'b', 'c']) {
          yield* q.put(item);
          results.push(item);
        }
        return 'OK';
      });
      await inMain(function* () {
        yield* sleep(0);
        expect(results).toEqual(['a', 'b']);
        expect(yield* q.get()).toBe('a');
        yield* sleep(0);
        expect(results).toEqual(['a', 'b', 'c']);
        expect(yield* q.get()).toBe('b');
        expect(yield* q.get()).toBe('c');
        expect(yield* p.get({ timeout: 0 })).toBe('OK');
      });
    });

    it('test_zero_max_size', async () => {
      const q = new Channel<string>();
      const [e1, e2] = [new AsyncResult(), new AsyncResult()];
      const p1 = spawn(function* () {
        yield* q.put('hi');
        e1.set('done');
      });
      await inMain(function* () {
        yield* sleep(1);
        expect(e1.ready()).toBe(false);
        const p2 = spawn(function* () {
          e2.set(yield* q.get());
        });
        expect(yield* e2.get()).toBe('hi');
        expect(yield* e1.get()).toBe('done');
        using _t = Timeout.startNew(0);
        yield* joinAll([p1, p2]);
      });
    });

    it('test_multiple_waiters', async () => {
      const q = new kind();
      const sendings = ['1', '2', '3', '4'];
      const evts = sendings.map(() => new AsyncResult());
      for (const evt of evts) spawn(function* () {
        evt.set(yield* q.get());
      });
      await inMain(function* () {
        yield* sleep(10);
        const results = new Set<unknown>();
        function* collectPendingResults() {
          for (const e of evts) {
            const t = Timeout.startNew(1, false);
            try {
              results.add(yield* e.get());
            } catch (error) {
              if (error !== t) throw error;
            } finally {
              t.close();
            }
          }
          return results.size;
        }
        yield* q.put(sendings[0]);
        expect(yield* collectPendingResults()).toBe(1);
        yield* q.put(sendings[1]);
        expect(yield* collectPendingResults()).toBe(2);
        yield* q.put(sendings[2]);
        yield* q.put(sendings[3]);
        expect(yield* collectPendingResults()).toBe(4);
      });
    });

    function* doReceive(q: SimpleQueue<unknown>, evt: AsyncResult) {
      using _t = Timeout.startNew(0, new RangeError('timed out'));
      try {
        evt.set(yield* q.get());
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        evt.set('timed out');
      }
    }

    it('test_waiters_that_cancel', async () => {
      const q = new kind();
      const evt = new AsyncResult();
      spawn(doReceive, q, evt);
      expect(await evt.get()).toBe('timed out');
      q.putNowait('hi');
      expect(await q.get()).toBe('hi');
    });

    it('test_senders_that_die', async () => {
      const q = new kind();
      spawn(() => q.put('sent'));
      expect(await q.get()).toBe('sent');
    });

    it('test_two_waiters_one_dies', async () => {
      const q = new kind();
      const dyingEvt = new AsyncResult();
      const waitingEvt = new AsyncResult();
      spawn(doReceive, q, dyingEvt);
      spawn(function* () {
        waitingEvt.set(yield* q.get());
      });
      await sleep(100);
      q.putNowait('hi');
      expect(await dyingEvt.get()).toBe('timed out');
      expect(await waitingEvt.get()).toBe('hi');
    });

    it('test_two_bogus_waiters', async () => {
      const q = new kind();
      const [e1, e2] = [new AsyncResult(), new AsyncResult()];
      spawn(doReceive, q, e1);
      spawn(doReceive, q, e2);
      await sleep(100);
      q.putNowait('sent');
      expect(await e1.get()).toBe('timed out');
      expect(await e2.get()).toBe('timed out');
      expect(await q.get()).toBe('sent');
    });

  });

  describe('TestChannel', () => {
    it('test_send', async () => {
      const channel = new Channel<string>();
      const events: string[] = [];
      await inMain(function* () {
        const g = spawn(function* () {
          events.push(yield* channel.get());
          events.push(yield* channel.get());
        });
        events.push('sending');
        yield* channel.put('hello');
        events.push('sent hello');
        yield* channel.put('world');
        events.push('sent world');
        expect(events).toEqual(['sending', 'hello', 'sent hello', 'world', 'sent world']);
        yield* g.get();
      });
    });

    it('test_wait', async () => {
      const channel = new Channel<string>();
      const events: string[] = [];
      await inMain(function* () {
        const g = spawn(function* () {
          events.push('sending hello');
          yield* channel.put('hello');
          events.push('sending world');
          yield* channel.put('world');
          events.push('sent world');
        });
        events.push('waiting');
        events.push(yield* channel.get());
        events.push(yield* channel.get());
        expect(events).toEqual(['waiting', 'sending hello', 'hello', 'sending world', 'world']);
        yield* sleep(0);
        expect(events).toEqual(['waiting', 'sending hello', 'hello', 'sending world', 'world', 'sent world']);
        yield* g.get();
      });
    });

    it('test_iterable', async () => {
      const channel = new Channel<unknown>();
      spawn(() => channel.put(StopIteration));
      const r: unknown[] = [];
      for await (const item of channel) r.push(item);
      expect(r).toEqual([]);
    });

  });

  describe('TestJoinableQueue', () => {
    it('test_task_done', async () => {
      const channel = new Queue<object>();
      const X = {};
      spawn(() => channel.put(X));
      expect(await channel.get()).toBe(X);
      expect(channel.unfinishedTasks).toBe(1);
      channel.taskDone();
      expect(channel.unfinishedTasks).toBe(0);
    });

  });

  describe('TestNoWait', () => {
    it('test_put_nowait_simple', async () => {
      const result: unknown[] = [];
      const q = new SimpleQueue(1);
      const hub = getHub();
      hub.runCallback(() => result.push(wrapErrors(Full, () => q.putNowait(2))()));
      hub.runCallback(() => result.push(wrapErrors(Full, () => q.putNowait(3))()));
      await sleep(0);
      expect(result).toHaveLength(2);
      expect(result[0]).toBeUndefined();
      expect(result[1]).toBeInstanceOf(Full);
    });

    it('test_get_nowait_simple', async () => {
      const result: unknown[] = [];
      const q = new SimpleQueue(1);
      q.putNowait(4);
      getHub().runCallback(() => result.push(wrapErrors(Empty, () => q.getNowait())()));
      getHub().runCallback(() => result.push(wrapErrors(Empty, () => q.getNowait())()));
      await sleep(0);
      expect(result).toHaveLength(2);
      expect(result[0]).toBe(4);
      expect(result[1]).toBeInstanceOf(Empty);
    });

    it('test_get_nowait_unlock', async () => {
      const result: unknown[] = [];
      const q = new SimpleQueue(1);
      const p = spawn(() => q.put(5));
      expect(q.empty()).toBe(true);
      await sleep(0);
      expect(q.full()).toBe(true);
      getHub().runCallback(() => result.push(q.getNowait()));
      await sleep(0);
      expect(q.empty()).toBe(true);
      expect(result).toEqual([5]);
      expect(p.ready()).toBe(true);
      expect(p.dead).toBe(true);
      expect(q.empty()).toBe(true);
    });

    it('test_get_nowait_unlock_channel', async () => {
      const result: unknown[] = [];
      const q = new Channel<number>();
      const p = spawn(() => q.put(5));
      expect(q.empty()).toBe(true);
      expect(q.full()).toBe(true);
      await sleep(1);
      getHub().runCallback(() => result.push(q.getNowait()));
      await sleep(1);
      expect(q.empty()).toBe(true);
      expect(q.full()).toBe(true);
      expect(result).toEqual([5]);
      expect(p.ready()).toBe(true);
      expect(p.dead).toBe(true);
    });

    it('test_put_nowait_unlock', async () => {
      const result: unknown[] = [];
      const q = new SimpleQueue();
      const p = spawn(() => q.get());
      expect(q.empty()).toBe(true);
      expect(q.full()).toBe(false);
      await sleep(1);
      expect(q.empty()).toBe(true);
      expect(q.full()).toBe(false);
      getHub().runCallback(() => result.push(q.putNowait(10)));
      expect(p.ready()).toBe(false);
      await sleep(1);
      expect(result).toEqual([undefined]);
      expect(p.ready()).toBe(true);
      expect(q.full()).toBe(false);
      expect(q.empty()).toBe(true);
    });
  });

  describe('TestJoinEmpty', () => {
    it('test_issue_45', async () => {
      // join() returns at once when nothing was ever put.
      const q = new Queue();
      expect(await q.join()).toBe(true);
    });
  });

  type AnyQueue = SimpleQueue<unknown> | Channel<unknown>;
  const getKinds: [string, new () => AnyQueue][] = [
    ['TestGetInterrupt', SimpleQueue],
    ['TestGetInterruptJoinableQueue', Queue],
    ['TestGetInterruptLifoQueue', LifoQueue],
    ['TestGetInterruptPriorityQueue', PriorityQueue],
    ['TestGetInterruptChannel', Channel],
  ];
  for (const [name, kind] of getKinds) {
    describe(name, () => {
      genericGetTests(function* (timeout) {
        return yield* new kind().get({ timeout });
      }, Empty);
      it('test_weak_reference', () => {
        const one = new kind();
        expect(new WeakRef(one).deref()).toBe(one);
      });
    });
  }

  const putKinds: [string, () => AnyQueue][] = [
    ['TestPutInterrupt', () => new SimpleQueue(1)],
    ['TestPutInterruptJoinableQueue', () => new Queue(1)],
    ['TestPutInterruptLifoQueue', () => new LifoQueue(1)],
    ['TestPutInterruptPriorityQueue', () => new PriorityQueue(1)],
    ['TestPutInterruptChannel', () => new Channel()],
  ];
  for (const [name, make] of putKinds) {
    describe(name, () => {
      genericGetTests(function* (timeout) {
        const q = make();
        while (!q.full()) yield* q.put(1);
        return yield* q.put(2, { timeout });
      }, Full);
    });
  }
});
