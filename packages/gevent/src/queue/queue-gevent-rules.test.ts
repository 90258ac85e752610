// Queue behaviour checked line by line against Python's gevent 22.10 (scripts run on both).
import { beforeEach, describe, expect, it } from 'vitest';
import { SimpleQueue } from './simple-queue.js';
import { sleep } from '../hub/sleep.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub, inMain } from '../test-support.js';

describe('queues as gevent 22.10 runs them', () => {
  beforeEach(() => {
    freshHub();
  });

  it('raising maxsize does not wake a waiting putter; the next get does', async () => {
    const q = new SimpleQueue<number>(1, [1]);
    const log: string[] = [];
    await inMain(function* () {
      spawn(function* () {
        yield* q.put(2);
        log.push('put 2');
      });
      yield* sleep(0);
      q.maxsize = 3;
      yield* sleep(0);
      yield* sleep(10);
      expect([q.qsize(), log]).toEqual([1, []]);
      expect(yield* q.get()).toBe(1);
      yield* sleep(0);
      expect([q.qsize(), log]).toEqual([1, ['put 2']]);
    });
  });
});
