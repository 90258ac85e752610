import type { AwaitableOperation } from './awaitable.js';
import { Channel } from './channel.js';
import type { Instruction, Operation } from './operation.js';
import { operation } from './operation-factory.js';
import { wait } from './wait.js';

/**
 * Run `body` for each item of a {@link Channel}, an async iterable (a stream, an async
 * generator) or an iterable, one at a time, inside a coroutine. An async iterator is closed
 * (`return()`) when the loop ends early, fails or is cancelled.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 *
 * yield* forEach(createReadStream('log.txt', 'utf8'), function* (chunk: string) {
 *   yield* channel.send(chunk);
 * });
 * ```
 *
 * @typeParam T - the items.
 */
export function forEach<T>(
  source: Channel<T> | AsyncIterable<T> | Iterable<T>,
  body: (item: T) => Operation<unknown> | void,
): AwaitableOperation<void> {
  if (typeof body !== 'function') throw new TypeError(`forEach: body must be a function, got ${typeof body}`);
  if (source instanceof Channel) return operation(() => eachOfChannel(source, body), 'forEach(channel, …)');
  if (source !== null && typeof source === 'object' && Symbol.asyncIterator in source) {
    return operation(() => eachOfAsync(source, body), 'forEach(asyncIterable, …)');
  }
  if (source !== null && typeof source === 'object' && Symbol.iterator in source) {
    return operation(() => eachOf(source, body), 'forEach(iterable, …)');
  }
  throw new TypeError(`forEach: source must be a Channel, an async iterable or an iterable, got ${source === null ? 'null' : typeof source}`);
}

function* call<T>(body: (item: T) => Operation<unknown> | void, item: T): Generator<Instruction, void, any> {
  const result = body(item);
  if (result !== undefined && result !== null && typeof result === 'object' && Symbol.iterator in result) yield* result;
}

function* eachOfChannel<T>(channel: Channel<T>, body: (item: T) => Operation<unknown> | void): Generator<Instruction, void, any> {
  for (let r = yield* channel.next(); r.done !== true; r = yield* channel.next()) yield* call(body, r.value);
}

function* eachOfAsync<T>(source: AsyncIterable<T>, body: (item: T) => Operation<unknown> | void): Generator<Instruction, void, any> {
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const r = yield* wait(iterator.next());
      if (r.done === true) {
        finished = true;
        return;
      }
      yield* call(body, r.value);
    }
  } finally {
    if (!finished && typeof iterator.return === 'function') yield* wait(iterator.return());
  }
}

function* eachOf<T>(source: Iterable<T>, body: (item: T) => Operation<unknown> | void): Generator<Instruction, void, any> {
  for (const item of source) yield* call(body, item);
}
