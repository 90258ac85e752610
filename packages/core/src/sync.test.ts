import { describe, expect, it } from 'vitest';
import { Event, Mutex, Scheduler, Semaphore, sleep, spawn, VirtualClock } from './index.js';

const scheduler = (): Scheduler => new Scheduler({ clock: new VirtualClock() });

describe('Event', () => {
  it('wakes every waiter in order when set, and returns at once while set', async () => {
    const log = await scheduler().spawn(function* () {
      const ready = new Event();
      const log: string[] = [];
      const waiters = ['a', 'b'].map((name) =>
        spawn(function* () {
          yield* ready.wait();
          log.push(name);
        }),
      );
      yield* sleep(5);
      expect(ready.isSet).toBe(false);
      ready.set();
      for (const w of waiters) yield* w;
      yield* ready.wait();
      log.push('immediate');
      ready.clear();
      expect(ready.isSet).toBe(false);
      return log;
    });
    expect(log).toEqual(['a', 'b', 'immediate']);
  });
});

describe('Semaphore', () => {
  it('admits at most n holders and serves waiters first-in, first-out', async () => {
    const clock = new VirtualClock();
    const s = new Scheduler({ clock });
    const slots = new Semaphore(2);
    const log: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      s.spawn(function* () {
        yield* slots.acquire();
        try {
          log.push(`${name} in at ${clock.now()}`);
          yield* sleep(10);
        } finally {
          slots.release();
        }
      });
    }
    await s.run();
    expect(log).toEqual(['a in at 0', 'b in at 0', 'c in at 10', 'd in at 10']);
    expect(slots.available).toBe(2);
    expect(slots.waiting).toBe(0);
  });

  it('does not lose a permit handed to a task cancelled before it ran', async () => {
    const s = scheduler();
    const slots = new Semaphore(1);
    const holder = s.spawn(function* () {
      yield* slots.acquire();
      yield* sleep(10);
      slots.release();
    });
    const waiter = s.spawn(function* () {
      yield* slots.acquire();
      try {
        yield;
      } finally {
        slots.release();
      }
    });
    s.spawn(function* () {
      yield* holder;
      waiter.cancel(); // the permit was handed over; the cancel comes at the waiter's next yield
    });
    await s.run();
    expect(slots.available).toBe(1);
  });

  it('tries without waiting, and rejects bad counts', () => {
    const slots = new Semaphore(1);
    expect(slots.tryAcquire()).toBe(true);
    expect(slots.tryAcquire()).toBe(false);
    expect(() => new Semaphore(1.5)).toThrow(new RangeError('Semaphore: permits must be an integer >= 0, got 1.5'));
  });
});

describe('Mutex', () => {
  it('serialises critical sections in arrival order and unlocks on failure', async () => {
    const s = scheduler();
    const mutex = new Mutex();
    const log: string[] = [];
    const failing = s.spawn(function* () {
      yield* mutex.withLock(function* () {
        log.push('first in');
        yield* sleep(5);
        throw new Error('oops');
      });
    });
    for (const name of ['second', 'third']) {
      s.spawn(function* () {
        yield* mutex.withLock(function* () {
          log.push(`${name} in`);
          yield* sleep(5);
          log.push(`${name} out`);
        });
      });
    }
    await expect(failing).rejects.toThrow('oops');
    await s.run();
    expect(log).toEqual(['first in', 'second in', 'second out', 'third in', 'third out']);
    expect(mutex.locked).toBe(false);
    expect(() => mutex.unlock()).toThrow('Mutex.unlock: the mutex is not locked');
  });
});
