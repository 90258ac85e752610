import type { Instruction, Operation } from '@coro/core';
import { type Blocking, blocking } from './operation.js';

/**
 * An iterator whose every step may block (gevent's `iwait`, queue iteration, `imap`): inside a
 * greenlet step it with `yield* it.next()`; from ordinary code use `for await`.
 *
 * @typeParam T - the items.
 * @example
 * ```ts
 * for (let r = yield* it.next(); !r.done; r = yield* it.next()) console.log(r.value);
 * for await (const item of it) console.log(item); // from ordinary code
 * ```
 */
export interface BlockingIterator<T> extends AsyncIterable<T>, Disposable {
  /** The next item, or `{ done: true }` at the end. */
  next(): Blocking<IteratorResult<T, undefined>>;
}

/** Adapt a `next()` that returns Blocking steps into `for await` iteration. */
export function asyncIterate<T>(next: () => Blocking<IteratorResult<T, undefined>>, dispose: () => void): AsyncIterator<T> {
  return {
    next: async () => await next(),
    return: () => {
      dispose();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}

/**
 * Iterate by calling `get()` for each item until an item is `stop` (a queue's or channel's
 * iteration, which ends at `StopIteration`).
 */
export function itemsUntil<T>(get: () => Operation<unknown>, stop: unknown): BlockingIterator<T> {
  let done = false;
  const step = blocking('next', function* (): Generator<Instruction, IteratorResult<T, undefined>, unknown> {
    if (done) return { done: true, value: undefined };
    const item = yield* get();
    if (item === stop) {
      done = true;
      return { done: true, value: undefined };
    }
    return { done: false, value: item as T };
  });
  const next = (): Blocking<IteratorResult<T, undefined>> => step();
  const dispose = (): void => void (done = true);
  return { next, [Symbol.asyncIterator]: () => asyncIterate(next, dispose), [Symbol.dispose]: dispose };
}
