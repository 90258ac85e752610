import { describe, expect, it } from 'vitest';
import { all, Cancelled, Channel, Mutex, race, Scheduler, Semaphore, sleep, spawn, suspend, timeout, VirtualClock } from './index.js';

// Issue 11, "Data loss and wrong failures": each reproduction from the issue, by name. The rule:
// when the inner operation has completed (or has been handed its value) by the time a timer or a
// cancel takes effect, the completion wins — the value is returned, or, if the task is being
// cancelled, handed back (an item to the head of its channel, a permit to its semaphore).
//
// "Before" and "after" below are the order of two events due at the same instant: the hand-off
// timer is created before the timeout's timer (it fires first) or after it (it fires second).

function virtual(): { scheduler: Scheduler; clock: VirtualClock } {
  const clock = new VirtualClock();
  return { scheduler: new Scheduler({ clock }), clock };
}

/** Run `handOff` at t = 5, its timer created before (t = 0) or after (t = 1) the task's timeout timer. */
function at5(scheduler: Scheduler, clock: VirtualClock, order: 'before' | 'after', handOff: () => void): void {
  if (order === 'before') clock.setTimer(5, handOff);
  else
    scheduler.spawn(function* () {
      yield* sleep(1);
      clock.setTimer(4, handOff);
    });
}

const errorName = (e: unknown): string => (e instanceof Error ? e.name : String(e));

describe('timeout() against a completion at the same instant (issue 11)', () => {
  for (const order of ['before', 'after'] as const) {
    it(`timeout(5, ch.receive()) against send('item') at t = 5 (${order}): the item is received or stays in the channel`, async () => {
      const { scheduler, clock } = virtual();
      const ch = new Channel<string>(1);
      const got = scheduler.spawn(function* () {
        try {
          return yield* timeout(5, ch.receive());
        } catch (e) {
          return errorName(e);
        }
      });
      at5(scheduler, clock, order, () => expect(ch.trySend('item')).toBe(true));
      await scheduler.run();
      const outcome = [await got, ch.size];
      // Before: the item was handed over first, so the completion wins. After: the timeout took
      // effect first, and the item waits in the channel.
      expect(outcome).toEqual(order === 'before' ? ['item', 0] : ['Timeout', 1]);
    });

    it(`timeout(5, ch.send(x)) against a receive at t = 5 (receiver spawned ${order}): never both delivered and failed`, async () => {
      const { scheduler, clock } = virtual();
      const ch = new Channel<string>();
      const received: string[] = [];
      const receiver = function* (): Generator<unknown, void, any> {
        yield* sleep(5);
        try {
          received.push(yield* ch.receive());
        } catch (e) {
          received.push(errorName(e)); // closed at t = 10
        }
      };
      if (order === 'before') scheduler.spawn(receiver);
      const sent = scheduler.spawn(function* () {
        try {
          yield* timeout(5, ch.send('x'));
          return 'sent';
        } catch (e) {
          return errorName(e);
        }
      });
      if (order === 'after') scheduler.spawn(receiver);
      clock.setTimer(10, () => ch.close());
      await scheduler.run();
      // The timeout takes effect when its timer fires, before either task runs again.
      expect([await sent, received]).toEqual(['Timeout', ['ChannelClosed']]);
    });

    it(`timeout(5, sem.acquire()) against a release at t = 5 (${order}): the permit is taken or stays free`, async () => {
      const { scheduler, clock } = virtual();
      const sem = new Semaphore(0);
      const got = scheduler.spawn(function* () {
        try {
          yield* timeout(5, sem.acquire());
          sem.release();
          return 'acquired';
        } catch (e) {
          return errorName(e);
        }
      });
      at5(scheduler, clock, order, () => sem.release());
      await scheduler.run();
      expect([await got, sem.available, sem.waiting]).toEqual([order === 'before' ? 'acquired' : 'Timeout', 1, 0]);
    });
  }

  for (const order of ['before', 'after'] as const) {
    it(`timeout(5, ch.receive()) against a sender task whose send completes at t = 5 (sender spawned ${order}): the send returns only if the receive has the item`, async () => {
      const { scheduler } = virtual();
      const ch = new Channel<string>();
      const log: string[] = [];
      const sender = function* (): Generator<unknown, void, any> {
        yield* sleep(5);
        yield* ch.send('item');
        log.push('send returned');
      };
      if (order === 'before') scheduler.spawn(sender);
      scheduler.spawn(function* receiver() {
        try {
          log.push(`received ${yield* timeout(5, ch.receive())}`);
        } catch (e) {
          log.push(`receive ${errorName(e)}`);
        }
      });
      if (order === 'after') scheduler.spawn(sender);
      scheduler.spawn(function* drain() {
        yield* sleep(10);
        log.push(`drained ${(yield* race<string | void>([ch.receive(), sleep(0)])) ?? 'nothing'}`);
      });
      await scheduler.run();
      expect(log).toEqual(['receive Timeout', 'send returned', 'drained item']); // the sender resumes first, the drain after its race
    });
  }
});

