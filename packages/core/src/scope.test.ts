import { describe, expect, it } from 'vitest';
import { Scheduler, Scope, sleep, suspend, VirtualClock, withScope } from './index.js';

describe('Scope', () => {
  it('withScope waits for every task it spawned, then returns the body’s result', async () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler({ clock });
    const log: string[] = [];
    const result = await scheduler.spawn(function* () {
      const value = yield* withScope(function* (scope) {
        scope.spawn(function* () {
          yield* sleep(30);
          log.push(`slow done at ${clock.now()}`);
        });
        scope.spawn(function* () {
          yield* sleep(10);
          log.push(`fast done at ${clock.now()}`);
        });
        return 'body result';
      });
      log.push(`scope ended at ${clock.now()}`);
      return value;
    });
    expect(result).toBe('body result');
    expect(log).toEqual(['fast done at 10', 'slow done at 30', 'scope ended at 30']);
  });

  it('withScope throws a member’s failure after cancelling the others', async () => {
    const scheduler = new Scheduler({ clock: new VirtualClock() });
    const log: string[] = [];
    const result = await scheduler.spawn(function* () {
      try {
        yield* withScope(function* (scope) {
          scope.spawn(function* () {
            try {
              yield* suspend();
            } finally {
              log.push('sibling cancelled');
            }
          });
          scope.spawn(function* () {
            yield* sleep(5);
            throw new Error('member failed');
          });
          yield* suspend();
        });
      } catch (e) {
        return (e as Error).message;
      }
      return 'no failure';
    });
    expect(result).toBe('member failed');
    expect(log).toEqual(['sibling cancelled']);
  });

  it('owns tasks from ordinary code: join waits, await using cancels', async () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler({ clock });
    const scope = new Scope({ scheduler, name: 'jobs' });
    const a = scope.spawn(function* () {
      yield* sleep(20);
      return 'a';
    });
    expect(scope.tasks).toEqual([a]);
    await scope;
    expect(a.result).toBe('a');
    expect(scope.state).toBe('done');
    expect(() => scope.spawn(function* () {})).toThrow(new RangeError('Scope.spawn: the scope "jobs" has ended'));

    const log: string[] = [];
    {
      await using owned = new Scope({ scheduler });
      owned.spawn(function* () {
        try {
          yield* suspend();
        } finally {
          log.push('cleaned up');
        }
      });
      await Promise.resolve();
    }
    expect(log).toEqual(['cleaned up']);
  });
});
