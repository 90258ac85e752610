import { describe, expect, it } from 'vitest';
import { Channel, ChannelClosed, forEach, Scheduler, sleep, spawn, timeout, VirtualClock } from './index.js';

const scheduler = (): Scheduler => new Scheduler({ clock: new VirtualClock() });

describe('Channel', () => {
  it('hands messages over unbuffered: a send waits for a receiver', async () => {
    const log: string[] = [];
    await scheduler().spawn(function* () {
      const channel = new Channel<number>();
      spawn(function* () {
        for (let i = 0; i < 2; i++) {
          log.push(`send ${i}`);
          yield* channel.send(i);
          log.push(`sent ${i}`);
        }
      });
      yield* sleep(10);
      log.push(`got ${yield* channel.receive()}`);
      log.push(`got ${yield* channel.receive()}`);
    });
    // The receiver resumes the waiting sender first (it has waited longer), then itself.
    expect(log).toEqual(['send 0', 'sent 0', 'send 1', 'got 0', 'sent 1', 'got 1']);
  });

  it('buffers up to its capacity, then makes senders wait', async () => {
    const channel = new Channel<string>(2);
    expect(channel.trySend('a')).toBe(true);
    expect(channel.trySend('b')).toBe(true);
    expect(channel.trySend('c')).toBe(false);
    expect(channel.size).toBe(2);
    const got = await scheduler().spawn(function* () {
      const sender = spawn(function* () {
        yield* channel.send('c');
      });
      yield;
      const out = [yield* channel.receive(), yield* channel.receive(), yield* channel.receive()];
      yield* sender;
      return out;
    });
    expect(got).toEqual(['a', 'b', 'c']);
  });

  it('serves receivers first-in, first-out', async () => {
    const got = await scheduler().spawn(function* () {
      const channel = new Channel<number>();
      const order: string[] = [];
      const receivers = ['r1', 'r2', 'r3'].map((name) =>
        spawn(function* () {
          order.push(`${name}:${yield* channel.receive()}`);
        }),
      );
      yield;
      for (let i = 0; i < 3; i++) yield* channel.send(i);
      for (const r of receivers) yield* r;
      return order;
    });
    expect(got).toEqual(['r1:0', 'r2:1', 'r3:2']);
  });

  it('drains after close, then ends receivers and refuses senders', async () => {
    const result = await scheduler().spawn(function* () {
      const channel = new Channel<number>(4);
      yield* channel.send(1);
      yield* channel.send(2);
      channel.close();
      channel.close();
      const items: number[] = [];
      yield* forEach(channel, function* (n) {
        items.push(n);
      });
      let sendError: unknown;
      try {
        yield* channel.send(3);
      } catch (e) {
        sendError = e;
      }
      let receiveError: unknown;
      try {
        yield* channel.receive();
      } catch (e) {
        receiveError = e;
      }
      return { items, sendError, receiveError, next: yield* channel.next() };
    });
    expect(result.items).toEqual([1, 2]);
    expect(result.sendError).toBeInstanceOf(ChannelClosed);
    expect(result.receiveError).toBeInstanceOf(ChannelClosed);
    expect(result.next).toEqual({ done: true, value: undefined });
  });

  it('fails a waiting sender when closed', async () => {
    const s = scheduler();
    const channel = new Channel<number>();
    const sender = s.spawn(function* () {
      yield* channel.send(1);
    });
    await Promise.resolve();
    channel.close();
    await expect(sender).rejects.toThrow(new ChannelClosed('the channel was closed while sending'));
  });

  it('skips a receiver that timed out', async () => {
    const got = await scheduler().spawn(function* () {
      const channel = new Channel<string>();
      const impatient = spawn(function* () {
        try {
          return yield* timeout(5, channel.receive());
        } catch (e) {
          return (e as Error).name;
        }
      });
      const patient = spawn(function* () {
        return yield* channel.receive();
      });
      yield* sleep(10);
      yield* channel.send('hello');
      return [yield* impatient, yield* patient];
    });
    expect(got).toEqual(['Timeout', 'hello']);
  });

  it('is async-iterable from ordinary code', async () => {
    const s = scheduler();
    const channel = new Channel<number>();
    s.spawn(function* () {
      for (let i = 0; i < 3; i++) yield* channel.send(i);
      channel.close();
    });
    const items: number[] = [];
    for await (const n of channel) items.push(n);
    expect(items).toEqual([0, 1, 2]);
  });

  it('rejects a bad capacity', () => {
    expect(() => new Channel(-1)).toThrow(new RangeError('Channel: capacity must be an integer >= 0, got -1'));
  });
});