describe('a cancel after the hand-off (issue 11)', () => {
  it('an item handed to a task parked in timeout(50, ch.receive()) goes back to the head of the channel when the task is cancelled before it resumes', async () => {
    const { scheduler } = virtual();
    const ch = new Channel<string>(2);
    const log: string[] = [];
    const receiver = scheduler.spawn(function* () {
      try {
        log.push(`received ${yield* timeout(50, ch.receive())}`);
      } finally {
        log.push('receiver finally');
      }
    });
    scheduler.spawn(function* () {
      yield* sleep(10);
      expect(ch.trySend('first')).toBe(true); // handed to the parked receiver
      receiver.cancel(); // before it resumed
      expect(ch.trySend('second')).toBe(true);
      log.push(`then ${yield* ch.receive()}, ${yield* ch.receive()}`);
    });
    await scheduler.run();
    expect(log).toEqual(['receiver finally', 'then first, second']);
    expect(receiver.state).toBe('cancelled');
  });

  it('a plain receive() handed an item and cancelled before it resumes hands the item back too', async () => {
    const { scheduler } = virtual();
    const ch = new Channel<string>();
    const receiver = scheduler.spawn(function* () {
      return yield* ch.receive();
    });
    const other = scheduler.spawn(function* () {
      yield* sleep(10);
      return yield* ch.receive();
    });
    scheduler.spawn(function* () {
      yield* sleep(5);
      expect(ch.trySend('item')).toBe(true);
      receiver.cancel();
    });
    await scheduler.run().catch(() => undefined);
    expect(receiver.state).toBe('cancelled');
    expect(await other).toBe('item');
  });

  it('a permit handed to a task parked in timeout(50, sem.acquire()) goes back to the semaphore when the task is cancelled before it resumes', async () => {
    const { scheduler } = virtual();
    const sem = new Semaphore(0);
    const log: string[] = [];
    const waiter = scheduler.spawn(function* () {
      yield* timeout(50, sem.acquire());
      log.push('acquired'); // never: cancelled before it resumed
    });
    scheduler.spawn(function* () {
      yield* sleep(10);
      sem.release(); // handed to the waiter
      waiter.cancel();
      log.push(`available ${sem.available}`);
    });
    await scheduler.run();
    expect(log).toEqual(['available 1']);
    expect([sem.available, sem.waiting]).toEqual([1, 0]);
  });

  it('a mutex handed to a task cancelled before it resumes is released again', async () => {
    const { scheduler } = virtual();
    const mutex = new Mutex();
    const log: string[] = [];
    scheduler.spawn(function* holder() {
      yield* mutex.lock();
      yield* sleep(10);
      mutex.unlock(); // hands the lock to the waiter
      waiter.cancel();
      log.push(`locked ${mutex.locked}`);
    });
    const waiter = scheduler.spawn(function* () {
      yield* timeout(
        50,
        mutex.withLock(function* () {
          log.push('in the lock'); // never
        }),
      );
    });
    await scheduler.run();
    expect(log).toEqual(['locked false']);
  });

  it('a task inside timeout(5, suspend()) cancelled at the instant the timer is due does not fail its parent with Timeout', async () => {
    for (const order of ['before', 'after'] as const) {
      const { scheduler, clock } = virtual();
      const parent = scheduler.spawn(function* parent() {
        const child = spawn(function* child() {
          yield* timeout(5, suspend());
        });
        at5(scheduler, clock, order, () => child.cancel());
        try {
          yield* child;
        } catch (e) {
          return `${errorName(e)}`;
        }
        return 'joined';
      });
      await scheduler.run();
      expect([order, await parent]).toEqual([order, 'Cancelled']);
    }
  });

  it('a timer that fires for a task already being cancelled is ignored', async () => {
    const { scheduler, clock } = virtual();
    const log: string[] = [];
    const task = scheduler.spawn(function* () {
      try {
        yield* timeout(5, suspend());
      } finally {
        log.push(`finally at ${clock.now()}`);
        yield* sleep(10); // still cleaning up when the timer is due
        log.push(`cleaned at ${clock.now()}`);
      }
    });
    clock.setTimer(3, () => task.cancel());
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(['finally at 3', 'cleaned at 13']);
  });
});

