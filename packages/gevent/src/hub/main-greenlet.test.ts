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

  it('a Timeout due with the one that woke main, and cancelled by main, never fires', async () => {
    // gevent switches into main from the first timer's callback; main cancels the second before
    // the hub gets back to it (Python prints 't1', False True, then the new Timeout fires).
    const t1 = Timeout.startNew(10);
    const t2 = Timeout.startNew(10);
    const out: unknown[] = [];
    try {
      await sleep(1000);
    } catch (error) {
      out.push(error === t1 ? 't1' : error === t2 ? 't2' : error);
    }
    out.push(t1.pending, t2.pending);
    t1.cancel();
    t2.cancel();
    const t3 = Timeout.startNew(10);
    try {
      await sleep(20);
      out.push('no timeout');
    } catch (error) {
      out.push(error === t3 ? 't3' : error === t2 ? 't2 (cancelled!)' : error);
    }
    out.push(t3.pending);
    expect(out).toEqual(['t1', false, true, 't3', false]);
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
