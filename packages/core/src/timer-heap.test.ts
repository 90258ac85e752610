import { describe, expect, it } from 'vitest';
import { TimerHeap } from './index.js';

describe('TimerHeap', () => {
  it('pops by deadline, and timers with equal deadlines in creation order', () => {
    const heap = new TimerHeap();
    const fired: string[] = [];
    for (const [deadline, name] of [[30, 'c'], [10, 'a1'], [20, 'b'], [10, 'a2'], [10, 'a3'], [5, 'z']] as const) {
      heap.insert(deadline, () => fired.push(name));
    }
    while (heap.size > 0) heap.pop()!.callback();
    expect(fired).toEqual(['z', 'a1', 'a2', 'a3', 'b', 'c']);
  });

  it('removes any timer in O(log n) and keeps the order of the rest', () => {
    const heap = new TimerHeap();
    const timers = Array.from({ length: 100 }, (_, i) => heap.insert((i * 37) % 100, () => {}));
    for (const t of timers.filter((_, i) => i % 3 === 0)) expect(heap.remove(t)).toBe(true);
    expect(heap.remove(timers[0]!)).toBe(false);
    const deadlines: number[] = [];
    while (heap.size > 0) deadlines.push(heap.pop()!.deadline);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(deadlines).toHaveLength(66);
    expect(timers[1]!.pending).toBe(false);
  });
});
