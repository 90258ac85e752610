import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from '../greenlet/spawn.js';
import { freshHub } from '../test-support.js';
import { getOriginal, isPatched, patchTime, time, unpatchAll } from './index.js';

afterEach(() => unpatchAll());

function* work(name: string, log: string[], ms: number) {
  for (let i = 0; i < 3; i++) {
    log.push(`${name}---${i}`);
    yield* time.sleep(ms);
  }
}

describe('time facade', () => {
  it('unpatched, time.sleep blocks the whole thread: work1 runs to the end before work2 starts', async () => {
    const { clock } = freshHub();
    const log: string[] = [];
    const started = performance.now();
    const [g1, g2] = [spawn(work, 'Work1', log, 5), spawn(work, 'Work2', log, 5)];
    await g1.join();
    await g2.join();
    expect(log).toEqual(['Work1---0', 'Work1---1', 'Work1---2', 'Work2---0', 'Work2---1', 'Work2---2']);
    // The hub's (virtual) clock never moved: the time passed inside Atomics.wait, outside the hub.
    expect(clock.now()).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(6 * 5 - 1);
  });

  it('after patchTime(), the same code interleaves and sleeps on the hub (virtual clock)', async () => {
    const { clock } = freshHub();
    patchTime();
    const log: string[] = [];
    const [g1, g2] = [spawn(work, 'Work1', log, 100), spawn(work, 'Work2', log, 100)];
    await g1.join();
    await g2.join();
    expect(log).toEqual(['Work1---0', 'Work2---0', 'Work1---1', 'Work2---1', 'Work1---2', 'Work2---2']);
    expect(clock.now()).toBe(300);
  });

  it('replaces time.sleep in place; getOriginal gives the blocking one back; a reference taken before patching keeps blocking', () => {
    const blocking = time.sleep;
    patchTime();
    expect(isPatched('time')).toBe(true);
    expect(time.sleep).not.toBe(blocking);
    expect(getOriginal('time', 'sleep')).toBe(blocking);
    unpatchAll();
    expect(time.sleep).toBe(blocking);
  });

  it('rejects a negative or NaN duration with a RangeError naming ms, patched or not', () => {
    expect(() => time.sleep(-1)).toThrow(new RangeError('time.sleep(ms): ms must be a number >= 0 (milliseconds), got -1'));
    patchTime();
    expect(() => time.sleep(Number.NaN)).toThrow(/time\.sleep\(ms\): ms must be a number >= 0/);
  });

  it('time() is seconds since the epoch and monotonic() seconds on a monotonic clock', () => {
    expect(Math.abs(time.time() - Date.now() / 1000)).toBeLessThan(1);
    const a = time.monotonic();
    expect(time.monotonic()).toBeGreaterThanOrEqual(a);
  });
});
