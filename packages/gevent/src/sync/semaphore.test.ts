import { beforeEach, describe, expect, it } from 'vitest';
import { LoopExit } from '../errors.js';
import { Greenlet } from '../greenlet/greenlet.js';
import { joinAll } from '../greenlet/join-all.js';
import { RLock } from './rlock.js';
import { BoundedSemaphore, DummySemaphore, Semaphore } from './semaphore.js';
import { sleep } from '../hub/sleep.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub, inMain } from '../test-support.js';
import { wait } from '../greenlet/wait.js';

// gevent/src/gevent/tests/test__semaphore.py, on the virtual clock. The multi-thread cases have
// no JavaScript equivalent (greenlets cannot cross worker threads).

describe('test__semaphore', () => {
  beforeEach(() => {
    freshHub();
  });

  describe('TestSemaphore', () => {
    it('test_acquire_returns_false_after_timeout', async () => {
      const s = new Semaphore(0);
      expect(await s.acquire({ timeout: 10 })).toBe(false);
    });

    it('test_release_twice', async () => {
      const s = new Semaphore();
      const result: string[] = [];
      s.rawlink(() => result.push('a'));
      s.release();
      s.rawlink(() => result.push('b'));
      s.release();
      await sleep(1);
      expect(result.sort()).toEqual(['a', 'b']);
    });

    it('test_semaphore_weakref', () => {
      const s = new Semaphore();
      expect(new WeakRef(s).deref()).toBe(s);
    });

    it('test_rawlink_on_unacquired_runs_notifiers', async () => {
      const s = new Semaphore();
      expect(await wait([s])).toEqual([s]);
    });

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

  describe('TestSemaphoreFair', () => {
    it('test_fair_or_hangs', async () => {
      const sem = new Semaphore();
      const shouldQuit: boolean[] = [];
      function* acquireThenExit() {
        yield* sem.acquire();
        shouldQuit.push(true);
      }
      function* acquireThenSpawn(): Generator<any, void, any> {
        if (shouldQuit.length > 0) return;
        yield* sem.acquire();
        yield* Greenlet.spawn(releaseThenSpawn).join();
      }
      function* releaseThenSpawn(): Generator<any, void, any> {
        sem.release();
        if (shouldQuit.length > 0) return;
        yield* Greenlet.spawn(acquireThenSpawn).join();
      }
      const keepGoing1 = Greenlet.spawn(acquireThenSpawn);
      const keepGoing2 = Greenlet.spawn(acquireThenSpawn);
      const exiting = Greenlet.spawn(acquireThenExit);
      await expect(joinAll([keepGoing1, keepGoing2, exiting])).rejects.toBeInstanceOf(LoopExit);
      expect(exiting.dead).toBe(true);
      expect(keepGoing2.dead).toBe(true);
      expect(keepGoing1.dead).toBe(false);
      sem.release();
      await keepGoing1.kill();
      await keepGoing2.kill();
      await exiting.kill();
    });
  });
});
