// gevent 22.10 src/gevent/tests/test__pool.py, every test, on the virtual clock (durations in ms).
// TestPool's cases run for each subclass size, as in gevent: TestPool (1), TestPool2, TestPool3,
// TestPool10, TestPoolUnlimit. `dont_test_timer_cancel` is not a test (unittest skips it).
import { describe, expect, it } from 'vitest';
import { beforeEach } from 'vitest';
import type { Instruction } from '@coro/core';
import { kw } from '@coro/greenlet';
import { type BlockingIterator, Event, getHub, Greenlet, Pool, PoolFull, Queue, sleep, spawn, spawnLater, StopIteration, Timeout } from '../../src/index.js';
import { ExpectedException as ExpectedError, genericWaitTests, inMain, useFreshHub } from './support.js';

/** gevent's sqr(x, wait=0); called with keywords (kw) it receives them as its last argument. */
function* sqr(x: number | { x: number; wait?: number }, wait = 0): Generator<Instruction, number, unknown> {
  if (typeof x === 'object') ({ x, wait = 0 } = x);
  yield* sleep(wait);
  return x * x;
}
const squared = (x: number): number => x * x;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Drain a blocking iterator, collecting values; a failed item is recorded as its error. */
function* collect<T>(it: BlockingIterator<T>): Generator<Instruction, T[], unknown> {
  const out: T[] = [];
  for (let r = yield* it.next(); r.done !== true; r = yield* it.next()) out.push(r.value);
  return out;
}

