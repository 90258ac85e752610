import { beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnLater } from '../greenlet/spawn.js';
import { freshHub } from '../test-support.js';
import { Timeout } from '../timeout.js';
import { run } from './run.js';
import { sleep } from './sleep.js';

// Code awaiting gevent calls from ordinary code is gevent's main greenlet: it is resumed from the
// callback queue like any greenlet (round-robin with the others, before timers). Each expected
// list is what the same script prints under Python's gevent 22.10 (issue 12's reproductions).
describe('the main greenlet (top-level await)', () => {
  beforeEach(() => {
    freshHub();
  });

  it('takes turns with a spawned greenlet: sleep(0) in main is one round, not a whole slice', async () => {
    const out: string[] = [];
    spawn(function* g() {
      for (let i = 0; i < 3; i++) {
        out.push(`g${i}`);
        yield* sleep(0);
      }
    });
    await sleep(0);
    out.push('main1');
    await sleep(0);
    out.push('main2');
    await sleep(0);
    out.push('main3');
    await sleep(10);
    expect(out).toEqual(['g0', 'main1', 'g1', 'main2', 'g2', 'main3']);
  });

  it('resumes from sleep(0) before a 0 ms timer fires', async () => {
    const out: string[] = [];
    spawnLater(0, () => void out.push('timer'));
    await sleep(0);
    out.push('main after sleep0');
    await sleep(1);
    out.push('main after sleep 1ms');
    expect(out).toEqual(['main after sleep0', 'timer', 'main after sleep 1ms']);
  });

  it('a Timeout.startNew(0) from top-level code does not fire inside sleep(0), but at the next real wait', async () => {
    const out: string[] = [];
    const timeout = Timeout.startNew(0);
    try {
      await sleep(0);
      out.push('sleep0 returned');
      await sleep(10);
      out.push('sleep10 returned');
    } catch (error) {
      if (error !== timeout) throw error;
      out.push('timeout');
    }
    expect(out).toEqual(['sleep0 returned', 'timeout']);
  });

  it('run(function* main) gives top-level code the same order, with yield*', async () => {
    const out: string[] = [];
    const result = await run(function* main() {
      spawn(function* g() {
        for (let i = 0; i < 3; i++) {
          out.push(`g${i}`);
          yield* sleep(0);
        }
      });
      spawnLater(0, () => void out.push('timer'));
      for (let i = 1; i <= 3; i++) {
        yield* sleep(0);
        out.push(`main${i}`);
      }
      yield* sleep(10);
      return 'main done';
    });
    expect(result).toBe('main done');
    expect(out).toEqual(['g0', 'main1', 'g1', 'main2', 'g2', 'main3', 'timer']);
  });

  it('run() rejects what is not a function, naming it', () => {
    expect(() => run('main' as never)).toThrow(new TypeError('run: main must be a generator function, got string'));
  });
});
