import { beforeEach, describe, expect, it } from 'vitest';
import { AsyncResult } from '../sync/async-result.js';
import { Channel } from '../queue/channel.js';
import { getCurrent, getHub } from '../hub/current.js';
import { Greenlet } from './greenlet.js';
import { GreenletExit } from './greenlet-exit.js';
import { joinAll, killAll } from './join-all.js';
import { Queue } from '../queue/queue.js';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { sleep } from '../hub/sleep.js';
import { spawn, spawnLater, spawnRaw } from './spawn.js';
import { ExpectedError, freshHub, genericGetTests, genericWaitTests, inMain } from '../test-support.js';
import { withTimeout } from '../with-timeout.js';

// gevent/src/gevent/tests/test__greenlet.py, on the virtual clock (DELAY = 10 ms).
const DELAY = 10;
const X = { marker: 'X' };

function* raise(error: unknown): Generator<never, never, unknown> {
  throw error;
}

describe('test__greenlet', () => {
  let reports: string[];
  beforeEach(() => {
    ({ reports } = freshHub());
  });

  describe('TestLink', () => {
    it('test_link_to_asyncresult', async () => {
      await inMain(function* () {
        const p = spawn(() => 100);
        const event = new AsyncResult<number>();
        p.link(event);
        expect(yield* event.get()).toBe(100);
        for (let i = 0; i < 3; i++) {
          const event2 = new AsyncResult<number>();
          p.link(event2);
          expect(yield* event2.get()).toBe(100);
        }
      });
    });

    it('test_link_to_asyncresult_exception', async () => {
      await inMain(function* () {
        const err = new ExpectedError('test_link_to_asyncresult_exception');
        const p = spawn(() => raise(err));
        const event = new AsyncResult();
        p.link(event);
        yield* expectRaises(event.get(), err);
        for (let i = 0; i < 3; i++) {
          const event2 = new AsyncResult();
          p.link(event2);
          yield* expectRaises(event2.get(), err);
        }
      });
    });

    it('test_link_to_queue', async () => {
      await inMain(function* () {
        const p = spawn(() => 100);
        const q = new Queue<Greenlet<number>>();
        p.link((g) => q.putNowait(g));
        expect(yield* (yield* q.get()).get()).toBe(100);
        for (let i = 0; i < 3; i++) {
          p.link((g) => q.putNowait(g));
          expect(yield* (yield* q.get()).get()).toBe(100);
        }
      });
    });

    it('test_link_to_channel', async () => {
      await inMain(function* () {
        const q = new Channel<Greenlet<number>>();
        for (const n of [101, 102, 103]) spawn(() => n).link((g) => q.put(g));
        const results = [yield* (yield* q.get()).get(), yield* (yield* q.get()).get(), yield* (yield* q.get()).get()];
        expect(results.sort()).toEqual([101, 102, 103]);
      });
    });
  });

  describe('TestUnlink', () => {
    const dummy = (): void => undefined;
    const other = (): void => undefined;
    for (const method of ['link', 'linkValue', 'linkException'] as const) {
      const name = { link: 'test_func_link', linkValue: 'test_func_link_value', linkException: 'test_func_link_exception' }[method];
      it(name, async () => {
        const p = spawn(dummy);
        p[method](dummy);
        expect(p.hasLinks()).toBe(true);
        p.unlink(dummy);
        expect(p.hasLinks()).toBe(false);
        p[method](other);
        expect(p.hasLinks()).toBe(true);
        p.unlink(other);
        expect(p.hasLinks()).toBe(false);
        await p.kill();
      });
    }
  });

  function setLinks(p: Greenlet<unknown>, link: (cb: any) => void) {
    const event = new AsyncResult();
    link(event);
    const queue = new Queue<Greenlet<unknown>>(1);
    link((g: Greenlet<unknown>) => queue.putNowait(g));
    const callbackFlag = ['initial'];
    link(() => callbackFlag.splice(callbackFlag.indexOf('initial'), 1));
    for (let i = 0; i < 10; i++) {
      link(new AsyncResult());
      const q = new Queue<unknown>(1);
      link((g: unknown) => q.putNowait(g));
    }
    return { event, queue, callbackFlag };
  }

  function setLinksTimeout(link: (cb: any) => void) {
    const event = new AsyncResult();
    link(event);
    const queue = new Channel<unknown>();
    link((g: unknown) => queue.put(g));
    return { event, queue };
  }

  function* checkTimedOut(event: AsyncResult, queue: Channel<unknown>) {
    expect(yield* withTimeout(DELAY, event.get(), { timeoutValue: X })).toBe(X);
    expect(yield* withTimeout(DELAY, queue.get(), { timeoutValue: X })).toBe(X);
  }

  for (const linkMethod of ['link', 'linkValue'] as const) {
    describe(linkMethod === 'link' ? 'TestReturn_link' : 'TestReturn_link_value', () => {
      it('test_return', async () => {
        await inMain(function* () {
          const p = spawn(() => 25);
          for (let i = 0; i < 3; i++) {
            const { event, queue, callbackFlag } = setLinks(p, (cb) => p[linkMethod](cb));
            const timedOut = setLinksTimeout((cb) => p.linkException(cb));
            yield* sleep(DELAY * 2);
            expect(p.started).toBe(false);
            expect(yield* event.get()).toBe(25);
            expect(yield* (yield* queue.get()).get()).toBe(25);
            yield* sleep(DELAY);
            expect(callbackFlag).toEqual([]);
            yield* checkTimedOut(timedOut.event, timedOut.queue);
          }
          yield* p.kill();
        });
      });

      it('test_kill', async () => {
        await inMain(function* () {
          const p = spawn(() => sleep(DELAY));
          for (let i = 0; i < 3; i++) {
            const { event, queue, callbackFlag } = setLinks(p, (cb) => p[linkMethod](cb));
            const timedOut = setLinksTimeout((cb) => p.linkException(cb));
            yield* p.kill();
            yield* sleep(DELAY);
            expect(p.started).toBe(false);
            expect(yield* event.get()).toBeInstanceOf(GreenletExit);
            expect(yield* (yield* queue.get()).get()).toBeInstanceOf(GreenletExit);
            yield* sleep(DELAY);
            expect(callbackFlag).toEqual([]);
            yield* checkTimedOut(timedOut.event, timedOut.queue);
          }
        });
      });
    });
  }

  for (const linkMethod of ['link', 'linkException'] as const) {
    describe(linkMethod === 'link' ? 'TestRaise_link' : 'TestRaise_link_exception', () => {
      it('test_raise', async () => {
        await inMain(function* () {
          const p = spawn(() => raise(new ExpectedError('test_raise')));
          for (let i = 0; i < 3; i++) {
            const { event, queue, callbackFlag } = setLinks(p, (cb) => p[linkMethod](cb));
            const timedOut = setLinksTimeout((cb) => p.linkValue(cb));
            yield* sleep(DELAY);
            expect(p.started).toBe(false);
            yield* expectRaises(event.get(), ExpectedError);
            expect(yield* queue.get()).toBe(p);
            yield* sleep(DELAY);
            expect(callbackFlag).toEqual([]);
            yield* checkTimedOut(timedOut.event, timedOut.queue);
          }
        });
      });
    });
  }

  describe('TestStuff', () => {
    it('test_minimal_id', async () => {
      const g = spawn(() => 1);
      expect(g.id).toBeGreaterThanOrEqual(0);
      expect(g.parent).toBe(getHub());
      await g.join();
    });

    it('test_wait_noerrors', async () => {
      await inMain(function* () {
        const [x, y, z] = [spawn(() => 1), spawn(() => 2), spawn(() => 3)];
        yield* joinAll([x, y, z], { raiseError: true });
        expect([x.value, y.value, z.value]).toEqual([1, 2, 3]);
        let e = new AsyncResult();
        x.link(e);
        expect(yield* e.get()).toBe(1);
        x.unlink(e);
        e = new AsyncResult();
        x.link(e);
        expect(yield* e.get()).toBe(1);
      });
    });

    it('test_wait_error', async () => {
      await inMain(function* () {
        const x = spawn(function* () {
          yield* sleep(DELAY);
          return 1;
        });
        const y = spawn(() => raise(new ExpectedError('test_wait_error')));
        yield* expectRaises(joinAll([x, y], { raiseError: true }), ExpectedError);
        yield* expectRaises(joinAll([y], { raiseError: true }), ExpectedError);
        yield* x.join();
      });
    });

    it('test_joinall_exception_order', async () => {
      await inMain(function* () {
        const a = spawn(function* () {
          yield* sleep(100);
          throw new ExpectedError('first');
        });
        const b = spawn(() => raise(new ExpectedError('second')));
        yield* expectRaises(joinAll([a, b], { raiseError: true }), /second/);
        yield* joinAll([a, b]);
      });
    });

    it('test_joinall_count_raise_error', async () => {
      await inMain(function* () {
        const sleeper = spawn(function* () {
          for (;;) yield* sleep(100);
        });
        const raiser = spawn(() => raise(new ExpectedError('count')));
        yield* joinAll([sleeper, raiser], { raiseError: false, count: 1 });
        expect(raiser.ready()).toBe(true);
        expect(sleeper.ready()).toBe(false);
        yield* sleeper.kill();
        expect(sleeper.ready()).toBe(true);
      });
    });

    it('test_multiple_listeners_error', async () => {
      await inMain(function* () {
        let results: number[] = [];
        const listener1 = (): void => {
          results.push(10);
          throw new ExpectedError('listener1');
        };
        const listener2 = (): void => {
          results.push(20);
          throw new ExpectedError('listener2');
        };
        const listener3 = (): void => {
          throw new ExpectedError('listener3');
        };
        let p: Greenlet<unknown> = spawn(() => 5);
        p.link(listener1);
        p.link(listener2);
        p.link(listener3);
        yield* sleep(DELAY * 10);
        expect(results).toEqual([10, 20]);
        p = spawn(() => raise(new ExpectedError('test_multiple_listeners_error')));
        results = [];
        p.link(listener1);
        p.link(listener2);
        p.link(listener3);
        yield* sleep(DELAY * 10);
        expect(results).toEqual([10, 20]);
      });
      expect(reports.filter((r) => r.includes('failed with ExpectedError'))).toHaveLength(7);
    });

    function results<S extends { unlink(cb: any): void }>() {
      const log: number[] = [];
      const listener1 = (p: S): void => {
        p.unlink(listener2);
        log.push(5);
        throw new ExpectedError('listener1');
      };
      const listener2 = (p: S): void => {
        p.unlink(listener1);
        log.push(5);
        throw new ExpectedError('listener2');
      };
      const listener3 = (): void => {
        throw new ExpectedError('listener3');
      };
      return { log, listener1, listener2, listener3 };
    }

    it('test_multiple_listeners_error_unlink_Greenlet_link', async () => {
      await inMain(function* () {
        const p = spawn(() => 5);
        const r = results<Greenlet<number>>();
        p.link(r.listener1);
        p.link(r.listener2);
        p.link(r.listener3);
        yield* sleep(DELAY * 10);
        // Each link() greenlet runs before the next link is notified: listener1 unlinks listener2.
        expect(r.log).toEqual([5]);
        yield* p.kill();
      });
    });

    it('test_multiple_listeners_error_unlink_Greenlet_rawlink', async () => {
      await inMain(function* () {
        const p = spawn(() => 5);
        const r = results<Greenlet<number>>();
        p.rawlink(r.listener1);
        p.rawlink(r.listener2);
        p.rawlink(r.listener3);
        yield* sleep(DELAY * 10);
        expect(r.log).toEqual([5]);
      });
    });

    it('test_multiple_listeners_error_unlink_AsyncResult_rawlink', async () => {
      await inMain(function* () {
        const e = new AsyncResult<number>();
        spawn(() => e.set(6));
        const r = results<AsyncResult<number>>();
        e.rawlink(r.listener1);
        e.rawlink(r.listener2);
        e.rawlink(r.listener3);
        yield* sleep(DELAY * 10);
        expect(r.log).toEqual([5]);
      });
    });
  });

  describe('TestStr', () => {
    // gevent's assert_nstr_*: the address is replaced by X.
    const nstr = (g: Greenlet<unknown>): string => String(g).replace(/0x[0-9a-f]+/g, 'X');

    it('test_function', async () => {
      const g = Greenlet.spawn(function dummyTestFunc() {});
      expect(nstr(g).endsWith('at X: dummyTestFunc>')).toBe(true);
      expect(g.ready()).toBe(false);
      await g.join();
      expect(g.ready()).toBe(true);
      expect(nstr(g).endsWith('at X: dummyTestFunc>')).toBe(true);
    });

    it('test_method', async () => {
      class A {
        method(): void {}
      }
      const a = new A();
      const g = Greenlet.spawn(a.method.bind(a));
      expect(nstr(g).startsWith('<Greenlet at X:')).toBe(true);
      // Reading the name (gevent: generating its minimal_ident) makes it show.
      void g.name;
      expect(nstr(g).startsWith('<Greenlet "Greenlet-')).toBe(true);
      g.name = 'Foo';
      expect(nstr(g).startsWith('<Greenlet "Foo"')).toBe(true);
      // A bound function's name is JavaScript's 'bound method' (gevent: the bound method's repr).
      expect(nstr(g).endsWith('at X: bound method>')).toBe(true);
      expect(g.ready()).toBe(false);
      await g.join();
      expect(g.ready()).toBe(true);
      expect(nstr(g).endsWith('at X: bound method>')).toBe(true);
    });

    it('test_subclass', () => {
      class Subclass extends Greenlet {
        override run(): string {
          return 'ran';
        }
      }
      let g = new Subclass();
      expect(nstr(g).startsWith('<Subclass ')).toBe(true);
      // gevent's subclasses override _run; here they override run().
      expect(nstr(g).endsWith('at X: run>')).toBe(true);
      g = new Subclass(undefined, 'question', 42);
      expect(nstr(g).endsWith(" at X: run('question', 42)>")).toBe(true);
    });
  });

  describe('TestJoin', () => {
    genericWaitTests(function* (timeout) {
      const g = spawn(() => sleep(10_000));
      try {
        return yield* g.join(timeout);
      } finally {
        yield* g.kill();
      }
    });
  });

  describe('TestGet', () => {
    genericGetTests(function* (timeout) {
      const g = spawn(() => sleep(10_000));
      try {
        return yield* g.get({ timeout });
      } finally {
        yield* g.kill();
      }
    });
  });

  describe('TestJoinAll0', () => {
    genericWaitTests(function* (timeout) {
      yield* joinAll([new Greenlet(() => undefined)], { timeout: timeout as number });
    });
  });

  describe('TestJoinAll', () => {
    genericWaitTests(function* (timeout) {
      const g = spawn(() => sleep(10_000));
      try {
        yield* joinAll([g], { timeout: timeout as number });
      } finally {
        yield* g.kill();
      }
    });
  });

  describe('TestBasic', () => {
    it('test_spawn_non_callable', () => {
      expect(() => spawn(1 as any)).toThrow(TypeError);
      expect(() => spawnRaw(1 as any)).toThrow(TypeError);
      expect(() => (spawnLater as (ms: number) => unknown)(1)).toThrow(TypeError);
      expect(() => spawnLater(1, 1 as any)).toThrow(TypeError);
    });

    it('test_spawn_raw_kwargs', async () => {
      const value: unknown[] = [];
      const g = spawnRaw((...args: unknown[]) => value.push(args), 1, { name: 'value' });
      await sleep(10);
      expect(g.dead).toBe(true);
      expect(value).toEqual([[1, { name: 'value' }]]);
    });

    it('test_simple_exit', async () => {
      const linkTest: unknown[] = [];
      const g = new Greenlet(function* (delay: number, returnValue = 4) {
        yield* sleep(delay);
        return returnValue;
      }, 10, 5);
      g.rawlink((x) => linkTest.push(x));
      const state = (): unknown[] => [g.started, g.dead, g.ready(), g.successful(), g.value, g.exception];
      expect(state()).toEqual([false, false, false, false, undefined, undefined]);
      g.start();
      expect(state()).toEqual([true, false, false, false, undefined, undefined]);
      await sleep(1);
      expect(state()).toEqual([true, false, false, false, undefined, undefined]);
      expect(linkTest).toEqual([]);
      await sleep(20);
      expect(state()).toEqual([false, true, true, true, 5, undefined]);
      expect(linkTest).toEqual([g]);
    });

    it('test_error_exit', async () => {
      const linkTest: unknown[] = [];
      const g = new Greenlet(function* (delay: number, returnValue: number) {
        yield* sleep(delay);
        const error = new ExpectedError('test_error_exit');
        Object.assign(error, { myattr: returnValue });
        throw error;
      }, 1, 5);
      g.rawlink((x) => linkTest.push(x));
      g.start();
      await sleep();
      await sleep(200);
      expect([g.started, g.dead, g.ready(), g.successful(), g.value]).toEqual([false, true, true, false, undefined]);
      expect((g.exception as { myattr: number }).myattr).toBe(5);
      expect(linkTest).toEqual([g]);
      expect(reports.join('')).toMatch(/<Greenlet at 0x[0-9a-f]+: .+> failed with ExpectedError/);
    });

    it('test_add_spawn_callback', async () => {
      let called = 0;
      const seen = new Set<unknown>();
      const cb = (g: Greenlet<unknown>): void => {
        called++;
        seen.add(g);
      };
      Greenlet.addSpawnCallback(cb);
      try {
        let g: Greenlet<unknown> = spawn(() => undefined);
        expect(seen.has(g)).toBe(true);
        await g.join();
        expect(called).toBe(1);
        g = spawnLater(0.01, () => undefined);
        expect(seen.has(g)).toBe(true);
        await g.join();
        expect(called).toBe(2);
        g = new Greenlet(() => undefined);
        g.start();
        expect(seen.has(g)).toBe(true);
        await g.join();
        expect(called).toBe(3);
        Greenlet.removeSpawnCallback(cb);
        g = spawn(() => undefined);
        expect(seen.has(g)).toBe(false);
        await g.join();
        expect(called).toBe(3);
      } finally {
        Greenlet.removeSpawnCallback(cb);
      }
    });
  });

  // TestKill and its subclasses: kill before start, after start(), after startLater(), while running.
  const starts: Record<string, ((g: Greenlet<unknown>) => void) | null> = {
    TestKill: null,
    TestKillAfterStart: (g) => g.start(),
    TestKillAfterStartLater: (g) => g.startLater(200),
    TestKillWhileRunning: (g) => g.start(),
  };
  for (const [suite, start] of Object.entries(starts)) {
    describe(suite, () => {
      const whileRunning = suite === 'TestKillWhileRunning';
      function* doTest(block: boolean, useKillAll: boolean, exc?: unknown) {
        const linkTest: unknown[] = [];
        const result: number[] = [];
        const g = new Greenlet(function* (collector: number[]) {
          if (whileRunning) yield* sleep(10_000);
          collector.push(1);
        }, result);
        g.link((x) => linkTest.push(x));
        if (start !== null) start(g);
        if (whileRunning) yield* sleep(0);
        const exception = exc ?? GreenletExit;
        const killer = function* () {
          if (useKillAll) {
            if (block) yield* killAll([g], exception);
            else killAll([g], exception, { block: false });
          } else if (block) yield* g.kill(exception);
          else g.kill(exception, { block: false });
        };
        yield* killer();
        if (!block) yield* sleep(1);
        const successful = exc === undefined;
        yield* assertKilled(g, successful);
        yield* killer();
        yield* assertKilled(g, successful);
        if (whileRunning) yield* sleep(10);
        expect(result).toEqual([]);
        expect(linkTest).toEqual([g]);
      }
      function* assertKilled(g: Greenlet<unknown>, successful: boolean) {
        const check = (): void => {
          expect(g.started).toBe(false);
          expect(g.dead).toBe(true);
          expect(g.ready()).toBe(true);
          expect(g.successful()).toBe(successful);
          if (successful) {
            expect(g.value).toBeInstanceOf(GreenletExit);
            expect(g.exception).toBeUndefined();
          } else {
            expect(g.value).not.toBeInstanceOf(GreenletExit);
            expect(g.exception).toBeDefined();
          }
        };
        check();
        yield* sleep(10);
        check();
      }
      const cases: [string, boolean, boolean, unknown][] = [
        ['test_block', true, false, undefined],
        ['test_non_block', false, false, undefined],
        ['test_block_killall', true, true, undefined],
        ['test_non_block_killal', false, true, undefined],
        ['test_non_type_exception', true, false, new Error('x')],
        ['test_non_type_exception_non_block', false, false, new Error('x')],
        ['test_non_type_exception_killall', true, true, new Error('x')],
        ['test_non_type_exception_killall_non_block', false, true, new Error('x')],
        ['test_non_exc_exception', true, false, 42],
        ['test_non_exc_exception_non_block', false, false, 42],
        ['test_non_exc_exception_killall', true, true, 42],
        ['test_non_exc_exception_killall_non_block', false, true, 42],
      ];
      for (const [name, block, useKillAll, exc] of cases) {
        it(name, async () => {
          await inMain(() => doTest(block, useKillAll, exc));
        });
      }
    });
  }

  describe('TestKillallRawGreenlet', () => {
    it('test_killall_raw', async () => {
      const g = spawnRaw(() => 1);
      await killAll([g]);
      expect(g.dead).toBe(true);
    });
  });

  describe('TestStart', () => {
    it('test_start', async () => {
      const g = spawn(() => sleep(DELAY));
      expect(g.started).toBe(true);
      g.start();
      expect(g.started).toBe(true);
      await g.join();
      expect(g.ready()).toBe(true);
      g.start();
      expect(g.ready()).toBe(true);
      expect(g.started).toBe(false);
    });
  });

  describe('TestRef', () => {
    it('test_kill_scheduled', async () => {
      const g = spawn(() => sleep(200));
      await g.kill();
      expect(g.value).toBeInstanceOf(GreenletExit);
    });

    it('test_kill_started', async () => {
      const g = spawn(() => sleep(200));
      try {
        await sleep(1);
      } finally {
        await g.kill();
      }
      expect(g.dead).toBe(true);
    });
  });

  describe('TestDeadPropertyDuringSwitch', () => {
    it('test_dead_is_false_for_current_greenlet_during_switch', async () => {
      const deadValues: boolean[] = [];
      const previous = getHub().setTrace((event, _origin, target: RawGreenlet) => {
        if (event === 'switch' && target !== getHub()) deadValues.push(target.dead);
      });
      try {
        await spawn(() => 42).join();
      } finally {
        getHub().setTrace(previous);
      }
      expect(deadValues.length).toBeGreaterThan(0);
      expect(deadValues.every((dead) => !dead)).toBe(true);
    });
  });

  describe('a blocking kill resumes the killer from the kill callback (gevent\'s Waiter)', () => {
    for (const [name, many] of [
      ['kill', false],
      ['killAll', true],
    ] as const) {
      it(`${name}: the killer runs on before callbacks queued after its kill`, async () => {
        // Python: ['kill', 'other', 'victim exit', ('victim exit',) 'killer resumed', 'other again']
        const order: string[] = [];
        function* victim(): Generator<any, void, any> {
          try {
            yield* sleep(1000);
          } catch (error) {
            if (error instanceof GreenletExit) order.push('victim exit');
            throw error;
          }
        }
        const victims = many ? [spawn(victim), spawn(victim)] : [spawn(victim)];
        spawn(function* () {
          order.push('kill');
          yield* many ? killAll(victims) : victims[0]!.kill();
          order.push('killer resumed');
        });
        spawn(function* () {
          order.push('other');
          yield* sleep(0);
          order.push('other again');
        });
        await sleep(10);
        expect(order).toEqual(['kill', 'other', ...victims.map(() => 'victim exit'), 'killer resumed', 'other again']);
      });
    }
  });

  describe('killing yourself', () => {
    it('a blocking kill() of the current greenlet raises GreenletExit at that call: it dies successful (as in gevent)', async () => {
      const out: string[] = [];
      const g = spawn(function* (): Generator<any, string, any> {
        out.push('before');
        yield* (getCurrent() as Greenlet<string>).kill();
        out.push('after');
        return 'not reached';
      });
      await g.join();
      // Python: ['before'] GreenletExit() True
      expect(out).toEqual(['before']);
      expect(g.value).toBeInstanceOf(GreenletExit);
      expect(g.successful()).toBe(true);
    });
  });

  describe('joining yourself with a timeout', () => {
    it('waits out the timeout, as gevent: join returns, get raises the Timeout', async () => {
      // Python: g.join(timeout=0.076) on itself returns None after 76 ms; get(timeout=…) raises Timeout.
      const out: unknown[] = [];
      const g = spawn(function* (): Generator<any, void, any> {
        const me = getCurrent() as Greenlet<void>;
        const start = getHub().clock.now();
        out.push(yield* me.join(76));
        out.push(getHub().clock.now() - start);
        try {
          yield* me.get({ timeout: 10 });
        } catch (error) {
          out.push((error as Error).name);
        }
      });
      await g.join();
      expect(out).toEqual([undefined, 76, 'Timeout']);
    });
  });

  describe('joining yourself (port rule)', () => {
    it('raises instead of blocking forever', async () => {
      const g = spawn(function* (): Generator<any, void, any> {
        yield* getCurrent() === g ? g.join() : sleep(0);
      });
      await g.join();
      expect(String(g.exception)).toMatch(/cannot join itself/);
    });
  });
});

function* expectRaises(op: { [Symbol.iterator](): Iterator<unknown, unknown, unknown> }, expected: unknown): Generator<any, void, any> {
  try {
    yield* op as Generator<any, unknown, any>;
  } catch (error) {
    if (typeof expected === 'function') expect(error).toBeInstanceOf(expected);
    else if (expected instanceof RegExp) expect(String((error as Error).message)).toMatch(expected);
    else expect(error).toBe(expected);
    return;
  }
  throw new Error('expected the operation to raise');
}
