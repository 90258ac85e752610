// imap/imapUnordered with { maxsize } checked against Python's gevent 22.10 (the same script run
// on both): each next() call gives back one permit before it waits, as gevent's __next__ does.
import { beforeEach, describe, expect, it } from 'vitest';
import { Pool } from './pool.js';
import { sleep } from '../hub/sleep.js';
import { spawn } from '../greenlet/spawn.js';
import { ExpectedError, freshHub, inMain } from '../test-support.js';

/** An iterable that yields 1 and 2, then fails: gevent's tests of an input error mid-iteration. */
function* twoThenTypeError(): Generator<number> {
  yield 1;
  yield 2;
  throw new TypeError('gen');
}

describe('imap maxsize as gevent 22.10 runs it', () => {
  let state: ReturnType<typeof freshHub>;
  beforeEach(() => {
    state = freshHub();
  });

  it('an error from the iterable is raised by map and reported by the hub (gevent: the map greenlet dies of it)', async () => {
    function* oneThenTypeError() {
      yield 1;
      throw new TypeError('gen');
    }
    await expect(new Pool(2).map((x: number) => x, oneThenTypeError())).rejects.toThrow(new TypeError('gen'));
    expect(state.reports.join('')).toMatch(/failed with TypeError/);
  });

  for (const method of ['imap', 'imapUnordered'] as const) {
    it(`${method}: the next() that waits has already freed a slot, so the following item starts before it returns`, async () => {
      const log: unknown[] = [];
      function* g(x: number) {
        log.push(['g', x]);
        yield* sleep(10 * (3 - x));
        return x;
      }
      await inMain(function* () {
        const it = new Pool(3)[method](g, [0, 1, 2], { maxsize: 1 });
        yield* sleep(50);
        log.push('slept');
        for (let r = yield* it.next(); r.done !== true; r = yield* it.next()) log.push(r.value);
      });
      // gevent 22.10 prints [('g', 0), 'slept', 0, ('g', 1), ('g', 2), 1, 2] (imap).
      expect(log).toEqual(method === 'imap' ? [['g', 0], 'slept', 0, ['g', 1], ['g', 2], 1, 2] : [['g', 0], 'slept', 0, ['g', 1], ['g', 2], 2, 1]);
    });
  }

  it("imapUnordered raises the iterable's error as soon as it happens, then still yields the items already started", async () => {
    function* f(x: number) {
      yield* sleep(10);
      return x;
    }
    const out: unknown[] = [];
    await inMain(function* () {
      for (const method of ['imap', 'imapUnordered'] as const) {
        const it = new Pool(3)[method](f, twoThenTypeError());
        for (let i = 0; i < 4; i++) {
          try {
            const r = yield* it.next();
            out.push(r.done === true ? 'done' : r.value);
          } catch (error) {
            out.push((error as Error).message);
          }
        }
      }
    });
    // gevent 22.10: imap [1, 2, E], imap_unordered [E, 1, 2] (a further next() waits forever there).
    expect(out).toEqual([1, 2, 'gen', 'done', 'gen', 1, 2, 'done']);
  });

  it('map spawns every item before it waits for any (gevent __map): a failed first item still lets the rest run', async () => {
    const log: unknown[] = [];
    function* f(x: number) {
      log.push(['f', x]);
      yield* sleep(10 * x);
      if (x === 0) throw new RangeError('zero');
      return x;
    }
    await inMain(function* () {
      for (const size of [1, 2, undefined]) {
        try {
          yield* new Pool(size).map(f, [0, 1, 2, 3]);
        } catch (error) {
          log.push((error as Error).message);
        }
        yield* sleep(100);
      }
    });
    const once = [['f', 0], ['f', 1], ['f', 2], ['f', 3], 'zero'];
    expect(log).toEqual([...once, ...once, ...once]);
  });

  it("map raises the iterable's error at once, before the items already started finish", async () => {
    const log: unknown[] = [];
    function* f(x: number) {
      yield* sleep(10);
      log.push(['f', x]);
      if (x === 1) throw new RangeError('one');
      return x;
    }
    await inMain(function* () {
      try {
        yield* new Pool(3).map(f, twoThenTypeError());
      } catch (error) {
        log.push((error as Error).message);
      }
      yield* sleep(50);
    });
    // gevent 22.10: ['KeyError', ('f', 1), ('f', 2)]
    expect(log).toEqual(['gen', ['f', 1], ['f', 2]]);
  });

  it("a member's end wakes join() before a spawn waiting for its slot (gevent: the empty event is set, then the semaphore released)", async () => {
    const pool = new Pool(1);
    const log: unknown[] = [];
    await inMain(function* () {
      yield* pool.spawn(() => sleep(0));
      spawn(function* () {
        yield* pool.spawn(() => {
          log.push('new ran');
        });
        log.push('spawned');
      });
      spawn(function* () {
        log.push(['join', yield* pool.join(), pool.freeCount(), pool.size]);
      });
      for (let i = 0; i < 5; i++) yield* sleep(0);
    });
    // gevent 22.10: [('join', True, 1, 0), 'spawned', 'new ran']
    expect(log).toEqual([['join', true, 1, 0], 'spawned', 'new ran']);
  });

  it('the end of the inputs wakes no consumer while items are still running: the last result brings the end (gevent _on_finish)', async () => {
    // Shrunk from a differential fuzz against gevent 22.10, which prints this order.
    const pool = new Pool(2);
    const log: unknown[] = [];
    function* task(n: number, k: number, fail = false) {
      log.push(['t', n]);
      for (let i = 0; i < k; i++) yield* sleep(0);
      if (fail) throw new ExpectedError(String(n));
      log.push(['t end', n]);
      return n;
    }
    const run = ([n, k]: [number, number]) => task(n, k);
    await inMain(function* () {
      spawn(function* () {
        const it = pool.imapUnordered(run, [[1, 0], [2, 0], [3, 1]] as [number, number][]);
        for (let r = yield* it.next(); r.done !== true; r = yield* it.next()) log.push([0, 'imapu', r.value]);
      });
      spawn(function* () {
        pool.applyAsync(task, [13, 1]);
        log.push([1, 'apply', yield* pool.apply(task, [14, 2])]);
        log.push([1, 'apply', yield* pool.apply(task, [15, 1])]);
        try {
          yield* pool.apply(task, [16, 0, true]);
        } catch {
          log.push([1, 'E', 16]);
        }
      });
      spawn(function* () {
        const it = pool.imap(run, [[20, 2]] as [number, number][]);
        for (let r = yield* it.next(); r.done !== true; r = yield* it.next()) log.push([2, 'imap', r.value]);
        yield* pool.spawn(task, 21, 2);
        log.push([2, 'spawned', 21]);
      });
      for (let i = 0; i < 30; i++) yield* sleep(0);
    });
    const at = log.findIndex((e) => JSON.stringify(e) === JSON.stringify([2, 'imap', 20]));
    expect(log.slice(at, at + 5)).toEqual([[2, 'imap', 20], ['t', 3], [2, 'spawned', 21], [0, 'imapu', 2], ['t end', 3]]);
  });
});
