import { describe, expect, it } from 'vitest';
import { median, summarise } from './measurement.js';

describe('summarise', () => {
  it('takes the median and the spread relative to it', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(summarise([90, 100, 110])).toEqual({ value: 100, runs: 3, spread: 0.2 });
  });

  it('rejects an empty sample list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
