import { describe, expect, it } from 'vitest';
import { RealClock, run, sleep } from './index.js';

describe('RealClock', () => {
  it('fires timers by deadline, equal deadlines in creation order, and clears them', async () => {
    const clock = new RealClock();
    const fired: string[] = [];
    await new Promise<void>((resolve) => {
      // Deadlines far apart: the order must not depend on how long these statements take on a busy machine.
      clock.setTimer(60, () => fired.push('a'));
      const cleared = clock.setTimer(60, () => fired.push('cleared'));
      clock.setTimer(60, () => fired.push('b'));
      clock.setTimer(1, () => fired.push('first'));
      clock.setTimer(90, () => resolve());
      clock.clearTimer(cleared);
      clock.clearTimer(cleared);
      expect(clock.pendingTimers).toBe(4);
    });
    expect(fired).toEqual(['first', 'a', 'b']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('measures time monotonically in milliseconds', async () => {
    const clock = new RealClock();
    const start = clock.now();
    await run(function* () {
      yield* sleep(20);
    });
    expect(clock.now() - start).toBeGreaterThanOrEqual(19);
  });

  it('rejects bad arguments, naming them', () => {
    const clock = new RealClock();
    expect(() => clock.setTimer(-1, () => {})).toThrow(RangeError);
    expect(() => clock.setTimer(1, 'x' as never)).toThrow(new TypeError('setTimer: callback must be a function'));
  });
});