describe('race and all hand back what their losers were handed (issue 11)', () => {
  it('race of two receives whose items arrive at the same instant returns one and leaves the other in its channel', async () => {
    const { scheduler, clock } = virtual();
    const a = new Channel<string>(1);
    const b = new Channel<string>(1);
    const winner = scheduler.spawn(function* () {
      return yield* race([a.receive(), b.receive()]);
    });
    clock.setTimer(5, () => {
      a.trySend('a');
      b.trySend('b');
    });
    await scheduler.run();
    expect([await winner, a.size, b.size]).toEqual(['a', 0, 1]);
  });

  it('race of a receive and a sleep due at the same instant never loses the item', async () => {
    for (const order of ['before', 'after'] as const) {
      const { scheduler, clock } = virtual();
      const ch = new Channel<string>(1);
      const winner = scheduler.spawn(function* () {
        return (yield* race<string | void>([ch.receive(), sleep(5)])) ?? 'slept';
      });
      at5(scheduler, clock, order, () => ch.trySend('item'));
      await scheduler.run();
      const w = await winner;
      expect([order, w, ch.size]).toEqual([order, w, w === 'item' ? 0 : 1]);
    }
  });

  it('all() failing after an arm was handed a permit gives the permit back', async () => {
    const { scheduler, clock } = virtual();
    const sem = new Semaphore(0);
    const result = scheduler.spawn(function* () {
      try {
        yield* all([sem.acquire(), sleep(5), (function* () {
          yield* sleep(5);
          throw new Error('boom');
        })()]);
        return 'all done';
      } catch (e) {
        return (e as Error).message;
      }
    });
    clock.setTimer(5, () => sem.release());
    await scheduler.run();
    expect([await result, sem.available]).toEqual(['boom', 1]);
  });
});

describe('clear errors (issue 11)', () => {
  it('mutex.withLock(() => 5) says the body must return an Operation', async () => {
    const { scheduler } = virtual();
    const mutex = new Mutex();
    const task = scheduler.spawn(function* () {
      yield* mutex.withLock((() => 5) as never);
    });
    await expect(task).rejects.toThrow(new TypeError('Mutex.withLock: body must be a generator function (function*) returning an Operation, but it returned 5 (a number)'));
    expect(mutex.locked).toBe(false);
    expect(() => mutex.withLock((async () => {}) as never)).toThrow(
      new TypeError('Mutex.withLock: body must be a generator function (function*), got an async function; inside a coroutine wait for a promise with `yield* wait(promise)`'),
    );
  });
});
