import { describe, expect, it } from 'vitest';
import { all, Channel, defaultScheduler, Event, forEach, Mutex, operation, race, Scheduler, Scope, Semaphore, sleep, suspend, Timeout, timeout, VirtualClock, wait, withScope } from './index.js';

describe('awaiting an operation from ordinary code', () => {
  it('await sleep(100) waits 100 ms, as in gevent', async () => {
    const start = performance.now();
    await sleep(100);
    expect(performance.now() - start).toBeGreaterThanOrEqual(99);
  });

  it('runs the operation once as a root task of the default scheduler, however often it is awaited', async () => {
    let runs = 0;
    const counted = operation(function* () {
      runs++;
      yield* sleep(1);
      return runs;
    }, 'counted()');
    const first = counted.then((n) => n);
    expect(defaultScheduler().inspect().map((t) => t.name)).toContain('counted()');
    expect(await first).toBe(1);
    expect(await counted).toBe(1);
    expect(runs).toBe(1);
  });

  it('works for every built-in operation: channel, semaphore, mutex, event, wait, all, race, timeout', async () => {
    const channel = new Channel<string>();
    // Like a promise-returning call, an operation starts when it is awaited (or given to Promise.all).
    expect(await Promise.all([channel.receive(), channel.send('item')])).toEqual(['item', undefined]);

    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    expect(semaphore.available).toBe(0);
    semaphore.release();

    const mutex = new Mutex();
    expect(await mutex.withLock(function* () {
      yield* sleep(1);
      return 'locked';
    })).toBe('locked');

    const event = new Event();
    const waited = event.wait();
    setTimeout(() => event.set(), 5);
    await waited;
    expect(event.isSet).toBe(true);

    expect(await wait(Promise.resolve(7))).toBe(7);
    expect(await all([sleep(1), wait(Promise.resolve('b'))])).toEqual([undefined, 'b']);
    expect(await race<unknown>([sleep(50), operation(function* () {
      yield* sleep(1);
      return 'fast';
    })])).toBe('fast');
    await expect(timeout(5, suspend())).rejects.toThrow(new Timeout(5));
  });

  it('awaits scope.join() where the scope runs, and withScope and forEach on the default scheduler', async () => {
    const clock = new VirtualClock();
    const scope = new Scope({ scheduler: new Scheduler({ clock }) });
    scope.spawn(function* () {
      yield* sleep(60_000);
    });
    await scope.join();
    expect(clock.now()).toBe(60_000);
    expect(await withScope(function* (s) {
      const a = s.spawn(function* () {
        yield* sleep(1);
        return 'a';
      });
      return yield* a;
    })).toBe('a');
    const seen: number[] = [];
    await forEach([1, 2, 3], function* (n: number) {
      yield* sleep(1);
      seen.push(n);
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('still reports a forgotten yield* inside a coroutine', async () => {
    const scheduler = new Scheduler({ clock: new VirtualClock() });
    const task = scheduler.spawn(function* forgetful() {
      sleep(100); // eslint-disable-line coro/no-dropped-operation -- the mistake under test
      yield* sleep(1);
    });
    await expect(task).rejects.toThrow('sleep(100) was created but never started: write `yield* sleep(100)`');
  });

  it('says to write yield* when a coroutine yields an operation without the star', async () => {
    const scheduler = new Scheduler({ clock: new VirtualClock() });
    const task = scheduler.spawn(function* starless() {
      yield suspend();
    });
    await expect(task).rejects.toThrow('suspend() was created but never started: write `yield* suspend()`');
  });
});
