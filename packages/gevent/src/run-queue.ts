import type { Firable } from './firable.js';

/**
 * The hub's callback queue: a growable ring buffer of (target, tag) pairs. Strict FIFO, O(1)
 * push and shift, no allocation per entry once grown, so `sleep(0)` and wake-ups cost nothing
 * but two array writes.
 */
export class RunQueue {
  private targets: (Firable | undefined)[] = new Array<Firable | undefined>(1024);
  private tags: number[] = new Array<number>(1024).fill(0);
  private head = 0;
  private mask = 1023;
  /** Number of queued entries. */
  length = 0;

  push(target: Firable, tag: number): void {
    if (this.length > this.mask) this.grow();
    const i = (this.head + this.length) & this.mask;
    this.targets[i] = target;
    this.tags[i] = tag;
    this.length++;
  }

  /** Remove the oldest entry and run it. The caller checks `length > 0` first. */
  fireNext(): void {
    const i = this.head;
    const target = this.targets[i]!;
    const tag = this.tags[i]!;
    this.targets[i] = undefined;
    this.head = (i + 1) & this.mask;
    this.length--;
    target.fire(tag);
  }

  private grow(): void {
    const size = this.mask + 1;
    const targets = new Array<Firable | undefined>(size * 2);
    const tags = new Array<number>(size * 2).fill(0);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & this.mask;
      targets[k] = this.targets[i];
      tags[k] = this.tags[i]!;
    }
    this.targets = targets;
    this.tags = tags;
    this.head = 0;
    this.mask = size * 2 - 1;
  }
}