describe('test__pool', () => {
  let seed = 1;
  const random = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const env = useFreshHub();
  beforeEach(() => {
    env.hub.exceptionStream = null;
  });

  describe('TestCoroutinePool', () => {
    it('test_apply_async', async () => {
      const done = new Event();
      const pool = new Pool(2);
      pool.applyAsync(() => done.set(), []);
      expect(await done.wait()).toBe(true);
    });

    it('test_apply', async () => {
      const pool = new Pool(2);
      expect(await pool.apply(() => 'return value')).toBe('return value');
    });

    it('test_apply_raises', async () => {
      const pool = new Pool(1);
      await expect(
        pool.apply(() => {
          throw new ExpectedError();
        }),
      ).rejects.toBeInstanceOf(ExpectedError);
    });

    it('test_multiple_coros', async () => {
      const evt = new Event();
      const results: string[] = [];
      const pool = new Pool(2);
      await inMain(function* () {
        const done = yield* pool.spawn(function* () {
          results.push('cons1');
          yield* evt.wait();
          results.push('cons2');
        });
        pool.applyAsync(function* () {
          yield* sleep(1);
          results.push('prod');
          evt.set();
        });
        yield* done.get();
      });
      expect(results).toEqual(['cons1', 'prod', 'cons2']);
    });

    it('test_reentrant', async () => {
      const pool = new Pool(1);
      expect(await pool.apply(() => pool.apply((a: number) => a + 1, [5]))).toBe(6);
      const evt = new Event();
      pool.applyAsync(() => evt.set());
      expect(await evt.wait()).toBe(true);
    });

    it('test_stderr_raising', async () => {
      const pool = new Pool(1);
      getHub().handleError = () => {
        throw new Error('Writing to the file failed');
      };
      await inMain(function* () {
        const waiter = yield* pool.spawn(() => {
          throw new Error('Raising an error from the crash() function');
        });
        using _t = Timeout.startNew(2000);
        try {
          yield* waiter.get();
        } catch (error) {
          expect(String(error)).toMatch(/crash\(\) function/);
        }
        yield* sleep(0);
        expect(pool.freeCount()).toBe(1);
        yield* pool.apply(() => sleep(0));
      });
      await pool.join();
    });
  });

  describe('PoolBasicTests', () => {
    it('test_execute_async', async () => {
      const p = new Pool(2);
      expect(p.freeCount()).toBe(2);
      const r: number[] = [];
      await inMain(function* () {
        const first = yield* p.spawn((x: number) => r.push(x), 1);
        expect(p.freeCount()).toBe(1);
        yield* first.get();
        expect(r).toEqual([1]);
        yield* sleep(0);
        expect(p.freeCount()).toBe(2);
        p.applyAsync((x: number) => r.push(x), [2]);
        expect(p.freeCount()).toBe(1);
        expect(r).toEqual([1]);
        p.applyAsync((x: number) => r.push(x), [3]);
        expect(p.freeCount()).toBe(0);
        expect(r).toEqual([1]);
        p.applyAsync((x: number) => r.push(x), [4]);
        expect(r).toEqual([1]);
        yield* sleep(10);
        expect(r.sort()).toEqual([1, 2, 3, 4]);
      });
    });

    it('test_discard', async () => {
      const p = new Pool(1);
      const first = await p.spawn(() => sleep(1000));
      p.discard(first);
      await first.kill();
      expect(first.started).toBe(false);
      expect(p.size).toBe(0);
      expect(p.semaphore.counter).toBe(1);
    });

    it('test_add_method', async () => {
      const p = new Pool(1);
      const first = spawn(() => sleep(1000));
      const second = spawn(() => sleep(1000));
      try {
        expect(p.freeCount()).toBe(1);
        expect(p.size).toBe(0);
        await p.add(first);
        expect(p.freeCount()).toBe(0);
        expect(p.size).toBe(1);
        await expect(
          inMain(function* () {
            using _t = Timeout.startNew(100);
            yield* p.add(second);
          }),
        ).rejects.toBeInstanceOf(Timeout);
        expect(p.freeCount()).toBe(0);
        expect(p.size).toBe(1);
      } finally {
        await second.kill();
        await first.kill();
      }
    });

    it('test_add_method_non_blocking', async () => {
      const p = new Pool(1);
      const first = spawn(() => sleep(1000));
      const second = spawn(() => sleep(1000));
      try {
        await p.add(first);
        await expect(p.add(second as Greenlet<unknown>, { blocking: false })).rejects.toBeInstanceOf(PoolFull);
      } finally {
        await second.kill();
        await first.kill();
      }
    });

    it('test_add_method_timeout', async () => {
      const p = new Pool(1);
      const first = spawn(() => sleep(1000));
      const second = spawn(() => sleep(1000));
      try {
        await p.add(first);
        await expect(p.add(second as Greenlet<unknown>, { timeout: 100 })).rejects.toBeInstanceOf(PoolFull);
      } finally {
        await second.kill();
        await first.kill();
      }
    });

    it('test_start_method_timeout', async () => {
      const p = new Pool(1);
      const first = spawn(() => sleep(1000));
      const second = new Greenlet(() => sleep(1000));
      try {
        await p.add(first);
        await expect(p.start(second, { timeout: 100 })).rejects.toBeInstanceOf(PoolFull);
      } finally {
        await second.kill();
        await first.kill();
      }
    });

    it('test_apply', async () => {
      const p = new Pool();
      expect(await p.apply((a: number) => ['foo', a], [1])).toEqual(['foo', 1]);
    });

    it('test_init_error', () => {
      expect(() => new Pool(-1)).toThrow(RangeError);
    });
  });

  for (const size of [1, 2, 3, 10, undefined]) {
    const name = size === undefined ? 'TestPoolUnlimit' : size === 1 ? 'TestPool' : `TestPool${size}`;
    describe(name, () => {
      let pool: Pool;
      beforeEach(() => {
        pool = new Pool(size);
      });

      it('test_apply', async () => {
        expect(await pool.apply(sqr, [5])).toBe(25);
        expect(await pool.apply(sqr, [], kw({ x: 3 }))).toBe(9);
      });

      it('test_map', async () => {
        expect(await pool.map((x: number) => sqr(x), range(10))).toEqual(range(10).map(squared));
        expect(await pool.map((x: number) => sqr(x), range(100))).toEqual(range(100).map(squared));
      });

      it('test_async', async () => {
        const { clock } = { clock: getHub().clock };
        const start = clock.now();
        const res = pool.applyAsync(sqr, [7, 82]);
        expect(await res.get()).toBe(49);
        expect(clock.now() - start).toBe(82);
      });

      it('test_async_callback', async () => {
        const result: number[] = [];
        const res = pool.applyAsync(sqr, [7, 82], (v) => result.push(v));
        expect(await res.get()).toBe(49);
        await sleep(0);
        expect(result).toEqual([49]);
      });

      it('test_async_timeout', async () => {
        const start = getHub().clock.now();
        const res = pool.applyAsync(sqr, [6, 235]);
        await expect(res.get({ timeout: 35 })).rejects.toBeInstanceOf(Timeout);
        expect(getHub().clock.now() - start).toBe(35);
        await pool.join();
      });

      it('test_imap_list_small', async () => {
        expect(await inMain(() => collect(pool.imap((x: number) => sqr(x), range(10))))).toEqual(range(10).map(squared));
      });

      it('test_imap_it_small', async () => {
        const it = pool.imap((x: number) => sqr(x), range(10));
        for (let i = 0; i < 10; i++) expect(await it.next()).toEqual({ done: false, value: i * i });
        expect(await it.next()).toEqual({ done: true, value: undefined });
      });

      it('test_imap_it_large', async () => {
        const it = pool.imap((x: number) => sqr(x), range(1000));
        const got = await inMain(() => collect(it));
        expect(got).toEqual(range(1000).map(squared));
      });

      it('test_imap_random', async () => {
        const it = pool.imap((x: number) => sqr(x, random() * 100), range(10));
        expect(await inMain(() => collect(it))).toEqual(range(10).map(squared));
      });

      it('test_imap_unordered', async () => {
        for (let k = 0; k < 2; k++) {
          const got = await inMain(() => collect(pool.imapUnordered((x: number) => sqr(x), range(1000))));
          expect(got.sort((a, b) => a - b)).toEqual(range(1000).map(squared));
        }
      });

      it('test_imap_unordered_random', async () => {
        const got = await inMain(() => collect(pool.imapUnordered((x: number) => sqr(x, random() * 100), range(10))));
        expect(got.sort((a, b) => a - b)).toEqual(range(10).map(squared));
      });

      it('test_empty_imap_unordered', async () => {
        expect(await inMain(() => collect(pool.imapUnordered((x: number) => sqr(x), [])))).toEqual([]);
      });

      it('test_empty_imap', async () => {
        expect(await inMain(() => collect(pool.imap((x: number) => sqr(x), [])))).toEqual([]);
      });

      it('test_empty_map', async () => {
        expect(await pool.map((x: number) => sqr(x), [])).toEqual([]);
      });

      it('test_terminate', async () => {
        await inMain(function* () {
          const result = pool.mapAsync((ms: number) => sleep(ms), Array.from({ length: (size ?? 10) * 2 }, () => 100));
          yield* sleep(100);
          const start = getHub().clock.now();
          yield* pool.kill();
          expect(getHub().clock.now() - start).toBeLessThanOrEqual(500);
          yield* result.join();
        });
      });

      it('test_imap_unordered_sleep', async () => {
        const slow = function* (x: number) {
          yield* sleep(x * 10);
          return String(x);
        };
        const result = await inMain(() => collect(pool.imapUnordered(slow, [10, 1, 2])));
        expect(result).toEqual(size === 1 ? ['10', '1', '2'] : ['1', '2', '10']);
      });

      it('test_imap_no_stop', async () => {
        const q = new Queue<number>();
        q.putNowait(123);
        spawnLater(100, () => q.putNowait(StopIteration));
        expect(await inMain(() => collect(pool.imap((x: number) => x, q.iterate())))).toEqual([123]);
      });

      it('test_imap_unordered_no_stop', async () => {
        const q = new Queue<number>();
        q.putNowait(1234);
        spawnLater(100, () => q.putNowait(StopIteration));
        expect(await inMain(() => collect(pool.imapUnordered((x: number) => x, q.iterate())))).toEqual([1234]);
      });

      /** The inputs 0, 1, 2, then a sleep before the end (gevent's final_sleep generator). */
      function finalSleep(): BlockingIterator<number> {
        let i = 0;
        const step = function* (): Generator<Instruction, IteratorResult<number, undefined>, unknown> {
          if (i < 3) return { done: false, value: i++ };
          yield* sleep(200);
          return { done: true, value: undefined };
        };
        // Used only with yield* inside the pool's feeder, so an Operation is all `next` needs to be.
        const next = () => ({ [Symbol.iterator]: step }) as unknown as ReturnType<BlockingIterator<number>['next']>;
        return { next, [Symbol.asyncIterator]: () => ({ next: async () => await next() }), [Symbol.dispose]: () => undefined };
      }

      it('test_imap_final_sleep', async () => {
        expect(await inMain(() => collect(pool.imap((x: number) => sqr(x), finalSleep())))).toEqual([0, 1, 4]);
      });

      it('test_imap_unordered_final_sleep', async () => {
        expect(await inMain(() => collect(pool.imapUnordered((x: number) => sqr(x), finalSleep())))).toEqual([0, 1, 4]);
      });

      it('test_imap_unordered_bounded_queue', async () => {
        const iterable = range(100);
        for (const method of ['imapUnordered', 'imap'] as const) {
          let running = 0;
          const mapping = pool[method]((i: number) => {
            running++;
            return i;
          }, iterable, { maxsize: 1 });
          const result = await inMain(function* () {
            const out: number[] = [];
            for (let r = yield* mapping.next(), i = 0; r.done !== true; r = yield* mapping.next(), i++) {
              expect(running).toBeLessThanOrEqual(i + 2);
              out.push(r.value);
              yield* sleep(10);
              expect(mapping.buffered).toBeLessThanOrEqual(2);
            }
            return out;
          });
          expect(result.sort((a, b) => a - b)).toEqual(iterable);
        }
      });
    });
  }

  describe('TestPool0', () => {
    it('test_wait_full', async () => {
      const p = new Pool(0);
      expect(p.freeCount()).toBe(0);
      expect(p.full()).toBe(true);
      expect(await p.waitAvailable(10)).toBe(0);
    });
  });

  describe('TestJoinSleep', () => {
    genericWaitTests(function* (timeout) {
      const p = new Pool();
      const g = yield* p.spawn(() => sleep(10_000));
      try {
        yield* p.join({ timeout });
      } finally {
        yield* g.kill();
      }
    });
  });

  describe('TestJoinSleep_raise_error', () => {
    genericWaitTests(function* (timeout) {
      const p = new Pool();
      const g = yield* p.spawn(() => sleep(10_000));
      try {
        yield* p.join({ timeout, raiseError: true });
      } finally {
        yield* g.kill();
      }
    });
  });

  describe('TestJoinEmpty', () => {
    it('test', async () => {
      expect(await new Pool().join()).toBe(true);
    });
  });

  describe('TestSpawn', () => {
    it('test', async () => {
      const p = new Pool(1);
      await inMain(function* () {
        expect(p.size).toBe(0);
        yield* p.spawn(() => sleep(100));
        expect(p.size).toBe(1);
        const start = getHub().clock.now();
        yield* p.spawn(() => sleep(100)); // blocks until the first one finishes
        expect(getHub().clock.now() - start).toBe(100);
        expect(p.size).toBe(1);
        yield* sleep(190);
        expect(p.size).toBe(0);
      });
    });

    it('testSpawnAndWait', async () => {
      const p = new Pool(1);
      await p.spawn(() => sleep(100));
      expect(p.size).toBe(1);
      expect(await p.join({ timeout: 10 })).toBe(false);
      expect(await p.join()).toBe(true);
      expect(p.size).toBe(0);
    });
  });

  function* errorIter(): Generator<number, void, unknown> {
    yield 1;
    yield 2;
    throw new ExpectedError();
  }

  describe('TestErrorInIterator', () => {
    it('test', async () => {
      const p = new Pool(3);
      await expect(p.map(() => undefined, errorIter())).rejects.toBeInstanceOf(ExpectedError);
      await sleep(1);
    });

    it('test_unordered', async () => {
      const p = new Pool(3);
      await expect(inMain(() => collect(p.imapUnordered(() => undefined, errorIter())))).rejects.toBeInstanceOf(ExpectedError);
      await sleep(1);
    });
  });

  describe('TestErrorInHandler', () => {
    const divideBy = (x: number): number => {
      if (x === 0) throw new RangeError('division by zero');
      return 1 / x;
    };

    it('test_map', async () => {
      const p = new Pool(3);
      await expect(p.map(divideBy, [1, 0, 2])).rejects.toBeInstanceOf(RangeError);
    });

    for (const method of ['imap', 'imapUnordered'] as const) {
      it(method === 'imap' ? 'test_imap' : 'test_imap_unordered', async () => {
        const p = new Pool(1);
        const it = p[method](divideBy, [1, 0, 2]);
        expect(await it.next()).toEqual({ done: false, value: 1 });
        await expect(it.next()).rejects.toBeInstanceOf(RangeError);
        expect(await it.next()).toEqual({ done: false, value: 0.5 });
        expect(await it.next()).toEqual({ done: true, value: undefined });
      });
    }
  });
});
