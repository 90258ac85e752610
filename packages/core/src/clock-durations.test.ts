import { afterEach, describe, expect, it, vi } from 'vitest';
import { race, RealClock, Scheduler, sleep, VirtualClock } from './index.js';

const MAX_HOST_DELAY = 2 ** 31 - 1;

describe('durations on the clocks: Infinity means never, long ones re-arm', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('VirtualClock: a timer of Infinity ms is not stored, never fires, and clearing it is a no-op', () => {
    const clock = new VirtualClock();
    const never = clock.setTimer(Infinity, () => expect.fail('an Infinity timer fired'));
    expect(never.deadline).toBe(Infinity);
    expect(clock.pendingTimers).toBe(0);
    expect(clock.nextDeadline()).toBeUndefined();
    expect(clock.jump()).toBe(false);
    clock.advance(1e12);
    clock.clearTimer(never);
  });

  it('sleep(Infinity) on the virtual clock never wakes and arms nothing, so time is not dragged to Infinity', async () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler({ clock });
    const winner = await scheduler.spawn(function* () {
      return yield* race<unknown>([sleep(Infinity), sleep(10)]);
    });
    expect(winner).toBeUndefined();
    expect(clock.now()).toBe(10);
    expect(clock.pendingTimers).toBe(0);
  });

  it('VirtualClock: a finite duration beyond 2^31 − 1 ms fires at its own deadline', async () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler({ clock });
    await scheduler.spawn(function* () {
      yield* sleep(1e10);
    });
    expect(clock.now()).toBe(1e10);
  });

  it('RealClock: a timer of Infinity ms arms no host timer', () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const clock = new RealClock();
    const handle = clock.setTimer(Infinity, () => expect.fail('an Infinity timer fired'));
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    expect(clock.pendingTimers).toBe(0);
    clock.clearTimer(handle);
  });

  it('RealClock: sleep(1e10) arms the longest host timer and re-arms for the rest, never busy-looping', () => {
    // A hand-driven host: time moves only when the armed host timer is fired below.
    let now = 0;
    const armed: { fire: () => void; ms: number }[] = [];
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fire: () => void, ms: number) => {
      armed.push({ fire, ms });
      return { ref() {}, unref() {} };
    }) as never);
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation(() => {});
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const clock = new RealClock();
    let fired = 0;
    clock.setTimer(1e10, () => fired++);
    while (fired === 0) {
      const host = armed.at(-1)!;
      now += host.ms;
      host.fire();
    }
    // 1e10 ms is 4.66 host limits: five host timers in all (not one per millisecond), the last for the rest.
    expect(armed.map((h) => h.ms)).toEqual([MAX_HOST_DELAY, MAX_HOST_DELAY, MAX_HOST_DELAY, MAX_HOST_DELAY, 1e10 - 4 * MAX_HOST_DELAY]);
    expect(now).toBe(1e10);
    expect(clock.pendingTimers).toBe(0);
  });
});
