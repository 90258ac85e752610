import { describe, expect, it } from 'vitest';
import { RunQueue } from './index.js';

describe('RunQueue', () => {
  it('serves items first-in, first-out across growth and wrap-around', () => {
    const queue = new RunQueue<number>(2);
    const out: number[] = [];
    for (let i = 0; i < 5; i++) queue.push(i);
    out.push(queue.shift()!, queue.shift()!);
    for (let i = 5; i < 40; i++) queue.push(i);
    while (queue.length > 0) out.push(queue.shift()!);
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(queue.shift()).toBeUndefined();
  });

  it('peeks, iterates head first and clears', () => {
    const queue = new RunQueue<string>();
    queue.push('a');
    queue.push('b');
    expect(queue.peek()).toBe('a');
    expect([...queue]).toEqual(['a', 'b']);
    queue.clear();
    expect(queue.length).toBe(0);
    expect(queue.peek()).toBeUndefined();
  });

  it('rejects a capacity below one', () => {
    expect(() => new RunQueue(0)).toThrow(new RangeError('RunQueue: capacity must be >= 1, got 0'));
  });
});
