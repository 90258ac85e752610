import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { currentTask, Scheduler, SchedulerError, sleep, spawn, suspend, VirtualClock, wait, type Operation } from './index.js';

function* work1(log: string[]): Generator<undefined, void> {
  for (let i = 0; i < 10; i++) {
    log.push(`Work1---${i}`);
    yield;
  }
}
function* work2(log: string[]): Generator<undefined, void> {
  for (let i = 0; i < 10; i++) {
    log.push(`Work2---${i}`);
    yield;
  }
}

describe('Scheduler', () => {
  it('runs the seed listing: Work1 and Work2 alternate, 20 lines', async () => {
    const log: string[] = [];
    const scheduler = new Scheduler();
    scheduler.spawn(work1, log);
    scheduler.spawn(work2, log);
    await scheduler.run();
    expect(log).toEqual(Array.from({ length: 20 }, (_, i) => `Work${(i % 2) + 1}---${i >> 1}`));
  });

  it('serves ready tasks first-in, first-out (round-robin fairness)', async () => {
    const scheduler = new Scheduler();
    const log: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      scheduler.spawn(function* () {
        for (let i = 0; i < 3; i++) {
          log.push(`${name}${i}`);
          yield;
        }
      });
    }
    await scheduler.run();
    expect(log.join(' ')).toBe('a0 b0 c0 a1 b1 c1 a2 b2 c2');
  });

  it('lets the event loop in during a long busy run (time slice)', async () => {
    const scheduler = new Scheduler({ slice: 1 });
    const total = 2_000_000;
    let steps = 0;
    let timerSawStep = -1;
    setTimeout(() => (timerSawStep = steps), 0);
    scheduler.spawn(function* () {
      for (; steps < total; steps++) yield;
    });
    await scheduler.run();
    expect(timerSawStep).toBeGreaterThan(0);
    expect(timerSawStep).toBeLessThan(total); // the timer ran while the task was still busy
  });

  it('resolves run() at once when it has no tasks, and rejects with an unawaited root failure', async () => {
    const scheduler = new Scheduler();
    await expect(scheduler.run()).resolves.toBeUndefined();
    scheduler.spawn(function* boom() {
      yield;
      throw new Error('boom');
    });
    await expect(scheduler.run()).rejects.toThrow('boom');
  });

  it('refuses to be re-entered from its own task', async () => {
    const scheduler = new Scheduler();
    const task = scheduler.spawn(function* inner() {
      yield* wait(scheduler.run());
    });
    await expect(task).rejects.toThrow(new SchedulerError('scheduler.run() was called from inside its own task "inner": the scheduler is already running; join the tasks with yield* instead'));
  });

  it('refuses a task of another scheduler, and joining an ancestor', async () => {
    const a = new Scheduler({ clock: new VirtualClock() });
    const b = new Scheduler({ clock: new VirtualClock() });
    const other = b.spawn(function* other() {
      yield* suspend();
    });
    const joiner = a.spawn(function* joiner() {
      yield* other;
    });
    await expect(joiner).rejects.toThrow('task "joiner" cannot join task "other" of another scheduler');
    const parent = a.spawn(function* parent() {
      const me = currentTask()!;
      const child = spawn(function* child() {
        yield* me;
      });
      yield* child;
    });
    await expect(parent).rejects.toThrow('task "child" cannot join its ancestor "parent": a task only ends after its children, so this would wait forever');
    other.cancel();
    await b.run();
  });

  it('rejects what is not a generator function, naming the argument', () => {
    const scheduler = new Scheduler();
    expect(() => scheduler.spawn(42 as never)).toThrow(new TypeError('spawn: fn must be a generator function (function*), got 42 (a number)'));
    expect(() => scheduler.spawn((async () => {}) as never)).toThrow(/spawn: fn is an async function, but spawn takes a generator function/);
    expect(() => scheduler.spawn((() => 7) as never)).toThrow(new TypeError('spawn: fn must be a generator function (function*) or return an Operation, but fn returned 7 (a number)'));
    expect(() => new Scheduler({ slice: 0 })).toThrow(RangeError);
  });

  it('rejects options that are not what they say, at construction: new Scheduler({ clock: 5 }) (issue 11)', () => {
    expect(() => new Scheduler({ clock: 5 as never })).toThrow(
      new TypeError('Scheduler: options.clock must be a Clock (now, setTimer, clearTimer) such as new RealClock() or new VirtualClock(), got 5 (a number)'),
    );
    expect(() => new Scheduler({ clock: {} as never })).toThrow(/options\.clock must be a Clock .* got an object/);
    expect(() => new Scheduler({ slice: '10' as never })).toThrow(new RangeError("Scheduler: options.slice must be a number of milliseconds > 0, got '10' (a string)"));
    expect(() => new Scheduler({ onSwitch: true as never })).toThrow(new TypeError('Scheduler: options.onSwitch must be a function, got true (a boolean)'));
    expect(() => new Scheduler({ traceSpawns: 1 as never })).toThrow(new TypeError('Scheduler: options.traceSpawns must be a boolean, got 1 (a number)'));
    expect(() => new Scheduler(null as never)).toThrow(new TypeError('Scheduler: options must be an object, got null'));
  });

  it('throws a clear error into a coroutine that yields something it does not understand', async () => {
    const scheduler = new Scheduler();
    const task = scheduler.spawn(function* confused(): Operation<void> {
      yield Promise.resolve(1) as never;
    });
    await expect(task).rejects.toThrow('task "confused" yielded a Promise, which the core scheduler does not understand. To wait for a promise, write `yield* wait(promise)`.');
  });

  it('counts switches and tasks by state, and lists live tasks with what they wait on', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const scheduler = new Scheduler({ clock });
    const main = scheduler.spawn(function* main() {
      spawn(function* sleeper() {
        yield* sleep(100);
      });
      const idler = spawn(function* idler() {
        yield* suspend();
      });
      yield* idler;
    });
    for (let i = 0; i < 3; i++) await Promise.resolve();
    expect(scheduler.inspect()).toEqual([
      { name: 'main', state: 'suspended', depth: 0, waitingOn: 'join idler' },
      { name: 'sleeper', state: 'suspended', depth: 1, waitingOn: 'sleep(100)' },
      { name: 'idler', state: 'suspended', depth: 1, waitingOn: 'suspend()' },
    ]);
    expect(inspect(main)).toBe('Task(main, suspended on join idler)');
    expect(inspect(scheduler)).toContain('    sleeper: suspended on sleep(100)');
    const stats = scheduler.stats();
    expect(stats).toMatchObject({ spawned: 3, live: 3, tasks: { suspended: 3, pending: 0, done: 0 } });
    expect(stats.switches).toBe(3);
    main.cancel();
    await scheduler.run();
    expect(scheduler.stats().tasks).toMatchObject({ cancelled: 3, suspended: 0 });
    expect(clock.pendingTimers).toBe(0);
  });

  it('calls onSwitch before every step', async () => {
    const seen: string[] = [];
    const scheduler = new Scheduler({ onSwitch: (task) => seen.push(task.name) });
    scheduler.spawn(function* a() {
      yield;
    });
    scheduler.spawn(function* b() {});
    await scheduler.run();
    expect(seen).toEqual(['a', 'b', 'a']);
  });

  it('cancels everything and waits for cleanup on asyncDispose', async () => {
    const log: string[] = [];
    {
      await using scheduler = new Scheduler({ clock: new VirtualClock() });
      scheduler.spawn(function* () {
        try {
          yield* suspend();
        } finally {
          yield* sleep(5);
          log.push('cleaned up');
        }
      });
      await Promise.resolve();
    }
    expect(log).toEqual(['cleaned up']);
  });
});
