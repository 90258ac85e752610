// The blocking calls of a Greenlet (join, get) as Operations; Greenlet's methods return them.
import type { Instruction } from '@coro/core';
import { LoopExit } from '../errors.js';
import { type Blocking, blocking, PARK } from '../hub/operation.js';
import { startOwnTimeout, Timeout } from '../timeout.js';
import type { Greenlet } from './greenlet.js';
import { Waiter } from '../hub/hub-waiter.js';
import { Wakeup } from './links.js';

export const joinOp = /* @__PURE__ */ blocking('join', function* (g: Greenlet<unknown>, timeout: number | Timeout | undefined): Generator<Instruction, void, unknown> {
  if (g.dead) return;
  const hub = g.hub;
  const me = hub.blockingCurrent();
  // Joining yourself can only end by the timeout (gevent then returns); without one it would block forever.
  if (me === g && timeout === undefined) throw new LoopExit('A greenlet cannot join itself: this would block forever', hub);
  const t = startOwnTimeout(timeout);
  const waiter = new Wakeup<Greenlet<unknown>>(me, me.epoch);
  g.rawlink(waiter);
  try {
    yield PARK;
  } catch (error) {
    if (error !== t || error === null) throw error;
  } finally {
    t?.cancel();
    g.unlink(waiter);
  }
});

export const getOp = /* @__PURE__ */ blocking('get', function* <T>(g: Greenlet<T>, block: boolean, timeout: number | Timeout | undefined): Generator<Instruction, T, unknown> {
  if (!g.dead) {
    if (!block) throw new Timeout();
    const hub = g.hub;
    const me = hub.blockingCurrent();
    if (me === g && timeout === undefined) throw new LoopExit('A greenlet cannot get its own result: this would block forever', hub);
    const t = startOwnTimeout(timeout);
    const waiter = new Wakeup<Greenlet<T>>(me, me.epoch);
    g.rawlink(waiter);
    try {
      yield PARK;
    } finally {
      t?.cancel();
      g.unlink(waiter);
    }
  }
  if (g.successful()) return g.value as T;
  throw g.exception;
});

/**
 * gevent's blocking `kill`: park until the kill callback has thrown (it switches back at once,
 * ahead of what was queued meanwhile), then join. Killing yourself ends in the first step.
 */
export const killOp = /* @__PURE__ */ blocking('kill', function* (g: Greenlet<unknown>, thrown: Waiter<void>, timeout: number | Timeout | undefined): Generator<Instruction, void, unknown> {
  yield* thrown.get();
  yield* joinOp(g, timeout);
});

/** What a blocking call returns when there is nothing to wait for. */
export const doneOp = /* @__PURE__ */ blocking('done', function* (): Generator<Instruction, void, unknown> {});

export type { Blocking };
