// gevent 22.10 src/gevent/tests/test__semaphore.py, on the virtual clock. Not applicable (README
// table): test_semaphore_in_class_with_del (a Python __del__ finalizer acquiring it), the 6 tests of
// TestSemaphoreMultiThread and of TestBoundedSemaphoreMultiThread (OS threads), TestCExt (Cython).
import { describe, expect, it } from 'vitest';
import { Greenlet, idle, joinAll, LoopExit, Semaphore, sleep, wait } from '../../src/index.js';
import { useFreshHub } from './support.js';

describe('test__semaphore', () => {
  useFreshHub();

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
      // Rawlinking a ready semaphore fires at once instead of raising LoopExit.
      const s = new Semaphore();
      expect(await wait([s])).toEqual([s]);
    });
  });

  describe('TestSemaphoreFair', () => {
    it('test_fair_or_hangs', async () => {
      // If the semaphore is not fair this spins forever between the last two greenlets.
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
      await idle();
    });
  });
});
