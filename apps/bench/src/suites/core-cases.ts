// The core suite's measurements, one implementation per child process (see core.ts).
import { createRequire } from 'node:module';
import { Scheduler, suspend } from '@coro/core';
import co from 'co';
import * as effection from 'effection';
import { all as sagaAll, fork, join as sagaJoin } from 'redux-saga/effects';
import { runSaga, type Task as SagaTask } from 'redux-saga';
import { bytesPerUnit, opsPerSecond } from '../timing.js';

interface Csp {
  go(gen: (...args: any[]) => Generator<unknown, unknown, unknown>, args?: unknown[]): unknown;
  chan(): unknown;
  put(ch: unknown, value: unknown): unknown;
  take(ch: unknown): unknown;
}
const csp = createRequire(import.meta.url)('js-csp') as Csp;

/** One child's figures: every run's rate (ops/s) or bytes per task. */
export type CaseSamples = number[];
type Runner = (tasks: number, perTask: number) => Promise<void> | void;

const resolved = Promise.resolve();
/** Runs per child; the suite runs several children per implementation (rounds.ts). */
const RUNS = 5;

/** Cooperative switches: `tasks` tasks each hand over the turn `perTask` times. */
const switchers: Record<string, Runner> = {
  '@coro/core': async (tasks, perTask) => {
    const scheduler = new Scheduler();
    for (let t = 0; t < tasks; t++)
      scheduler.spawn(function* () {
        for (let i = 0; i < perTask; i++) yield;
      });
    await scheduler.run();
  },
  'raw-generator': (tasks, perTask) => {
    const gens = Array.from({ length: tasks }, function* () {
      for (let i = 0; i < perTask; i++) yield;
    });
    for (let i = 0; i <= perTask; i++) for (const g of gens) g.next();
  },
  'async-fn': async (tasks, perTask) => {
    const worker = async (): Promise<void> => {
      // eslint-disable-next-line @typescript-eslint/await-thenable -- `await null` is an async function's cheapest hand-over
      for (let i = 0; i < perTask; i++) await null;
    };
    await Promise.all(Array.from({ length: tasks }, worker));
  },
  co: async (tasks, perTask) => {
    await Promise.all(
      Array.from({ length: tasks }, () =>
        co(function* () {
          for (let i = 0; i < perTask; i++) yield resolved;
        }),
      ),
    );
  },
  effection: async (tasks, perTask) => {
    await effection.run(function* () {
      const spawned = [];
      for (let t = 0; t < tasks; t++)
        spawned.push(
          yield* effection.spawn(function* () {
            for (let i = 0; i < perTask; i++) yield* effection.until(resolved);
          }),
        );
      for (const task of spawned) yield* task;
    });
  },
  'redux-saga': async (tasks, perTask) => {
    function* worker(): Generator<unknown, void, unknown> {
      for (let i = 0; i < perTask; i++) yield resolved;
    }
    await runSaga({}, function* () {
      yield sagaAll(Array.from({ length: tasks }, () => fork(worker)));
    }).toPromise();
  },
  'js-csp': (tasks, perTask) =>
    // A ring: each goroutine takes the token from its channel and puts it on the next one.
    new Promise<void>((resolve) => {
      const chans = Array.from({ length: tasks }, () => csp.chan());
      for (let t = 0; t < tasks; t++)
        csp.go(function* () {
          for (let i = 0; i < perTask; i++) {
            yield csp.take(chans[t]);
            if (t === tasks - 1 && i === perTask - 1) resolve();
            else yield csp.put(chans[(t + 1) % tasks], i);
          }
        });
      csp.go(function* () {
        yield csp.put(chans[0], 0);
      });
    }),
};

/** Spawn `n` tasks that finish at once, and wait for all of them. */
const spawners: Record<string, (n: number) => Promise<void> | void> = {
  '@coro/core': async (n) => {
    const scheduler = new Scheduler();
    const empty = function* (): Generator<undefined, void> {};
    for (let i = 0; i < n; i++) scheduler.spawn(empty);
    await scheduler.run();
  },
  'raw-generator': (n) => {
    const empty = function* (): Generator<undefined, void> {};
    for (let i = 0; i < n; i++) empty().next();
  },
  'async-fn': async (n) => {
    const empty = async (): Promise<void> => {};
    await Promise.all(Array.from({ length: n }, empty));
  },
  co: async (n) => {
    const empty = function* (): Generator<undefined, void> {};
    await Promise.all(Array.from({ length: n }, () => co(empty)));
  },
  effection: async (n) => {
    await effection.run(function* () {
      const empty = function* (): Generator<never, void> {};
      const tasks = [];
      for (let i = 0; i < n; i++) tasks.push(yield* effection.spawn(empty));
      for (const task of tasks) yield* task;
    });
  },
  'redux-saga': async (n) => {
    const empty = function* (): Generator<never, void> {};
    await runSaga({}, function* () {
      const tasks: SagaTask[] = [];
      for (let i = 0; i < n; i++) tasks.push(yield fork(empty));
      yield sagaJoin(tasks);
    }).toPromise();
  },
  'js-csp': (n) =>
    new Promise<void>((resolve) => {
      const done = Array.from({ length: n }, () => csp.go(function* () {}));
      csp.go(function* () {
        for (const ch of done) yield csp.take(ch);
        resolve();
      });
    }),
};

