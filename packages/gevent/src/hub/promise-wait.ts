import type { Instruction } from '@coro/core';
import type { Hub } from './hub.js';
import { PARK } from './park.js';

/** A promise, or a function that starts one given an AbortSignal (aborted if the waiting greenlet gives up). */
export type PromiseSource<T> = PromiseLike<T> | ((signal: AbortSignal) => PromiseLike<T>);

const PENDING = 0;
const SETTLED = 1;
const ABANDONED = 2;

/**
 * Park the current greenlet until `source` settles (gevent spec §14.2): the wait counts as hub
 * work (it keeps `join()` waiting and prevents `LoopExit`), the settlement is delivered through
 * the hub's callback queue, and if the greenlet is released first (kill, Timeout) the signal is
 * aborted with that error and a late settlement is ignored, never reported as unhandled.
 */
export function* promiseWait<T>(hub: Hub, source: PromiseSource<T>, asyncBody: boolean): Generator<Instruction, T, unknown> {
  const me = hub.blockingCurrent();
  const epoch = me.epoch;
  let controller: AbortController | null = null;
  let promise: PromiseLike<T>;
  if (typeof source === 'function') {
    controller = new AbortController();
    promise = source(controller.signal);
    if (typeof promise?.then !== 'function') throw new TypeError(`wait(): the function must return a promise, got ${typeof promise}`);
  } else {
    promise = source;
  }
  const release = (): void => {
    if (asyncBody) hub.refWatchers--;
    else hub.watchers--;
  };
  let state = PENDING;
  // An async greenlet body waits mostly on the hub's own timers (`await sleep(20)`): it keeps the
  // loop alive but, unlike a foreign promise, must not stop a virtual clock from advancing.
  if (asyncBody) hub.refWatchers++;
  else hub.watchers++;
  promise.then(
    (value) => {
      if (state !== PENDING) return;
      state = SETTLED;
      release();
      hub.wake(me, epoch, value);
    },
    (error: unknown) => {
      if (state !== PENDING) return;
      state = SETTLED;
      release();
      hub.wakeThrow(me, epoch, error);
    },
  );
  let reason: unknown;
  try {
    return (yield PARK) as T;
  } catch (error) {
    reason = error;
    throw error;
  } finally {
    if (state === PENDING) {
      state = ABANDONED;
      release();
      controller?.abort(reason);
    }
  }
}
