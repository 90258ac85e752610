import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, setLongTimeout } from './long-timer.js';

describe('setLongTimeout', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('arms no host timer for Infinity (never)', () => {
    const fired = vi.fn();
    setLongTimeout(fired, Infinity);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1e12);
    expect(fired).not.toHaveBeenCalled();
  });

  it('re-arms the longest host timer for idleTimeout: 3e9 instead of busy-looping', () => {
    const fired = vi.fn();
    setLongTimeout(fired, 3e9);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(MAX_TIMER_MS);
    expect(fired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(1); // re-armed once, for the rest
    vi.advanceTimersByTime(3e9 - MAX_TIMER_MS - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires a short timer once, and clear() stops it', () => {
    const fired = vi.fn();
    setLongTimeout(fired, 100);
    vi.advanceTimersByTime(100);
    expect(fired).toHaveBeenCalledTimes(1);
    const cleared = vi.fn();
    setLongTimeout(cleared, 100).clear();
    vi.advanceTimersByTime(1000);
    expect(cleared).not.toHaveBeenCalled();
  });
});
