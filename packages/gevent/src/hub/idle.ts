import type { Instruction } from '@coro/core';
import { getHub } from './current.js';
import { type Blocking, blocking, PARK } from './operation.js';

const idleOp = blocking(function* idle(): Generator<Instruction, void, unknown> {
  const hub = getHub();
  const me = hub.blockingCurrent();
  hub.idlers.push(me);
  try {
    yield PARK;
  } finally {
    const i = hub.idlers.indexOf(me);
    if (i >= 0) hub.idlers.splice(i, 1);
  }
});

/**
 * Block until the hub has nothing else to run: every queued callback and every ready greenlet
 * has had its turn (gevent's `idle()`; later timers do not count).
 *
 * @example
 * ```ts
 * import { idle, spawn } from '@coro/gevent';
 * spawn(function* () { console.log('ran first'); });
 * await idle();
 * ```
 */
export function idle(): Blocking<void> {
  return idleOp();
}
