import { describe, expect, it } from 'vitest';
import { Cancelled, Scheduler, sleep, spawn, suspend, VirtualClock } from './index.js';

describe('structured concurrency', () => {
  it('cancels a child when its parent returns', async () => {
    const scheduler = new Scheduler({ clock: new VirtualClock() });
    const log: string[] = [];
    let child!: ReturnType<typeof spawn>;
    const parent = scheduler.spawn(function* () {
      child = spawn(function* () {
        try {
          yield* sleep(1000);
          log.push('child finished (must not happen)');
        } finally {
          log.push('child cancelled');
        }
      });
      yield* sleep(10);
      return 'parent result';
    });
    expect(await parent).toBe('parent result');
    expect(log).toEqual(['child cancelled']);
    expect(child.state).toBe('cancelled');
    expect((child.error as Cancelled).message).toBe('the task "anonymous" was cancelled');
  });

  it('fails the whole tree from a nested failure, cancelling siblings, and reports the task chain', async () => {
    const scheduler = new Scheduler({ clock: new VirtualClock() });
    const log: string[] = [];
    const root = scheduler.spawn(function* root() {
      spawn(function* sibling() {
        try {
          yield* suspend();
        } finally {
          log.push('sibling cleaned up');
        }
      });
      spawn(function* middle() {
        spawn(function* leaf() {
          yield* sleep(5);
          throw new Error('leaf broke');
        });
        try {
          yield* suspend();
        } finally {
          log.push('middle cleaned up');
        }
      });
      try {
        yield* suspend();
      } finally {
        log.push('root cleaned up');
      }
    });
    const error = (await root.then(
      () => expect.fail('root must fail'),
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toBe('leaf broke');
    expect(error.stack).toContain('in task "leaf" ← spawned by "middle" ← spawned by "root"');
    expect(log).toEqual(['middle cleaned up', 'root cleaned up', 'sibling cleaned up']);
    expect(root.state).toBe('failed');
    expect(scheduler.stats().tasks).toMatchObject({ failed: 3, cancelled: 1 });
  });

  it('hands a joined child’s failure to the joiner, where it can be caught', async () => {
    const scheduler = new Scheduler({ clock: new VirtualClock() });
    const result = await scheduler.spawn(function* () {
      const child = spawn(function* () {
        yield* sleep(1);
        throw new RangeError('bad child');
      });
      try {
        yield* child;
      } catch (e) {
        return `caught ${(e as Error).name}`;
      }
      return 'not caught';
    });
    expect(result).toBe('caught RangeError');
  });

  it('waits for children’s cleanup before a failed parent settles', async () => {
    const scheduler = new Scheduler({ clock: new VirtualClock() });
    const log: string[] = [];
    const parent = scheduler.spawn(function* () {
      spawn(function* () {
        try {
          yield* suspend();
        } finally {
          yield* sleep(20);
          log.push('child cleanup done');
        }
      });
      yield;
      throw new Error('parent failed');
    });
    await parent.then(undefined, () => log.push('parent settled'));
    expect(log).toEqual(['child cleanup done', 'parent settled']);
  });

  it('captures the spawn stack when traceSpawns is on', async () => {
    const scheduler = new Scheduler({ traceSpawns: true });
    const task = scheduler.spawn(function* traced() {
      yield;
      throw new Error('traced failure');
    });
    const error = (await task.then(undefined, (e: unknown) => e)) as Error;
    expect(error.stack).toContain('spawned at:');
    expect(error.stack).toContain('structured.test.ts');
  });
});
