// Seeded property tests for the pool's mapping calls: whatever the pool size, the durations and
// the consumer's pace, imap keeps input order, imapUnordered yields completion order, map/mapAsync
// equal the plain map, and with { maxsize } the results buffered ahead of the consumer stay
// bounded (gevent's test_imap_unordered_bounded_queue: len(imap.queue) <= maxsize + 1).
import type { Instruction } from '@coro/core';
import { describe, expect, it } from 'vitest';
import { Pool, sleep } from '../src/index.js';
import { inMain, useFreshHub } from './ported/support.js';

/** Park–Miller, so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const SEEDS = Array.from({ length: 25 }, (_, i) => 1 + i * 7919);

describe('imap properties (seeded)', () => {
  const env = useFreshHub();

  it.each(SEEDS)('seed %i: order, completion order, map equality and the maxsize bound', async (seed) => {
    const random = prng(seed);
    const n = 1 + Math.floor(random() * 30);
    const size = random() < 0.2 ? undefined : 1 + Math.floor(random() * 5);
    const maxsize = random() < 0.3 ? undefined : 1 + Math.floor(random() * 3);
    const delays = Array.from({ length: n }, () => Math.floor(random() * 50));
    const consumerPace = Math.floor(random() * 20);
    const inputs = delays.map((_, i) => i);
    const work = function* (i: number): Generator<Instruction, number, unknown> {
      yield* sleep(delays[i]!);
      return i * 10;
    };
    const pool = new Pool(size);
    const options = maxsize === undefined ? {} : { maxsize };

    const result = await inMain(function* () {
      const ordered: number[] = [];
      let maxBuffered = 0;
      const it = pool.imap(work, inputs, options);
      for (let r = yield* it.next(); r.done !== true; r = yield* it.next()) {
        ordered.push(r.value);
        yield* sleep(consumerPace);
        maxBuffered = Math.max(maxBuffered, it.buffered);
      }
      const completion: number[] = [];
      const finishedAt: number[] = [];
      const un = pool.imapUnordered(work, inputs, options);
      for (let r = yield* un.next(); r.done !== true; r = yield* un.next()) {
        completion.push(r.value);
        finishedAt.push(env.clock.now());
        maxBuffered = Math.max(maxBuffered, un.buffered);
      }
      const mapped = yield* pool.map(work, inputs);
      const mappedAsync = yield* pool.mapAsync(work, inputs).get();
      return { ordered, completion, finishedAt, mapped, mappedAsync, maxBuffered };
    });

    const expected = inputs.map((i) => i * 10);
    expect(result.ordered).toEqual(expected);
    expect([...result.completion].sort((a, b) => a - b)).toEqual(expected);
    expect(result.finishedAt).toEqual([...result.finishedAt].sort((a, b) => a - b));
    expect(result.mapped).toEqual(expected);
    expect(result.mappedAsync).toEqual(expected);
    if (maxsize !== undefined) expect(result.maxBuffered).toBeLessThanOrEqual(maxsize + 1);
    expect(pool.size).toBe(0);
  });

  it('buffered counts the finished results not taken yet, failures included', async () => {
    const pool = new Pool(3);
    await inMain(function* () {
      const it = pool.imap((x: number) => {
        if (x === 1) throw new RangeError('one');
        return x;
      }, [0, 1, 2]);
      expect(it.buffered).toBe(0);
      yield* sleep(1);
      expect(it.buffered).toBe(3);
      expect(yield* it.next()).toEqual({ done: false, value: 0 });
      expect(it.buffered).toBe(2);
      let error: unknown;
      try {
        yield* it.next();
      } catch (e) {
        error = e;
      }
      expect(error).toEqual(new RangeError('one'));
      expect(it.buffered).toBe(1);
      expect(yield* it.next()).toEqual({ done: false, value: 2 });
      expect(it.buffered).toBe(0);
    });
  });
});
