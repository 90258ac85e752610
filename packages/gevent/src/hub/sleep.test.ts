import { describe, expect, it } from 'vitest';
import { Greenlet } from '../greenlet/greenlet.js';
import { killAll } from '../greenlet/join-all.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub, inMain } from '../test-support.js';
import { setHub } from './current.js';
import { Hub } from './hub.js';
import { sleep } from './sleep.js';

// sleep(ms) is a hand-written iterator (no generator per sleeping greenlet): these pin down that it
// behaves as the generator it replaced — arm on the first step, finish when the timer fires,
// disarm when killed, print as sleep(…).
describe('sleep(ms)', () => {
  it('parks until its timer fires, then resumes the greenlet once', async () => {
    const { hub, clock } = freshHub();
    const events: string[] = [];
    const g = spawn(function* () {
      events.push(`asleep at ${clock.now()}`);
      yield* sleep(30);
      events.push(`awake at ${clock.now()}`);
    });
    await g.join();
    expect(events).toEqual(['asleep at 0', 'awake at 30']);
    expect(hub.timers.size).toBe(0);
  });

  it('disarms its timer when the sleeping greenlet is killed', async () => {
    const { hub } = freshHub();
    const sleepers = Array.from({ length: 3 }, () => spawn(() => sleep(60_000)));
    await sleep(0);
    expect(hub.timers.size).toBe(3);
    await killAll(sleepers);
    expect(hub.timers.size).toBe(0);
    expect(sleepers.every((g) => g.dead)).toBe(true);
  });

  it('stays with the hub it started in: killed after setHub() installed another hub, it disarms its own timer', async () => {
    const first = new Hub(); // a real clock: a virtual one would jump to the deadline once idle and fire the timer anyway
    setHub(first);
    const sleeper = spawn(() => sleep(60_000));
    await sleep(0);
    expect(first.timers.size).toBe(1);
    const { hub: second } = freshHub(); // setHub(second)
    sleeper.kill(undefined, { block: false });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first hub's loop runs the kill
    expect(sleeper.dead).toBe(true);
    expect([first.timers.size, first.refTimers, second.timers.size]).toEqual([0, 0, 0]);
  });

  it('is awaitable from ordinary code once, however often awaited, and prints as sleep(…)', async () => {
    const { clock } = freshHub();
    const nap = sleep(5);
    expect((nap as unknown as { toString(): string }).toString()).toBe('sleep(…)');
    await Promise.all([nap, nap]);
    expect(clock.now()).toBe(5);
  });

  it('created inside a greenlet and never delegated to is reported as sleep(…)', async () => {
    freshHub();
    const g = spawn(function* () {
      sleep(10); // eslint-disable-line coro/no-dropped-operation -- the mistake under test
      yield* sleep(0);
    });
    await g.join();
    expect(String(g.exception)).toMatch(/sleep\(…\)/);
  });

  it('in main, through inMain, parks main like any blocking call', async () => {
    const { clock } = freshHub();
    await inMain(function* () {
      yield* sleep(7);
    });
    expect(clock.now()).toBe(7);
  });
});

describe('hub timers', () => {
  it('on the real clock are due at whole milliseconds, rounded up (as libuv under gevent keeps time); a virtual clock keeps exact deadlines', async () => {
    const real = new Hub();
    setHub(real);
    const before = real.clock.now();
    const napper = spawn(() => sleep(10.25));
    await sleep(0);
    const deadline = real.timers.peek()!.deadline;
    expect(Number.isInteger(deadline)).toBe(true);
    expect(deadline).toBeGreaterThanOrEqual(before + 10.25);
    await napper.kill();

    const { hub } = freshHub();
    const exact = spawn(() => sleep(2.5));
    await sleep(0);
    expect(hub.timers.peek()!.deadline).toBe(2.5);
    await exact.join();
  });
});

describe('greenlet numbers (gevent minimal_ident)', () => {
  it('are given the first time a name is read, from the order of reading, not of creation', () => {
    freshHub();
    const first = new Greenlet();
    const second = new Greenlet();
    const secondName = second.name;
    const firstName = first.name;
    const number = (name: string): number => Number(/^Greenlet-(\d+)$/.exec(name)![1]);
    expect(number(firstName)).toBe(number(secondName) + 1);
    expect(second.id).toBe(number(secondName));
  });
});
