import type { AwaitableOperation } from './awaitable.js';
import { ChannelClosed } from './errors.js';
import type { Resume, Teardown } from './operation.js';
import { RunQueue } from './run-queue.js';
import { SuspendOperation } from './suspend-operation.js';
import { WaiterQueue } from './waiter-queue.js';

type Received<T> = IteratorResult<T, undefined>;

/**
 * A FIFO channel between coroutines. Unbuffered by default (a send waits for a receiver); with a
 * capacity, sends wait only when the buffer is full. Senders and receivers are served first-in,
 * first-out. `close()` lets receivers drain what is buffered, then ends them; sending to a
 * closed channel throws {@link ChannelClosed}. From ordinary code, consume it with `for await`.
 *
 * @example
 * ```ts
 * import { Channel, forEach, run, spawn } from '@coro/core';
 *
 * await run(function* () {
 *   const numbers = new Channel<number>();
 *   spawn(function* () {
 *     for (let i = 0; i < 3; i++) yield* numbers.send(i);
 *     numbers.close();
 *   });
 *   yield* forEach(numbers, function* (n) { console.log(n); }); // 0 1 2
 * });
 * ```
 *
 * @typeParam T - the messages.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly buffer = new RunQueue<T>(4);
  private readonly senders = new WaiterQueue<void, T>();
  private readonly receivers = new WaiterQueue<Received<T>>();
  private isClosed = false;

  /** @param capacity - how many messages may wait in the buffer (0: every send meets a receiver). */
  constructor(readonly capacity = 0) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`Channel: capacity must be an integer >= 0, got ${String(capacity)}`);
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Messages waiting in the buffer. */
  get size(): number {
    return this.buffer.length;
  }

  /** Send `value`, waiting for buffer space or a receiver. */
  send(value: T): AwaitableOperation<void> {
    return new Send(this, value);
  }

  /** Receive the next message; throws {@link ChannelClosed} once closed and drained. */
  receive(): AwaitableOperation<T> {
    return new Receive(this, true) as AwaitableOperation<T>;
  }

  /** Receive the next message as an iterator result: `{ done: true }` once closed and drained. */
  next(): AwaitableOperation<IteratorResult<T, undefined>> {
    return new Receive(this, false) as AwaitableOperation<Received<T>>;
  }

  /** Send without waiting: false when it would have to wait. Throws {@link ChannelClosed} if closed. */
  trySend(value: T): boolean {
    if (this.isClosed) throw new ChannelClosed();
    const receiver = this.receivers.shift();
    if (receiver !== undefined) {
      receiver.resume.resolve({ done: false, value });
      return true;
    }
    if (this.buffer.length < this.capacity) {
      this.buffer.push(value);
      return true;
    }
    return false;
  }

  /** Close: waiting receivers end, waiting senders get {@link ChannelClosed}. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (let r = this.receivers.shift(); r !== undefined; r = this.receivers.shift()) r.resume.resolve({ done: true, value: undefined });
    for (let s = this.senders.shift(); s !== undefined; s = this.senders.shift()) s.resume.reject(new ChannelClosed('the channel was closed while sending'));
  }

  /** Receive from ordinary code: `for await (const message of channel)`. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const result = await new Promise<Received<T>>((resolve, reject) => {
        this.receiveInto({ resolve, reject });
      });
      if (result.done === true) return;
      yield result.value;
    }
  }

  /** @internal */
  sendFrom(resume: Resume<void>, value: T): Teardown | void {
    if (this.trySend(value)) return resume.resolve();
    return this.senders.push(resume, value).drop;
  }

  /** @internal */
  receiveInto(resume: Resume<Received<T>>): Teardown | void {
    if (this.buffer.length > 0) {
      const value = this.buffer.shift() as T;
      const sender = this.senders.shift();
      if (sender !== undefined) {
        this.buffer.push(sender.value);
        sender.resume.resolve();
      }
      return resume.resolve({ done: false, value });
    }
    const sender = this.senders.shift();
    if (sender !== undefined) {
      sender.resume.resolve();
      return resume.resolve({ done: false, value: sender.value });
    }
    if (this.isClosed) return resume.resolve({ done: true, value: undefined });
    return this.receivers.push(resume, undefined).drop;
  }
}

class Send<T> extends SuspendOperation<void> {
  constructor(
    private readonly channel: Channel<T>,
    private readonly value: T,
  ) {
    super();
  }
  enter(resume: Resume<void>): Teardown | void {
    try {
      return this.channel.sendFrom(resume, this.value);
    } catch (error) {
      resume.reject(error);
    }
  }
  override toString(): string {
    return 'channel.send(…)';
  }
}

class Receive<T> extends SuspendOperation<T | Received<T>> {
  constructor(
    private readonly channel: Channel<T>,
    private readonly unwrap: boolean,
  ) {
    super();
  }
  enter(resume: Resume<T | Received<T>>): Teardown | void {
    if (!this.unwrap) return this.channel.receiveInto(resume);
    return this.channel.receiveInto({
      resolve: (r) => (r.done === true ? resume.reject(new ChannelClosed()) : resume.resolve(r.value)),
      reject: (e) => resume.reject(e),
    });
  }
  override toString(): string {
    return this.unwrap ? 'channel.receive()' : 'channel.next()';
  }
}
