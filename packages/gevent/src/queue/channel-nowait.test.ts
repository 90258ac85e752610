import { beforeEach, describe, expect, it } from 'vitest';
import { spawn } from '../greenlet/spawn.js';
import { getHub } from '../hub/current.js';
import { sleep } from '../hub/sleep.js';
import { freshHub } from '../test-support.js';
import { Channel } from './channel.js';
import { Empty, Full } from './queue-errors.js';

// Channel.putNowait/getNowait are plain calls everywhere, like Queue's: they hand over to a
// partner waiting now or raise Full/Empty at once (issue 12: they used to be operations that did
// nothing unless yield*-ed, so from a hub callback no Full was ever raised).
describe('Channel non-blocking forms are synchronous', () => {
  beforeEach(() => {
    freshHub();
  });

  it('from a hub callback: putNowait with no getter raises Full, getNowait with no putter raises Empty', async () => {
    const ch = new Channel<number>();
    const seen: unknown[] = [];
    getHub().runCallback(() => {
      for (const call of [() => ch.putNowait(1), () => ch.getNowait()]) {
        try {
          seen.push(call());
        } catch (error) {
          seen.push((error as Error).constructor);
        }
      }
    });
    await sleep(1);
    expect(seen).toEqual([Full, Empty]);
  });

  it('from ordinary code and greenlets: hands the item to a waiting getter, takes one from a waiting putter', async () => {
    const ch = new Channel<string>();
    const other = new Channel<string>();
    const getter = spawn(() => ch.get());
    const putter = spawn(() => other.put('from putter'));
    await sleep(1);
    ch.putNowait('to getter');
    expect(other.getNowait()).toBe('from putter');
    expect(await getter.get()).toBe('to getter');
    await putter.join();
    expect(putter.successful()).toBe(true);
    expect(() => ch.putNowait('nobody')).toThrow(Full);
    expect(() => ch.getNowait()).toThrow(Empty);
  });
});
