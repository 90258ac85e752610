import { beforeEach, describe, expect, it } from 'vitest';
import { LoopExit } from '../errors.js';
import { RLock } from './rlock.js';
import { BoundedSemaphore, DummySemaphore, Semaphore } from './semaphore.js';
import { sleep } from '../hub/sleep.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub, inMain } from '../test-support.js';
import { wait } from '../greenlet/wait.js';

// This port's own rules for semaphores and RLock, on the virtual clock. gevent's test__semaphore.py
// and lock_tests.py are ported whole in test/ported/.

describe('semaphores', () => {
  beforeEach(() => {
    freshHub();
  });

  describe('TestSemaphore', () => {
    it('serves waiters FIFO, one per permit, and lets a non-waiting caller barge in', async () => {
      const s = new Semaphore(0);
      const order: string[] = [];
      for (const name of ['a', 'b', 'c']) spawn(function* () {
        yield* s.acquire();
        order.push(name);
      });
      await inMain(function* () {
        yield* sleep(0);
        s.release();
        s.release();
        // Released permits are not reserved: main takes one before the waiters run.
        expect(yield* s.acquire({ blocking: false })).toBe(true);
        yield* sleep(0);
        expect(order).toEqual(['a']);
        s.release();
        s.release();
        yield* sleep(0);
      });
      expect(order).toEqual(['a', 'b', 'c']);
    });

    it('rejects a negative initial value', () => {
      expect(() => new Semaphore(-1)).toThrow('semaphore initial value must be >= 0');
    });

    it('wait() returns the counter without taking a permit', async () => {
      const s = new Semaphore(0);
      spawn(() => s.release());
      expect(await s.wait()).toBe(1);
      expect(s.counter).toBe(1);
      const empty = new Semaphore(0);
      expect(await empty.wait(10)).toBe(0);
    });
  });

  describe('TestBoundedSemaphore', () => {
    it('raises when released too many times', () => {
      const s = new BoundedSemaphore(1);
      expect(() => s.release()).toThrow('Semaphore released too many times');
    });
  });

  describe('TestDummySemaphore', () => {
    it('never blocks', async () => {
      const s = new DummySemaphore();
      expect(await s.acquire()).toBe(true);
      expect(await s.acquire()).toBe(true);
      expect(await s.wait()).toBe(1);
      expect(s.locked()).toBe(false);
      expect(s.ready()).toBe(true);
    });

    it('takes (and ignores) a value; rawlink and unlink do nothing, so wait([it]) never returns (gevent 22.10)', async () => {
      const s = new DummySemaphore(3);
      const calls: unknown[] = [];
      s.rawlink((x) => calls.push(x));
      s.unlink(() => undefined);
      await sleep(0);
      expect(calls).toEqual([]);
      expect(s.linkcount()).toBe(0);
      expect(await wait([s], { timeout: 10 })).toEqual([]);
      await expect(wait([s])).rejects.toBeInstanceOf(LoopExit);
    });
  });

  describe('TestRLock', () => {
    it('is re-entrant for its owner and refuses a release by anyone else', async () => {
      const lock = new RLock();
      await inMain(function* () {
        expect(yield* lock.acquire()).toBe(true);
        expect(yield* lock.acquire()).toBe(true);
        const other = spawn(function* () {
          return yield* lock.acquire({ timeout: 10 });
        });
        expect(yield* other.get()).toBe(false);
        const thief = spawn(() => lock.release());
        yield* thief.join();
        expect(String(thief.exception)).toMatch(/cannot release un-acquired lock/);
        lock.release();
        expect(lock.locked()).toBe(true);
        lock.release();
        expect(lock.locked()).toBe(false);
      });
    });

    it("a non-owner's release says gevent's message: owner, then current", async () => {
      const lock = new RLock();
      expect(() => lock.release()).toThrow(/^cannot release un-acquired lock\. Owner: null Current: <RootWaiter "main"/);
      await inMain(function* () {
        yield* lock.acquire();
        const thief = spawn(() => lock.release());
        yield* thief.join();
        expect(String((thief.exception as Error).message)).toMatch(/^cannot release un-acquired lock\. Owner: <RootWaiter "main".* Current: <Greenlet /);
        lock.release();
      });
    });
  });

});
