// gevent 22.10 src/gevent/tests/lock_tests.py, the RLock parts: BaseLockTests and RLockTests run
// on gevent.lock.RLock, with greenlets as the "threads" (what gevent's monkey-patched threading
// gives these tests). Not applicable (README table): test_thread_leak (counts
// threading.enumerate()). The Lock, Event, Condition, Semaphore and Barrier parts of the file are
// outside this port's scope (gevent runs them against threading, not gevent.lock.RLock).
import { type Instruction } from '@coro/core';
import { describe, expect, it } from 'vitest';
import { RLock, sleep, spawn } from '../../src/index.js';
import { inMain, useFreshHub } from './support.js';

/** A crude wait not relying on synchronization primitives. */
const pause = (): Generator<Instruction, void, unknown> => sleep(10)[Symbol.iterator]() as Generator<Instruction, void, unknown>;

/** A bunch of greenlets running the same function; with waitBeforeExit they linger until doFinish(). */
class Bunch {
  readonly started: number[] = [];
  readonly finished: number[] = [];
  private canExit: boolean;
  constructor(
    f: () => Generator<Instruction, void, unknown>,
    readonly n: number,
    waitBeforeExit = false,
  ) {
    this.canExit = !waitBeforeExit;
    for (let i = 0; i < n; i++) {
      spawn(function* (this: void, bunch: Bunch) {
        bunch.started.push(i);
        try {
          yield* f();
        } finally {
          bunch.finished.push(i);
          while (!bunch.canExit) yield* pause();
        }
      }, this);
    }
  }
  *waitForStarted(): Generator<Instruction, void, unknown> {
    while (this.started.length < this.n) yield* pause();
  }
  *waitForFinished(): Generator<Instruction, void, unknown> {
    while (this.finished.length < this.n) yield* pause();
  }
  doFinish(): void {
    this.canExit = true;
  }
}

/** `with lock:` */
function* withLock(lock: RLock, err?: Error): Generator<Instruction, void, unknown> {
  yield* lock.acquire();
  try {
    if (err !== undefined) throw err;
  } finally {
    lock.release();
  }
}

describe('lock_tests', () => {
  useFreshHub();
  const locktype = (): RLock => new RLock();

  describe('RLockTests', () => {
    // BaseLockTests
    it('test_constructor', () => {
      const lock = locktype();
      expect(lock.locked()).toBe(false);
    });

    it('test_acquire_destroy', async () => {
      const lock = locktype();
      expect(await lock.acquire()).toBe(true);
    });

    it('test_acquire_release', async () => {
      await inMain(function* () {
        const lock = locktype();
        yield* lock.acquire();
        lock.release();
        expect(lock.locked()).toBe(false);
      });
    });

    it('test_try_acquire', async () => {
      await inMain(function* () {
        const lock = locktype();
        expect(yield* lock.acquire({ blocking: false })).toBe(true);
        lock.release();
      });
    });

    it('test_try_acquire_contended', async () => {
      await inMain(function* () {
        const lock = locktype();
        yield* lock.acquire();
        const result: boolean[] = [];
        yield* new Bunch(function* () {
          result.push(yield* lock.acquire({ blocking: false }));
        }, 1).waitForFinished();
        expect(result[0]).toBe(false);
        lock.release();
      });
    });

    it('test_acquire_contended', async () => {
      await inMain(function* () {
        const lock = locktype();
        yield* lock.acquire();
        const N = 5;
        const b = new Bunch(function* () {
          yield* lock.acquire();
          lock.release();
        }, N);
        yield* b.waitForStarted();
        yield* pause();
        expect(b.finished).toHaveLength(0);
        lock.release();
        yield* b.waitForFinished();
        expect(b.finished).toHaveLength(N);
      });
    });

    it('test_with', async () => {
      await inMain(function* () {
        const lock = locktype();
        function* f() {
          yield* lock.acquire();
          lock.release();
        }
        yield* withLock(lock);
        // the lock is unacquired
        yield* new Bunch(f, 1).waitForFinished();
        let raised: unknown;
        try {
          yield* withLock(lock, new TypeError('in the with block'));
        } catch (error) {
          raised = error;
        }
        expect(raised).toBeInstanceOf(TypeError);
        // the lock is unacquired
        yield* new Bunch(f, 1).waitForFinished();
        expect(lock.locked()).toBe(false);
      });
    });

    // RLockTests
    it('test_reacquire', async () => {
      await inMain(function* () {
        const lock = locktype();
        yield* lock.acquire();
        yield* lock.acquire();
        lock.release();
        yield* lock.acquire();
        lock.release();
        lock.release();
        expect(lock.locked()).toBe(false);
      });
    });

    it('test_release_unacquired', async () => {
      await inMain(function* () {
        // Cannot release an unacquired lock.
        const lock = locktype();
        expect(() => lock.release()).toThrow(/cannot release un-acquired lock/);
        yield* lock.acquire();
        yield* lock.acquire();
        lock.release();
        yield* lock.acquire();
        lock.release();
        lock.release();
        expect(() => lock.release()).toThrow(/cannot release un-acquired lock/);
      });
    });

    it('test_different_thread', async () => {
      await inMain(function* () {
        // Cannot release from a different greenlet.
        const lock = locktype();
        const b = new Bunch(function* () {
          yield* lock.acquire();
        }, 1, true);
        try {
          yield* b.waitForFinished();
          expect(() => lock.release()).toThrow(/cannot release un-acquired lock/);
        } finally {
          b.doFinish();
        }
      });
    });

    it('test__is_owned', async () => {
      await inMain(function* () {
        const lock = locktype();
        expect(lock.isOwned()).toBe(false);
        yield* lock.acquire();
        expect(lock.isOwned()).toBe(true);
        yield* lock.acquire();
        expect(lock.isOwned()).toBe(true);
        const result: boolean[] = [];
        yield* new Bunch(function* () {
          result.push(lock.isOwned());
        }, 1).waitForFinished();
        expect(result[0]).toBe(false);
        lock.release();
        expect(lock.isOwned()).toBe(true);
        lock.release();
        expect(lock.isOwned()).toBe(false);
      });
    });
  });
});
