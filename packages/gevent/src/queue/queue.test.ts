import { beforeEach, describe, expect, it } from 'vitest';
import { AsyncResult } from '../sync/async-result.js';
import { Channel } from './channel.js';
import { getHub } from '../hub/current.js';
import { LoopExit } from '../errors.js';
import { joinAll } from '../greenlet/join-all.js';
import { LifoQueue, PriorityQueue, Queue } from './queue.js';
import { Empty, Full, ShutDown, StopIteration } from './queue-errors.js';
import { SimpleQueue } from './simple-queue.js';
import { sleep } from '../hub/sleep.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub, genericGetTests, inMain } from '../test-support.js';
import { Timeout } from '../timeout.js';

// gevent/src/gevent/tests/test__queue.py, on the virtual clock.

type AnyQueue = SimpleQueue<unknown> | Channel<unknown>;
type Kind = new (maxsize?: number) => AnyQueue;

/** A sync call that may raise, as `util.wrap_errors` does: the error becomes the result. */
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

function usesOnlyOneItemTests(kind: Kind, supportsPuttingWithoutGetting: boolean): void {
  const putNowait = (q: AnyQueue, item: unknown): unknown => q.putNowait(item);

  it('test_put_nowait_simple', async () => {
    const result: unknown[] = [];
    const q = new kind(1);
    const hub = getHub();
    hub.runCallback(() => result.push(wrapErrors(Full, () => putNowait(q, 2))()));
    hub.runCallback(() => result.push(wrapErrors(Full, () => putNowait(q, 3))()));
    await sleep(0);
    expect(result).toHaveLength(2);
    if (supportsPuttingWithoutGetting) expect(result[0]).toBeUndefined();
    else expect(result[0]).toBeInstanceOf(Full);
    expect(result[1]).toBeInstanceOf(Full);
  });

  it('test_put_nowait_unlock', async () => {
    const result: unknown[] = [];
    const q = new kind();
    const p = spawn(() => q.get());
    expect(q.empty()).toBe(true);
    expect(q.full()).toBe(!supportsPuttingWithoutGetting);
    await sleep(1);
    expect(q.empty()).toBe(true);
    expect(q.full()).toBe(!supportsPuttingWithoutGetting);
    getHub().runCallback(() => result.push(putNowait(q, 10)));
    expect(p.ready()).toBe(false);
    await sleep(1);
    expect(result).toEqual([undefined]);
    expect(p.ready()).toBe(true);
    expect(q.full()).toBe(!supportsPuttingWithoutGetting);
    expect(q.empty()).toBe(true);
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
}

function simpleQueueTests(kind: new (maxsize?: number) => SimpleQueue<unknown>): void {
  usesOnlyOneItemTests(kind, true);

  it('test_get_nowait_simple', async () => {
    const result: unknown[] = [];
    const q = new kind(1);
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
    const q = new kind(1);
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
}

describe('test__queue', () => {
  beforeEach(() => {
    freshHub();
  });

  describe('TestSimpleQueue', () => {
    simpleQueueTests(SimpleQueue);
  });

  describe('TestChannel', () => {
    usesOnlyOneItemTests(Channel, false);

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

  describe('TestQueue', () => {
    simpleQueueTests(Queue);

    it('test_task_done', async () => {
      const channel = new Queue<object>();
      const X = {};
      spawn(() => channel.put(X));
      expect(await channel.get()).toBe(X);
      expect(channel.unfinishedTasks).toBe(1);
      channel.taskDone();
      expect(channel.unfinishedTasks).toBe(0);
    });

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

    it('test_issue_45', async () => {
      const q = new Queue();
      expect(await q.join()).toBe(true);
    });

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

  describe('bad input', () => {
    it('rejects a negative timeout with RangeError', async () => {
      await expect(new SimpleQueue().get({ timeout: -1 })).rejects.toBeInstanceOf(RangeError);
    });
    it('rejects a Channel maxsize other than 1', () => {
      expect(() => new Channel(2)).toThrow(RangeError);
    });
  });
});
