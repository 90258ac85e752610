import { describe, expect, it } from 'vitest';
import { scalingNote, shareNote } from './ratio.js';

describe('shareNote', () => {
  it('gives the rate as a whole percentage of the baseline, with the target', () => {
    expect(shareNote(4_650, 5_000, 'bullmq', 90)).toBe('93% of bullmq (target ≥ 90%)');
  });

  it('gives no ratio when a figure is missing', () => {
    expect(shareNote(4_650, 0, 'bullmq', 90)).toBe('no ratio (a figure is missing)');
    expect(shareNote(Number.NaN, 5_000, 'bullmq', 90)).toBe('no ratio (a figure is missing)');
  });
});

describe('scalingNote', () => {
  it('gives the ratio to one worker with the target', () => {
    expect(scalingNote(55.8, 30, 2, 1.7)).toBe('1.86× of 1 worker (target ≥ 1.7×)');
  });

  it('accepts a ratio equal to the CPU count', () => {
    expect(scalingNote(60, 30, 2, 1.7)).toBe('2.00× of 1 worker (target ≥ 1.7×)');
  });

  it('flags a ratio above the CPU count as impossible instead of reporting it', () => {
    const note = scalingNote(66, 30, 2, 1.7);
    expect(note).toMatch(/^NOT A RESULT: 2\.20× of 1 worker exceeds the 2 CPUs/);
    expect(note).not.toContain('target');
  });
});
