import { describe, expect, it } from 'vitest';
import { action, all, forEach, race, Scheduler, sleep, suspend, timeout, Timeout, VirtualClock, wait, type Operation } from './index.js';

function virtual(): { scheduler: Scheduler; clock: VirtualClock } {
  const clock = new VirtualClock();
  return { scheduler: new Scheduler({ clock }), clock };
}

function* after<T>(ms: number, value: T): Generator<unknown, T, any> {
  yield* sleep(ms);
  return value;
}
const op = <T>(ms: number, value: T): Operation<T> => ({ [Symbol.iterator]: () => after(ms, value) }) as Operation<T>;

describe('sleep and wait', () => {
  it('sleeps on the coroutine’s clock', async () => {
    const { scheduler, clock } = virtual();
    const times = await scheduler.spawn(function* () {
      yield* sleep(0);
      const t0 = clock.now();
      yield* sleep(250);
      return [t0, clock.now()];
    });
    expect(times).toEqual([0, 250]);
  });

  it('rejects negative and NaN durations, naming the argument', () => {
    expect(() => sleep(-5)).toThrow(new RangeError('sleep: ms must be >= 0 (milliseconds), got -5'));
    expect(() => sleep(NaN)).toThrow(new TypeError('sleep: ms must be a number of milliseconds, got NaN'));
    expect(() => timeout(-1, suspend())).toThrow(new RangeError('timeout: ms must be >= 0 (milliseconds), got -1'));
  });

  it('waits for a promise: value or thrown rejection', async () => {
    const { scheduler } = virtual();
    const result = await scheduler.spawn(function* () {
      const n: number = yield* wait(Promise.resolve(41));
      try {
        yield* wait(Promise.reject(new Error('nope')));
      } catch (e) {
        return `${n + 1} ${(e as Error).message}`;
      }
      return 'unreachable';
    });
    expect(result).toBe('42 nope');
  });

  it('wraps a callback API with action()', async () => {
    const { scheduler, clock } = virtual();
    const tick = (ms: number): Operation<number> =>
      action<number>((resume, host) => {
        const timer = host.clock.setTimer(ms, () => resume.resolve(host.clock.now()));
        return () => host.clock.clearTimer(timer);
      }, `tick(${ms})`);
    expect(await scheduler.spawn(() => tick(30))).toBe(30);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('all, race, timeout', () => {
  it('all returns results in order, concurrently', async () => {
    const { scheduler, clock } = virtual();
    const result = await scheduler.spawn(function* () {
      return [yield* all([op(30, 'a'), op(10, 2), op(20, true)]), clock.now()];
    });
    expect(result).toEqual([['a', 2, true], 30]);
  });

  it('all throws the first failure and cancels the rest', async () => {
    const { scheduler } = virtual();
    const log: string[] = [];
    const failing: Operation<never> = {
      *[Symbol.iterator]() {
        yield* sleep(5);
        throw new Error('second failed');
      },
    };
    const slow: Operation<void> = {
      *[Symbol.iterator]() {
        try {
          yield* sleep(100);
        } finally {
          log.push('slow cancelled');
        }
      },
    };
    const result = await scheduler.spawn(function* () {
      try {
        yield* all([slow, failing]);
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(result).toBe('second failed');
    expect(log).toEqual(['slow cancelled']);
  });

  it('race returns the first to finish and cancels the others', async () => {
    const { scheduler, clock } = virtual();
    const result = await scheduler.spawn(function* () {
      const winner = yield* race([op(30, 'slow'), op(10, 'fast')]);
      return [winner, clock.now(), clock.pendingTimers];
    });
    expect(result).toEqual(['fast', 10, 0]);
    expect(() => race([])).toThrow(new RangeError('race: ops must not be empty (a race of nothing would never end)'));
    expect(() => all([42 as never])).toThrow(new TypeError('all: ops[0] is not an Operation (something to yield*), got number'));
  });

  it('timeout throws Timeout after ms, running the operation’s finally first', async () => {
    const { scheduler, clock } = virtual();
    const log: string[] = [];
    const result = await scheduler.spawn(function* () {
      try {
        yield* timeout(100, {
          *[Symbol.iterator]() {
            try {
              yield* suspend();
            } finally {
              log.push(`cleanup at ${clock.now()}`);
            }
          },
        });
      } catch (e) {
        return e;
      }
    });
    expect(result).toBeInstanceOf(Timeout);
    expect((result as Timeout).ms).toBe(100);
    expect((result as Timeout).message).toBe('timed out after 100 ms');
    expect(log).toEqual(['cleanup at 100']);
    expect(await scheduler.spawn(() => timeout(100, op(10, 'in time')))).toBe('in time');
  });
});

describe('forEach', () => {
  it('consumes an async iterable inside a coroutine, closing it when the loop is cut short', async () => {
    const { scheduler } = virtual();
    const log: string[] = [];
    async function* numbers(): AsyncGenerator<number> {
      try {
        for (let i = 0; ; i++) {
          await Promise.resolve();
          yield i;
        }
      } finally {
        log.push('source closed');
      }
    }
    const result = await scheduler.spawn(function* () {
      const seen: number[] = [];
      try {
        yield* forEach(numbers(), function* (n) {
          seen.push(n);
          if (n === 2) throw new Error('enough');
          yield* sleep(1);
        });
      } catch (e) {
        log.push((e as Error).message);
      }
      yield* forEach([10, 11], (n) => void seen.push(n));
      return seen;
    });
    expect(result).toEqual([0, 1, 2, 10, 11]);
    expect(log).toEqual(['source closed', 'enough']);
    expect(() => forEach(42 as never, () => {})).toThrow(TypeError);
  });
});
