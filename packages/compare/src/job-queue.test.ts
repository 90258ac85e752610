import { describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue.js';

describe('JobQueue', () => {
  it('serves items first-in, first-out across growth', () => {
    const queue = new JobQueue<number>();
    for (let i = 0; i < 100; i++) queue.push(i);
    expect(queue.length).toBe(100);
    const out: number[] = [];
    for (let i = 0; i < 50; i++) out.push(queue.shift()!);
    for (let i = 100; i < 150; i++) queue.push(i);
    while (queue.length > 0) out.push(queue.shift()!);
    expect(out).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(queue.shift()).toBeUndefined();
  });

  it('drains every item, oldest first', () => {
    const queue = new JobQueue<string>();
    for (const s of ['a', 'b', 'c']) queue.push(s);
    expect(queue.drain()).toEqual(['a', 'b', 'c']);
    expect(queue.length).toBe(0);
  });
});
