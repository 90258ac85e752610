import { describe, expect, it } from 'vitest';
import { Timer, TimerHeap } from './index.js';

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

describe('TimerHeap.add', () => {
  it('orders timers made by the caller with the others, and calls a shared callback with the timer as this', () => {
    class Named extends Timer {
      constructor(deadline: number, seq: number, readonly label: string) {
        super(deadline, seq, sayLabel, true);
      }
    }
    const said: string[] = [];
    function sayLabel(this: Named): void {
      said.push(this.label);
    }
    const heap = new TimerHeap();
    heap.insert(5, () => said.push('plain at 5'));
    heap.add(new Named(5, heap.nextSeq(), 'named at 5'));
    heap.add(new Named(1, heap.nextSeq(), 'named at 1'));
    while (heap.size > 0) heap.pop()!.callback();
    expect(said).toEqual(['named at 1', 'plain at 5', 'named at 5']);
  });
});
