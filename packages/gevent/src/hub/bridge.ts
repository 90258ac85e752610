import type { Instruction } from '@coro/core';
import { getHub } from './current.js';
import { type PromiseSource, promiseWait } from './promise-wait.js';

export type { PromiseSource } from './promise-wait.js';

/**
 * Park the current greenlet of this process's hub until `source` settles (see {@link promiseWait}).
 * A generator function, so `blocking()` can make its calls awaitable.
 */
export function* bridgeIterator<T>(source: PromiseSource<T>): Generator<Instruction, T, unknown> {
  return yield* promiseWait(getHub(), source, false);
}
