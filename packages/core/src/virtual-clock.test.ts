import { describe, expect, it } from 'vitest';
import { Scheduler, sleep, spawn, VirtualClock, wait } from './index.js';

describe('VirtualClock', () => {
  it('advances by hand, firing each timer at its own deadline', () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const seen: number[] = [];
    clock.setTimer(30, () => seen.push(clock.now()));
    clock.setTimer(10, () => seen.push(clock.now()));
    clock.advance(20);
    expect(seen).toEqual([10]);
    expect(clock.now()).toBe(20);
    expect(clock.nextDeadline()).toBe(30);
    clock.advance(100);
    expect(seen).toEqual([10, 30]);
    expect(clock.pendingTimers).toBe(0);
    expect(clock.jump()).toBe(false);
  });

  it('clears timers, and rejects bad durations naming the argument', () => {
    const clock = new VirtualClock();
    const handle = clock.setTimer(5, () => expect.fail('cleared timer fired'));
    clock.clearTimer(handle);
    clock.advance(10);
    expect(() => clock.setTimer(-1, () => {})).toThrow(new RangeError('setTimer: ms must be >= 0 (milliseconds), got -1'));
    expect(() => clock.setTimer(NaN, () => {})).toThrow(new TypeError('setTimer: ms must be a number of milliseconds, got NaN'));
    expect(() => clock.advanceTo(1)).toThrow(RangeError);
  });

  it('runs a ten-minute workload at once, and deterministically', async () => {
    const runOnce = async (): Promise<string[]> => {
      const clock = new VirtualClock();
      const scheduler = new Scheduler({ clock });
      const log: string[] = [];
      for (const [name, period] of [['fast', 45_000], ['slow', 100_000]] as const) {
        scheduler.spawn(function* () {
          while (clock.now() + period <= 600_000) {
            yield* sleep(period);
            log.push(`${clock.now()} ${name}`);
          }
        });
      }
      const started = performance.now();
      await scheduler.run();
      expect(performance.now() - started).toBeLessThan(1000);
      expect(clock.now()).toBe(600_000);
      return log;
    };
    const first = await runOnce();
    expect(first).toHaveLength(13 + 6);
    expect(first.slice(0, 4)).toEqual(['45000 fast', '90000 fast', '100000 slow', '135000 fast']);
    expect(await runOnce()).toEqual(first);
  });

  it('does not jump while a coroutine waits for a promise (hold)', async () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler({ clock });
    const order: string[] = [];
    scheduler.spawn(function* () {
      const timer = spawn(function* () {
        yield* sleep(1000);
        order.push(`timer at ${clock.now()}`);
      });
      yield* wait(new Promise((resolve) => setTimeout(resolve, 20)));
      order.push(`promise at ${clock.now()}`);
      yield* timer;
    });
    await scheduler.run();
    expect(order).toEqual(['promise at 0', 'timer at 1000']);
  });
});