/** Hold `n` tasks suspended; return how to release them. */
const holders: Record<string, (n: number) => Promise<() => Promise<void>> | (() => Promise<void>)> = {
  '@coro/core': async (n) => {
    const scheduler = new Scheduler();
    const park = function* (): Generator<unknown, void> {
      yield* suspend();
    };
    for (let i = 0; i < n; i++) scheduler.spawn(park);
    // The run queue is FIFO: once this last task runs, every task before it has reached suspend().
    await scheduler.spawn(function* () {});
    return async () => {
      scheduler.cancel();
      await scheduler.run();
    };
  },
  'raw-generator': (n) => {
    const gens = Array.from({ length: n }, function* () {
      yield;
    });
    for (const g of gens) g.next();
    return () => Promise.resolve(void gens.length);
  },
  'async-fn': (n) => {
    let release!: () => void;
    const never = new Promise<void>((r) => (release = r));
    const all = Promise.all(Array.from({ length: n }, async () => await never));
    return async () => {
      release();
      await all;
    };
  },
  co: (n) => {
    let release!: () => void;
    const never = new Promise<void>((r) => (release = r));
    const all = Promise.all(Array.from({ length: n }, () => co(function* () { yield never; })));
    return async () => {
      release();
      await all;
    };
  },
  effection: async (n) => {
    const task = effection.run(function* () {
      for (let i = 0; i < n; i++) void (yield* effection.spawn(effection.suspend));
      yield* effection.suspend();
    });
    await new Promise((r) => setImmediate(r));
    return async () => {
      await task.halt();
    };
  },
  'redux-saga': async (n) => {
    let release!: () => void;
    const never = new Promise<void>((r) => (release = r));
    const saga = runSaga({}, function* () {
      for (let i = 0; i < n; i++) yield fork(function* () { yield never; });
    });
    await new Promise((r) => setImmediate(r));
    return async () => {
      release();
      await saga.toPromise();
    };
  },
  'js-csp': async (n) => {
    // js-csp allows at most 1,024 pending takes per channel, so each goroutine waits on its own.
    const chans = Array.from({ length: n }, () => csp.chan());
    for (const ch of chans) csp.go(function* () { yield csp.take(ch); });
    await new Promise((r) => setImmediate(r));
    return async () => {
      for (const ch of chans) csp.go(function* () { yield csp.put(ch, 0); });
      await new Promise((r) => setImmediate(r));
    };
  },
};

/** The slow peers get fewer switches and runs, so the whole suite finishes in minutes. */
const slow = new Set(['effection', 'redux-saga', 'js-csp']);

/** Measure one case on one implementation (runs inside a child process): every run's figure. */
export async function measure(caseName: string, impl: string): Promise<CaseSamples> {
  const scale = slow.has(impl) ? 0.05 : 1;
  const runs = slow.has(impl) ? 2 : RUNS;
  switch (caseName) {
    case 'switch-2':
    case 'switch-1000': {
      const tasks = caseName === 'switch-2' ? 2 : 1000;
      const perTask = Math.round((2_000_000 * scale) / tasks);
      const run = switchers[impl]!;
      return (await opsPerSecond(tasks * perTask, runs, () => run(tasks, perTask), 'cpu')).samples;
    }
    case 'spawn-100k': {
      const spawn = spawners[impl]!;
      return (await opsPerSecond(100_000, runs, () => spawn(100_000), 'cpu')).samples;
    }
    case 'memory-100k': {
      const samples: number[] = [];
      for (let i = 0; i < Math.min(runs, 2); i++) samples.push(await bytesPerUnit(100_000, holders[impl]!));
      return samples;
    }
    default:
      throw new RangeError(`unknown core case ${JSON.stringify(caseName)}`);
  }
}

/** Every implementation the suite measures, in table order. */
export const impls = Object.keys(switchers);
