import type { Blocking } from './operation.js';

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
