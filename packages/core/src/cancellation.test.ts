import { describe, expect, it } from 'vitest';
import { Cancelled, Scheduler, sleep, spawn, suspend, VirtualClock, type Task } from './index.js';

function virtual(): { scheduler: Scheduler; clock: VirtualClock } {
  const clock = new VirtualClock();
  return { scheduler: new Scheduler({ clock }), clock };
}

async function settle(task: Task<unknown>): Promise<unknown> {
  return task.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe('cancellation', () => {
  it('runs finally blocks, which may yield*, and ends the task cancelled', async () => {
    const { scheduler, clock } = virtual();
    const log: string[] = [];
    const task = scheduler.spawn(function* worker() {
      try {
        yield* suspend();
      } finally {
        log.push(`cleanup starts at ${clock.now()}`);
        yield* sleep(50);
        log.push(`cleanup ends at ${clock.now()}`);
      }
    });
    await Promise.resolve();
    task.cancel('shutting down');
    const outcome = (await settle(task)) as { error: Cancelled };
    expect(log).toEqual(['cleanup starts at 0', 'cleanup ends at 50']);
    expect(task.state).toBe('cancelled');
    expect(outcome.error).toBeInstanceOf(Cancelled);
    expect(outcome.error.message).toBe('the task "worker" was cancelled');
    expect(outcome.error.cause).toBe('shutting down');
    expect(task.error).toBe(outcome.error);
  });

  it('neither swallows a cancel that arrives while cleanup waits, nor runs code after the finally (effection #1154, #1190)', async () => {
    const { scheduler } = virtual();
    const log: string[] = [];
    const task = scheduler.spawn(function* worker() {
      try {
        yield* suspend();
        log.push('after suspend (must not run)');
      } finally {
        log.push('cleanup waits');
        yield* sleep(100);
        log.push('cleanup done');
      }
      log.push('after finally (must not run)');
    });
    const canceller = scheduler.spawn(function* canceller() {
      yield;
      task.cancel('first');
      yield* sleep(10); // the worker is now inside its cleanup sleep
      task.cancel('second');
      log.push('second cancel sent');
    });
    await scheduler.run();
    expect(canceller.state).toBe('done');
    expect(log).toEqual(['cleanup waits', 'second cancel sent', 'cleanup done']);
    expect(task.state).toBe('cancelled');
    expect((task.error as Cancelled).cause).toBe('first');
  });

  it('is idempotent and a no-op once a task has ended', async () => {
    const { scheduler } = virtual();
    const task = scheduler.spawn(function* () {
      return 1;
    });
    expect(await task).toBe(1);
    task.cancel();
    task.cancel();
    expect(task.state).toBe('done');
    expect(task.result).toBe(1);
  });

  it('never starts a task cancelled before its first step', async () => {
    const { scheduler } = virtual();
    let ran = false;
    const task = scheduler.spawn(function* () {
      ran = true;
      yield;
    });
    task.cancel();
    await settle(task);
    expect(ran).toBe(false);
    expect(task.state).toBe('cancelled');
  });

  it('delivers a value the task was already resumed with, and the cancel at its next yield', async () => {
    const { scheduler } = virtual();
    const log: string[] = [];
    // eslint-disable-next-line prefer-const -- assigned after the canceller that reads it is spawned
    let sleeper!: Task<unknown>;
    // Spawned first, so its timer fires first at the shared deadline: when it runs, the sleeper
    // has been resumed (its timer fired too) but has not run yet.
    scheduler.spawn(function* canceller() {
      yield* sleep(10);
      expect(sleeper.state).toBe('pending');
      sleeper.cancel();
    });
    sleeper = scheduler.spawn(function* sleeper() {
      try {
        yield* sleep(10);
        log.push('slept');
        yield;
        log.push('must not run');
      } finally {
        log.push('finally');
      }
    });
    await scheduler.run();
    expect(log).toEqual(['slept', 'finally']);
    expect(sleeper.state).toBe('cancelled');
  });

  it('aborts task.signal on cancel, and cancels a task whose spawn signal aborts', async () => {
    const { scheduler } = virtual();
    const controller = new AbortController();
    const task = scheduler.spawnWith({ signal: controller.signal, name: 'listener' }, function* () {
      yield* suspend();
    });
    const signal = task.signal;
    expect(signal.aborted).toBe(false);
    controller.abort('stop');
    const outcome = (await settle(task)) as { error: Cancelled };
    expect(task.name).toBe('listener');
    expect(outcome.error.cause).toBe('stop');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(Cancelled);
    const early = scheduler.spawnWith({ signal: AbortSignal.abort('already') }, function* () {});
    expect(((await settle(early)) as { error: Cancelled }).error.cause).toBe('already');
  });

  it('aborts host.signal of a wait the task is cancelled out of', async () => {
    const { scheduler } = virtual();
    let seen: AbortSignal | undefined;
    const task = scheduler.spawn(function* () {
      yield {
        enter: (_resume: unknown, host: { signal: AbortSignal }) => {
          seen = host.signal;
        },
      };
    });
    await Promise.resolve();
    task.cancel('bye');
    await settle(task);
    expect(seen?.aborted).toBe(true);
  });

  it('cancels children when their parent is cancelled, after the parent’s own finally', async () => {
    const { scheduler } = virtual();
    const log: string[] = [];
    const parent = scheduler.spawn(function* parent() {
      spawn(function* child() {
        try {
          yield* suspend();
        } finally {
          log.push('child finally');
        }
      });
      try {
        yield* suspend();
      } finally {
        log.push('parent finally');
      }
    });
    await Promise.resolve();
    parent.cancel();
    await settle(parent);
    expect(log).toEqual(['parent finally', 'child finally']);
    expect(scheduler.stats().live).toBe(0);
  });
});
