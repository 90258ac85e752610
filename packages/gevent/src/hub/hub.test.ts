import { AsyncLocalStorage } from 'node:async_hooks';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inspect, promisify } from 'node:util';
import type { Suspend, VirtualClock } from '@coro/core';
import { getCurrent as greenletCurrent, greenlet, GreenletError, isExit } from '@coro/greenlet';
import { beforeEach, describe, expect, it } from 'vitest';
import { getCurrent, getHub } from './current.js';
import { BlockingSwitchOutError, KeyboardInterrupt, LoopExit } from '../errors.js';
import { Event } from '../sync/event.js';
import { Greenlet } from '../greenlet/greenlet.js';
import { GreenletExit } from '../greenlet/greenlet-exit.js';
import type { Hub } from './hub.js';
import { idle } from './idle.js';
import { Queue } from '../queue/queue.js';
import type { RawGreenlet } from './raw-greenlet.js';
import { sleep } from './sleep.js';
import { spawn, spawnRaw } from '../greenlet/spawn.js';
import { freshHub, inMain } from '../test-support.js';
import { Timeout } from '../timeout.js';
import { wait } from '../greenlet/wait.js';
import { withTimeout } from '../with-timeout.js';

describe('the hub (gevent spec §1, §10, §14, §15)', () => {
  let hub: Hub;
  let reports: string[];
  beforeEach(() => {
    ({ hub, reports } = freshHub());
  });

  describe('loop order', () => {
    it('runs callbacks and spawned greenlets before a 0 ms timer queued first', async () => {
      const order: string[] = [];
      await inMain(function* () {
        const t = new Timeout(0).start();
        hub.runCallback(() => order.push('callback'));
        spawn(() => order.push('spawn'));
        try {
          yield* sleep(10);
        } catch (error) {
          if (error !== t) throw error;
          order.push('timer');
        }
      });
      expect(order).toEqual(['callback', 'spawn', 'timer']);
    });

    it('two greenlets looping sleep(0) alternate strictly', async () => {
      const log: string[] = [];
      const body = function* (name: string) {
        for (let i = 0; i < 3; i++) {
          log.push(`${name}${i}`);
          yield* sleep(0);
        }
      };
      await inMain(function* () {
        yield* wait([spawn(body, 'a'), spawn(body, 'b')]);
      });
      expect(log).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    });

    it('a bare yield is a sleep(0)', async () => {
      const log: string[] = [];
      const body = function* (name: string) {
        log.push(`${name}0`);
        yield;
        log.push(`${name}1`);
      };
      await wait([spawn(body, 'a'), spawn(body, 'b')]);
      expect(log).toEqual(['a0', 'b0', 'a1', 'b1']);
    });

    it('idle() resumes once every ready greenlet and callback has run, before later timers', async () => {
      const order: string[] = [];
      spawn(function* () {
        order.push('a');
        yield* sleep(0);
        order.push('a again');
      });
      spawn(function* () {
        yield* sleep(5);
        order.push('timer');
      });
      await inMain(function* () {
        yield* idle();
        order.push('idle');
      });
      await hub.join();
      expect(order).toEqual(['a', 'a again', 'idle', 'timer']);
    });

    it('several idle() waiters resume in libev order (last started first; a stopped one is replaced by the last)', async () => {
      // Python: ['idleD', 'idleC', 'idleB', 'idleA', 'idle2A', 'idle2D', 'idle2C', 'idle2B']
      const order: string[] = [];
      for (const n of 'ABCD') {
        spawn(function* () {
          yield* idle();
          order.push(`idle${n}`);
          yield* idle();
          order.push(`idle2${n}`);
        });
      }
      await sleep(10);
      expect(order).toEqual(['idleD', 'idleC', 'idleB', 'idleA', 'idle2A', 'idle2D', 'idle2C', 'idle2B']);
    });

    it('idle(priority): only the highest priority waiting resumes per idle round', async () => {
      // Python (A 0, B 1, C -1, D 0): ['idleB', 'idleD', 'idleA', 'idleC']
      const order: string[] = [];
      for (const [n, priority] of [
        ['A', 0],
        ['B', 1],
        ['C', -1],
        ['D', 0],
      ] as const) {
        spawn(function* () {
          yield* idle(priority);
          order.push(`idle${n}`);
        });
      }
      await sleep(10);
      expect(order).toEqual(['idleB', 'idleD', 'idleA', 'idleC']);
      expect(() => idle(0.5)).toThrow(new TypeError('idle: priority must be an integer, got 0.5 (a number)'));
    });

    it('timers with the same deadline fire in creation order', async () => {
      const order: number[] = [];
      for (const n of [1, 2, 3]) spawn(function* () {
        yield* sleep(50);
        order.push(n);
      });
      await hub.join();
      expect(order).toEqual([1, 2, 3]);
    });

    it('an endless sleep(0) loop does not starve timers (the switch-interval budget)', async () => {
      freshHub();
      const { Hub } = await import('./hub.js');
      const { setHub } = await import('./current.js');
      const real = new Hub({ switchInterval: 1 });
      real.exceptionStream = null;
      setHub(real);
      let spins = 0;
      const spinner = spawn(function* () {
        for (;;) {
          spins++;
          yield* sleep(0);
        }
      });
      await sleep(5);
      expect(spins).toBeGreaterThan(0);
      await spinner.kill();
      expect(spinner.dead).toBe(true);
    });
  });

  describe('LoopExit and process lifetime', () => {
    it('raises LoopExit in main when nothing can wake it', async () => {
      const error = await new Queue().get().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LoopExit);
      expect(String(error)).toBe('LoopExit: This operation would block forever');
    });

    it('a blocked non-main greenlet just stays blocked; main gets the LoopExit', async () => {
      const q = new Queue<number>();
      const g = spawn(() => q.get());
      await expect(g.join()).rejects.toBeInstanceOf(LoopExit);
      expect(g.dead).toBe(false);
      q.putNowait(1);
      await g.join();
      expect(g.value).toBe(1);
    });

    it('ref: false sleeps do not keep the loop alive', async () => {
      spawn(() => sleep(1000, { ref: false }));
      expect(await hub.join()).toBe(true);
      expect(hub.clock.now()).toBe(0);
    });

    it('hub.join() waits for timers and returns false on its own timeout', async () => {
      spawn(() => sleep(100));
      expect(await hub.join(10)).toBe(false);
      expect(await hub.join()).toBe(true);
      expect(hub.clock.now()).toBe(100);
    });

    it('a script whose greenlets are done exits by itself (real clock)', async () => {
      const script = fileURLToPath(new URL('../../test/exits-by-itself.ts', import.meta.url));
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 });
      expect(stdout.trim().split('\n')).toEqual(['main awaited', 'worker done', 'spawned without await ran']);
    });
  });

  describe('errors (handle_error, §1.7)', () => {
    it('a KeyboardInterrupt in a greenlet is a system error: printed, then raised in main (Hub.SYSTEM_ERROR)', async () => {
      // Python: main's sleep(0.01) raises KeyboardInterrupt('ki'); the greenlet failed with it.
      const g = spawn(() => {
        throw new KeyboardInterrupt('ki');
      });
      const raised = await sleep(10).then(
        () => 'no raise',
        (e: unknown) => e,
      );
      expect(raised).toBe(g.exception);
      expect(raised).toBeInstanceOf(KeyboardInterrupt);
      expect(reports[0]).toMatch(/failed with KeyboardInterrupt/);
    });

    it('handleError(null, error) raises the error in main, as gevent does for a context of None', async () => {
      const error = new RangeError('no context');
      hub.runCallback(() => hub.handleError(null, error));
      await expect(sleep(10)).rejects.toBe(error);
    });

    it('reports an uncaught error as gevent does and leaves other greenlets alone', async () => {
      const bad = spawn(function failing() {
        throw new RangeError('boom');
      });
      const good = spawn(function* () {
        yield* sleep(10);
        return 'fine';
      });
      expect(await good.get()).toBe('fine');
      await expect(bad.get()).rejects.toThrow('boom');
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatch(/RangeError: boom/);
      expect(reports[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ <Greenlet at 0x[0-9a-f]+: \w+> failed with RangeError$/m);
    });

    it('prints where a failed greenlet was spawned, when the hub records spawn stacks', async () => {
      hub.spawnStacks = true;
      const g = spawn(function failing() {
        throw new RangeError('boom');
      });
      await g.join();
      expect(reports[0]).toMatch(/Spawned at:\n[\s\S]*hub\.test\.ts/);
    });

    it('a Timeout started in a hub callback is reported, and the hub keeps running', async () => {
      hub.runCallback(() => Timeout.startNew(1));
      await sleep(5);
      expect(reports.join('')).toMatch(/<Hub .*> failed with Timeout/);
      expect(await spawn(() => 'still running').get()).toBe('still running');
    });

    it('does not print GreenletExit', async () => {
      const g = spawn(() => sleep(100));
      await g.kill();
      expect(reports).toEqual([]);
    });

    it('a handleError that throws is printed and the failing greenlet still raises its own error', async () => {
      hub.handleError = () => {
        throw new Error('handler broke');
      };
      const g = spawn(() => {
        throw new RangeError('own');
      });
      const stderr = process.stderr.write;
      const lines: string[] = [];
      process.stderr.write = ((s: string) => lines.push(s)) as unknown as typeof process.stderr.write;
      try {
        await expect(g.get()).rejects.toThrow('own');
      } finally {
        process.stderr.write = stderr;
      }
      expect(lines.join('')).toMatch(/handler broke/);
    });

    it('a blocking call inside a hub callback raises BlockingSwitchOutError', async () => {
      const caught: unknown[] = [];
      hub.runCallback(() => {
        try {
          sleep(10)[Symbol.iterator]().next();
        } catch (error) {
          caught.push(error);
        }
      });
      await sleep(0);
      expect(caught[0]).toBeInstanceOf(BlockingSwitchOutError);
      expect(String(caught[0])).toMatch(/Impossible to call blocking function in the event loop callback/);
    });

    it('a blocking call created and never delegated to is reported inside the greenlet', async () => {
      let caught: unknown;
      const g = spawn(function* () {
        try {
          // eslint-disable-next-line coro/no-dropped-operation -- the mistake under test
          sleep(10);
          yield* sleep(0);
        } catch (error) {
          caught = error;
        }
      });
      await g.join();
      expect(caught).toBeInstanceOf(TypeError);
      expect(String(caught)).toMatch(/sleep\(…\) was created but never started: write `yield\* sleep\(…\)`/);
    });

    it('yielding an Operation without yield* is reported inside the greenlet', async () => {
      const g = spawn(function* () {
        yield sleep(10) as unknown as undefined;
      });
      await g.join();
      expect(String(g.exception)).toMatch(/yielded an Operation instead of delegating to it/);
    });
  });

  describe('greenlet integration', () => {
    it('a gevent Greenlet is a @coro/greenlet greenlet, its parent is the hub, and getCurrent() agrees', async () => {
      const seen: unknown[] = [];
      const g = spawn(function* () {
        seen.push(greenletCurrent(), getCurrent());
        yield* sleep(1);
        seen.push(greenletCurrent());
      });
      await g.join();
      expect(g).toBeInstanceOf(greenlet);
      expect(getHub()).toBeInstanceOf(greenlet);
      expect(g.parent).toBe(getHub());
      expect(seen).toEqual([g, g, g]);
      expect(greenletCurrent()).not.toBe(g);
    });

    it('GreenletExit is greenlet`s, so isExit() recognises a kill', async () => {
      let recognised = false;
      const g = spawn(function* () {
        try {
          yield* sleep(100);
        } catch (error) {
          recognised = isExit(error);
          throw error;
        }
      });
      await sleep(1);
      await g.kill();
      expect(recognised).toBe(true);
      expect(g.value).toBeInstanceOf(GreenletExit);
    });

    it('refuses a direct greenlet switch into a hub-run greenlet', () => {
      const g = new Greenlet(() => 1);
      expect(() => g.switch()).toThrow(GreenletError);
    });

    it('runs core Suspend instructions, with the hub as host', async () => {
      // What core's sleep does: a timer on the host's clock, cleared by the teardown.
      const suspend: Suspend<number> = {
        enter(resume, host) {
          const handle = host.clock.setTimer(5, () => resume.resolve(7));
          return () => host.clock.clearTimer(handle);
        },
      };
      const value = await spawn(function* (): Generator<Suspend<number>, number, number> {
        return yield suspend;
      }).get();
      expect(value).toBe(7);
      expect(hub.clock.now()).toBe(5);
    });
  });

  describe('wait() without objects (gevent.wait(timeout=…): hub.join)', () => {
    it('wait(undefined, { timeout }) and wait({ timeout }) return false while the hub still has work, true once it has none', async () => {
      // Python: gevent.wait(timeout=0.01) and gevent.wait(None, 0.01) with a greenlet sleeping 1 s → False, False; then True.
      spawn(() => sleep(1000));
      expect(await wait(undefined, { timeout: 10 })).toBe(false);
      expect(await wait(null, { timeout: 10 })).toBe(false);
      expect(await wait({ timeout: 10 })).toBe(false);
      expect(await wait()).toBe(true);
    });
  });

  describe('the promise bridge (wait(promise), §14.2)', () => {
    it('delivers a value and raises a rejection', async () => {
      expect(await spawn(() => wait(Promise.resolve(5))).get()).toBe(5);
      await expect(spawn(() => wait(Promise.reject(new RangeError('no')))).get()).rejects.toThrow('no');
    });

    it('counts as work: hub.join() waits for it, and main does not get LoopExit', async () => {
      let resolve!: (v: string) => void;
      const g = spawn(() => wait(new Promise<string>((r) => (resolve = r))));
      setTimeout(() => resolve('late'), 5);
      expect(await hub.join()).toBe(true);
      expect(g.value).toBe('late');
    });

    it('kill releases the waiter, aborts the signal, and a late rejection is neither delivered nor unhandled', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      let reject!: (e: unknown) => void;
      let signal!: AbortSignal;
      const g = spawn(() =>
        wait((s) => {
          signal = s;
          return new Promise((_, r) => (reject = r));
        }),
      );
      await sleep(0);
      await g.kill();
      expect(g.dead).toBe(true);
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBeInstanceOf(GreenletExit);
      expect(hub.watchers).toBe(0);
      reject(new Error('too late'));
      await new Promise((r) => setTimeout(r, 10));
      process.off('unhandledRejection', onUnhandled);
      expect(unhandled).toEqual([]);
      expect(g.value).toBeInstanceOf(GreenletExit);
    });

    it('a Timeout releases the waiter', async () => {
      const never = new Promise<never>(() => undefined);
      const X = {};
      const started = hub.clock.now();
      const g = spawn(() => withTimeout(50, wait(never), { timeoutValue: X }));
      // Time stands still while a bridged promise is pending, so move it by hand.
      await sleep(0);
      (hub.clock as VirtualClock).advance(50);
      await sleep(0);
      expect(await g.get()).toBe(X);
      expect(hub.clock.now() - started).toBe(50);
    });

    it('spawn() of an async function awaits it through the hub', async () => {
      const g = spawn(async (x: number) => {
        await new Promise((r) => setTimeout(r, 1));
        return x * 2;
      }, 21);
      expect(await g.get()).toBe(42);
    });
  });

  describe('observability and hooks', () => {
    it('runs each greenlet step inside the owner storage', async () => {
      const owners = new AsyncLocalStorage<RawGreenlet>();
      hub.setOwnerStorage(owners);
      const seen: unknown[] = [];
      const g = spawn(function* () {
        seen.push(owners.getStore());
        yield* wait(Promise.resolve().then(() => seen.push(owners.getStore())));
      });
      await g.join();
      hub.setOwnerStorage(null);
      expect(seen).toEqual([g, g]);
    });

    it('traces switches into and out of greenlets, and chains', async () => {
      const events: string[] = [];
      const previous = hub.setTrace((event, origin, target) => events.push(`${event} ${origin.name}->${target.name}`));
      const g = spawn(function* () {
        yield* sleep(0);
      });
      g.name = 'g';
      await g.join();
      hub.setTrace(previous);
      expect(events.filter((e) => e.includes('g'))).toEqual(['switch Hub->g', 'switch g->Hub', 'switch Hub->g', 'switch g->Hub']);
    });

    it('a running or failing greenlet still prints its arguments (gevent frees them when it ends)', async () => {
      // Python: "<Greenlet at 0x…: bad(1, 'x')> failed with ValueError"; while running: bad(2, 'y').
      function* bad(a: number, b: string): Generator<any, never, any> {
        yield* sleep(0);
        throw new RangeError(`${a}${b}`);
      }
      const g = spawn(bad, 1, 'x');
      await g.join();
      expect(reports[0]).toMatch(new RegExp(`Z <Greenlet at 0x${g.id.toString(16)}: bad\\(1, 'x'\\)> failed with RangeError\n\n$`));
      const running = spawn(bad, 2, 'y');
      await sleep(0);
      expect(String(running)).toBe(`<Greenlet at 0x${running.id.toString(16)}: bad(2, 'y')>`);
      await running.join();
      const quiet = spawn((a: number) => a, 3);
      await quiet.join();
      // Never printed before it died: gevent shows `_run` then (its function is gone); this port says `run`.
      expect(String(quiet)).toBe(`<Greenlet at 0x${quiet.id.toString(16)}: run>`);
    });

    it('prints greenlets usefully', async () => {
      // gevent's Greenlet repr: name (once assigned or read), address (the id), function and arguments.
      const g = spawn(function work(ms: number) {
        return sleep(ms);
      }, 10);
      const at = `at 0x${g.id.toString(16)}`;
      expect(inspect(g)).toBe(`<Greenlet ${at}: work(10)>`);
      g.name = 'worker';
      expect(inspect(g)).toBe(`<Greenlet "worker" ${at}: work(10)>`);
      await sleep(1);
      await g.join();
      expect(String(g)).toBe(`<Greenlet "worker" ${at}: work(10)>`);
      const late = spawn((s: string) => s, 'x');
      await late.join();
      // First printed once dead: gevent shows its class's `_run` then (this port: `run`), having dropped the function.
      expect(String(late)).toBe(`<Greenlet at 0x${late.id.toString(16)}: run>`);
      expect(String(spawnRaw(() => 1))).toMatch(/^<RawGreenlet "RawGreenlet-\d+" pending>$/);
      expect(String(getCurrent())).toBe('<RootWaiter "main" current active started main>');
    });

    it('an Event set from a Node timer wakes main (bridging by hand)', async () => {
      const e = new Event();
      const g = spawn(() => wait(new Promise<void>((r) => setTimeout(() => r(e.set()), 2))));
      expect(await e.wait()).toBe(true);
      await g.join();
    });
  });
});
