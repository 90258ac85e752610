// What every queue's blocking put/get does once it must wait (SimpleQueue family and Channel):
// join the FIFO of getters or putters, let the unlock pass run, and turn a timeout of its own into
// the queue's Full/Empty while a Timeout given by the caller (or an enclosing one) propagates.
import type { Instruction } from '@coro/core';
import { PARK } from '../hub/operation.js';
import { type ParkedWaiter, remove } from '../hub/waiter.js';
import { startOwnTimeout, Timeout } from '../timeout.js';

/** Park as a getter or putter; a timeout of our own becomes `ownError`, a given Timeout is raised itself. */
export function* park<T>(list: ParkedWaiter<T>[], waiter: ParkedWaiter<T>, timeout: number | Timeout | undefined, ownError: () => Error, kick: () => void): Generator<Instruction, unknown, unknown> {
  const t = startOwnTimeout(timeout);
  list.push(waiter);
  try {
    kick();
    return yield PARK;
  } catch (error) {
    if (error === t && t !== null && !(timeout instanceof Timeout)) throw ownError();
    throw error;
  } finally {
    t?.cancel();
    remove(list, waiter);
  }
}
