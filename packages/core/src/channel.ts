import type { AwaitableOperation } from './awaitable.js';
import { ChannelClosed } from './errors.js';
import type { Resume, Teardown } from './operation.js';
import { RunQueue } from './run-queue.js';
import { SuspendOperation } from './suspend-operation.js';
import { WaiterQueue } from './waiter-queue.js';
import { HandOff, HandOffTarget } from './hand-off.js';

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
  private readonly receivers = new WaiterQueue<unknown, boolean>(); // the value: whether it unwraps (receive) or not (next)
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
      this.handTo(receiver.resume, receiver.value, value);
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
    for (let r = this.receivers.shift(); r !== undefined; r = this.receivers.shift()) ended(r.resume, r.value);
    for (let s = this.senders.shift(); s !== undefined; s = this.senders.shift()) s.resume.reject(new ChannelClosed('the channel was closed while sending'));
  }

  /** Receive from ordinary code: `for await (const message of channel)`. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const result = await new Promise<Received<T>>((resolve, reject) => {
        this.receiveInto({ resolve, reject }, false);
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

  /**
   * Receive into `resume`: the message itself when `unwrap` (receive()), else an iterator result
   * (next()). A task is handed the message inside a {@link ChannelHandOff}, so that it comes back
   * to the head of the channel if the task is cancelled before it takes it.
   *
   * @internal
   */
  receiveInto(resume: Resume<unknown>, unwrap: boolean): Teardown | void {
    if (this.buffer.length > 0) {
      const value = this.buffer.shift() as T;
      const sender = this.senders.shift();
      if (sender !== undefined) {
        this.buffer.push(sender.value);
        sender.resume.resolve();
      }
      return this.handTo(resume, unwrap, value);
    }
    const sender = this.senders.shift();
    if (sender !== undefined) {
      sender.resume.resolve(); // the send is complete: it returns even if its task is cancelled now
      return this.handTo(resume, unwrap, sender.value);
    }
    if (this.isClosed) return ended(resume, unwrap);
    return this.receivers.push(resume, unwrap).drop;
  }

  /** A cancelled task gives back a message it was handed: it goes to the head of the channel. @internal */
  giveBack(value: T): void {
    const receiver = this.receivers.shift();
    if (receiver !== undefined) this.handTo(receiver.resume, receiver.value, value);
    else this.buffer.unshift(value); // may exceed the capacity by the messages handed back
  }

  private handTo(resume: Resume<unknown>, unwrap: boolean, value: T): void {
    const result = unwrap ? value : { done: false, value };
    resume.resolve(resume instanceof HandOffTarget ? new ChannelHandOff(result, this, value) : result);
  }
}

function ended(resume: Resume<unknown>, unwrap: boolean): void {
  if (unwrap) resume.reject(new ChannelClosed());
  else resume.resolve({ done: true, value: undefined });
}

/** A message handed to a parked task; see hand-off.ts. */
class ChannelHandOff<T> extends HandOff {
  constructor(
    result: unknown,
    private readonly channel: Channel<T>,
    private readonly message: T,
  ) {
    super(result);
  }
  giveBack(): void {
    this.channel.giveBack(this.message);
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
    return this.channel.receiveInto(resume, this.unwrap);
  }
  override toString(): string {
    return this.unwrap ? 'channel.receive()' : 'channel.next()';
  }
}
