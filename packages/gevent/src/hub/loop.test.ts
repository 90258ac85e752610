import { beforeEach, describe, expect, it } from 'vitest';
import { spawn } from '../greenlet/spawn.js';
import { freshHub } from '../test-support.js';
import { Timeout } from '../timeout.js';
import type { Hub } from './hub.js';
import { sleep } from './sleep.js';

// getHub().loop: gevent's loop surface. Expected orders are what /work/h3/py/loop1.py-style
// scripts print under Python's gevent 22.10 (libev).
describe('hub.loop (gevent loop watchers)', () => {
  let hub: Hub;
  let reports: string[];
  beforeEach(() => {
    ({ hub, reports } = freshHub());
  });

  it('one iteration runs prepare, the callbacks, check, then the timers', async () => {
    const out: string[] = [];
    const loop = hub.loop;
    const p = loop.prepare();
    p.start(() => out.push('prepare'));
    const c = loop.check();
    c.start(() => out.push('check'));
    loop.timer(0).start(() => out.push('timer'));
    loop.runCallback(() => out.push('callback'));
    spawn(() => void out.push('greenlet'));
    await sleep(1);
    out.push('main');
    p.stop();
    c.stop();
    expect(out).toEqual(['prepare', 'callback', 'greenlet', 'check', 'timer', 'prepare', 'check', 'main']);
  });

  it('a repeating timer passes its arguments and may stop itself; an idle watcher runs until stopped', async () => {
    const loop = hub.loop;
    let idles = 0;
    const idle = loop.idle();
    idle.start(() => {
      if (++idles === 3) idle.stop();
    });
    const ticks: string[] = [];
    const tick = loop.timer(1, 1);
    tick.start((x: string) => {
      ticks.push(x);
      if (ticks.length === 3) tick.stop();
    }, 'x');
    expect([tick.active, tick.pending, tick.ref, idle.active]).toEqual([true, false, true, true]);
    await sleep(10);
    expect(idles).toBe(3);
    expect(ticks).toEqual(['x', 'x', 'x']);
    expect([tick.active, idle.active]).toEqual([false, false]);
  });

  it('a throwing timer callback is reported through handleError and the loop keeps running', async () => {
    const errors: unknown[] = [];
    hub.handleError = (context, error) => void errors.push([String(context), error]);
    const done: string[] = [];
    spawn(function* () {
      yield* sleep(5);
      done.push('pending sleep returned');
    });
    hub.loop.timer(0).start(function bad() {
      throw new RangeError('boom');
    });
    await sleep(2);
    done.push('main after bad timer');
    await sleep(10);
    expect(errors).toEqual([['<TimerWatcher after=0 callback=bad>', new RangeError('boom')]]);
    expect(done).toEqual(['main after bad timer', 'pending sleep returned']);
  });

  it('prints a failing watcher callback the way gevent prints one', async () => {
    hub.loop.timer(0).start(function bad() {
      throw new RangeError('boom');
    });
    await sleep(1);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/RangeError: boom[\s\S]*\n\S+ <TimerWatcher after=0 callback=bad> failed with RangeError\n\n$/);
  });

  it('an async watcher runs its callback in the hub after send(), once per batch of sends', async () => {
    const out: string[] = [];
    const a = hub.loop.async();
    a.start(() => out.push('async'));
    a.send();
    a.send();
    expect([a.pending, a.active]).toEqual([true, true]);
    await sleep(1);
    expect(out).toEqual(['async']);
    expect(a.pending).toBe(false);
    a.close();
    expect(a.active).toBe(false);
    a.send();
    await sleep(1);
    expect(out).toEqual(['async']);
  });

  it('an active async watcher keeps hub.join() waiting until it is closed', async () => {
    const a = hub.loop.async();
    a.start(() => a.close());
    expect(await hub.join(50)).toBe(false);
    a.send();
    expect(await hub.join(50)).toBe(true);
  });

  it('stop() drops the callback and arguments; ref = false lets the loop finish without it', async () => {
    const out: number[] = [];
    const t = hub.loop.timer(10);
    expect(t.active).toBe(false);
    t.start((n: number) => out.push(n), 2);
    expect(t.active).toBe(true);
    t.stop();
    expect([t.active, t.callback, t.args]).toEqual([false, null, null]);
    t.start((n: number) => out.push(n), 3);
    t.ref = false;
    expect(t.ref).toBe(false);
    expect(await hub.join()).toBe(true);
    expect(out).toEqual([]);
    await sleep(20);
    expect(out).toEqual([3]);
  });

  it('rejects bad arguments, naming them and showing what they got', () => {
    expect(() => hub.loop.timer('100' as never)).toThrow(new TypeError("loop.timer: after must be a number of milliseconds, got '100' (a string)"));
    expect(() => hub.loop.timer(1, -1)).toThrow(new RangeError('loop.timer: repeat must not be negative, got -1'));
    expect(() => hub.loop.timer(1).start(5 as never)).toThrow(new TypeError('start: callback must be a function, got 5 (a number)'));
    expect(() => {
      hub.loop.timer(1).ref = 'no' as never;
    }).toThrow(new TypeError("ref must be a boolean, got 'no' (a string)"));
  });

  it('runCallback returns a callback that can be stopped, and counts as pending', () => {
    const cb = hub.loop.runCallback(() => undefined);
    expect(cb.pending).toBe(true);
    expect(hub.loop.pendingCallbacks).toBe(1);
    cb.stop();
    expect(cb.pending).toBe(false);
  });

  it('an Infinity timer never fires and arms no host timer', async () => {
    const t = hub.loop.timer(Infinity);
    let fired = false;
    t.start(() => (fired = true));
    t.ref = false;
    await sleep(100);
    expect(fired).toBe(false);
    t.close();
    const timeout = new Timeout(Infinity).start();
    await sleep(10);
    timeout.close();
  });

  it('main resuming mid-way through the callbacks does not start a new iteration: prepare runs once', async () => {
    // Python: ['m0', 'prep', 'g0', 'm1', 'g1', 'm2'] (main stops the watchers before the check phase).
    const log: string[] = [];
    const prepare = hub.loop.prepare();
    prepare.start(() => void log.push('prep'));
    const check = hub.loop.check();
    check.start(() => void log.push('check'));
    spawn(function* () {
      for (let i = 0; i < 2; i++) {
        log.push(`g${i}`);
        yield* sleep(0);
      }
    });
    for (let i = 0; i < 3; i++) {
      log.push(`m${i}`);
      await sleep(0);
    }
    prepare.stop();
    check.stop();
    expect(log).toEqual(['m0', 'prep', 'g0', 'm1', 'g1', 'm2']);
  });
});
