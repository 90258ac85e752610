import { describe, expect, it } from 'vitest';
import { all, Channel, Scheduler, sleep, VirtualClock } from './index.js';

const scheduler = (): Scheduler => new Scheduler({ clock: new VirtualClock() });

describe('a dropped Operation', () => {
  it('is reported with a TypeError that names it and says to write yield*', async () => {
    const task = scheduler().spawn(function* forgetful() {
      sleep(100); // eslint-disable-line coro/no-dropped-operation -- the mistake under test
      yield* sleep(1);
    });
    await expect(task).rejects.toThrow(
      new TypeError('sleep(100) was created but never started: write `yield* sleep(100)` (an Operation does nothing until you delegate to it with yield*; to start it later, keep a function that creates it instead)'),
    );
  });

  it('is thrown at the yield, so the coroutine may catch it', async () => {
    const result = await scheduler().spawn(function* () {
      const channel = new Channel<number>(1);
      try {
        channel.send(1); // eslint-disable-line coro/no-dropped-operation -- the mistake under test
        yield;
      } catch (e) {
        return (e as Error).message.split(':')[0];
      }
      return 'not reported';
    });
    expect(result).toBe('channel.send(…) was created but never started');
  });

  it('is reported when the coroutine returns right after dropping it', async () => {
    const task = scheduler().spawn(function* () {
      all([sleep(1)]); // eslint-disable-line coro/no-dropped-operation -- the mistake under test
    });
    await expect(task).rejects.toThrow('all([…]) was created but never started');
  });

  it('is not reported for operations created outside coroutines or handed to combinators', async () => {
    const early = sleep(5);
    const result = await scheduler().spawn(function* () {
      yield* early;
      yield* all([sleep(1), sleep(2)]);
      return 'fine';
    });
    expect(result).toBe('fine');
  });

  it('points its stack at the line that created it when the scheduler traces spawns', async () => {
    const traced = new Scheduler({ clock: new VirtualClock(), traceSpawns: true });
    const error = await traced
      .spawn(function* forgetful() {
        sleep(100); // eslint-disable-line coro/no-dropped-operation -- the mistake under test
        yield* sleep(1);
      })
      .then(() => undefined, (e: unknown) => e as Error);
    const lines = error!.stack!.split('\n');
    expect(lines[0]).toMatch(/^TypeError: sleep\(100\) was created but never started/);
    expect(lines[1]).toBe('    sleep(100) was created:');
    // The first frame outside core's own files is the user's line (the generator `forgetful`).
    const userFrame = lines.slice(2).find((l) => !/[\\/](sleep|suspend-operation|dropped-operation)\.ts/.test(l));
    expect(userFrame).toMatch(/forgetful .*dropped-operation\.test\.ts:\d+:\d+/);
  });
});
