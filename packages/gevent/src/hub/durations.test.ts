import { RealClock } from '@coro/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnLater } from '../greenlet/spawn.js';
import { Queue } from '../queue/queue.js';
import { AsyncResult } from '../sync/async-result.js';
import { Event } from '../sync/event.js';
import { Semaphore } from '../sync/semaphore.js';
import { freshHub } from '../test-support.js';
import { Timeout } from '../timeout.js';
import { Hub } from './hub.js';
import { setHub } from './current.js';
import { sleep } from './sleep.js';

// Infinity means "never" everywhere a duration is accepted, as None does in gevent: no timer
// fires, no host timer is armed, nothing crashes; the wait ends only when its event happens.
describe('durations: Infinity means never', () => {
  beforeEach(() => {
    freshHub();
  });

  it('sleep(Infinity) parks until killed', async () => {
    const g = spawn(() => sleep(Infinity));
    await sleep(1000);
    expect(g.dead).toBe(false);
    await g.kill();
    expect(g.dead).toBe(true);
  });

  it('new Timeout(Infinity).start() never fires', async () => {
    const timeout = new Timeout(Infinity).start();
    await sleep(1000);
    expect(timeout.pending).toBe(true);
    timeout.close();
  });

  it('{ timeout: Infinity } on Queue.get, AsyncResult.get, Semaphore.acquire and Event.wait(Infinity) wait for the event', async () => {
    const q = new Queue<number>();
    const result = new AsyncResult<string>();
    const sem = new Semaphore(0);
    const event = new Event();
    spawnLater(50, () => {
      q.putNowait(1);
      result.set('ok');
      sem.release();
      event.set();
    });
    const waits = spawn(function* () {
      return [yield* q.get({ timeout: Infinity }), yield* result.get({ timeout: Infinity }), yield* sem.acquire({ timeout: Infinity }), yield* event.wait(Infinity)];
    });
    expect(await waits.get()).toEqual([1, 'ok', true, true]);
  });

  it('spawnLater(Infinity, fn) never starts, and can be killed', async () => {
    let ran = false;
    const g = spawnLater(Infinity, () => (ran = true));
    await sleep(1000);
    expect(ran).toBe(false);
    expect(g.started).toBe(true);
    await g.kill();
    expect(g.dead).toBe(true);
    expect(ran).toBe(false);
  });

  it('a sleep longer than 2^31 - 1 ms does not busy-loop the hub (real clock)', async () => {
    const hub = new Hub({ clock: new RealClock() });
    setHub(hub);
    let iterations = 0;
    const prepare = hub.loop.prepare();
    prepare.start(() => iterations++);
    const g = spawn(() => sleep(2 ** 32));
    await new Promise((resolve) => setTimeout(resolve, 50));
    prepare.stop();
    expect(g.dead).toBe(false);
    expect(iterations).toBeLessThan(5);
    g.kill(undefined, { block: false });
    expect(await hub.join(100)).toBe(true);
  });

  it('on the real clock, Infinity waits arm no host timer and the hub does not spin', async () => {
    const clock = new RealClock();
    const delays: number[] = [];
    const setTimer = clock.setTimer.bind(clock);
    clock.setTimer = (ms, callback, options) => {
      delays.push(ms);
      return setTimer(ms, callback, options);
    };
    const hub = new Hub({ clock });
    setHub(hub);
    const sleeper = spawn(() => sleep(Infinity));
    const later = spawnLater(Infinity, () => undefined);
    const timeout = new Timeout(Infinity).start();
    const event = new Event();
    const waiter = spawn(() => event.wait(Infinity));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(delays.filter((ms) => !(ms <= 2 ** 31 - 1))).toEqual([]);
    expect(delays.length).toBeLessThan(5);
    event.set();
    expect(await waiter.get()).toBe(true);
    timeout.close();
    sleeper.kill(undefined, { block: false });
    later.kill(undefined, { block: false });
    expect(await hub.join(100)).toBe(true);
  });
});
