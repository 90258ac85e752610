import { describe, expect, it } from 'vitest';
import { interleave, pooledFigure } from './rounds.js';

describe('interleave', () => {
  it('runs every label once per round, rotating the order, and pools the samples', async () => {
    const order: string[] = [];
    const pooled = await interleave(['a', 'b', 'c'], 3, (label) => {
      order.push(label);
      return Promise.resolve([order.length]);
    });
    expect(order).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(pooled.get('a')).toEqual([1, 6, 8]);
    expect(pooled.get('c')).toEqual([3, 5, 7]);
  });

  it('keeps the first failure of a label and skips its later rounds', async () => {
    let calls = 0;
    const pooled = await interleave(['ok', 'bad'], 2, (label) => {
      calls++;
      return label === 'bad' ? Promise.reject(new Error('child exited 1\nstack')) : Promise.resolve([2]);
    });
    expect(calls).toBe(3);
    expect(pooledFigure(pooled.get('bad')!)).toEqual({ failed: 'failed: child exited 1' });
    expect(pooledFigure(pooled.get('ok')!)).toEqual({ value: 2, runs: 2, spread: 0 });
  });
});
