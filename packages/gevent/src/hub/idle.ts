import type { Instruction } from '@coro/core';
import { describeValue } from '../describe-value.js';
import { getHub } from './current.js';
import { type Blocking, blocking, PARK } from './operation.js';

const idleOp = /* @__PURE__ */ blocking('idle', function* (priority: number): Generator<Instruction, void, unknown> {
  const hub = getHub();
  const me = hub.blockingCurrent();
  const list = hub.idlers[priority + 2]!;
  list.push(me);
  hub.idlerCount++;
  try {
    yield PARK;
  } finally {
    // libev's ev_idle_stop: the last watcher takes the stopped one's place. That decides who
    // resumes first the next time (the list is resumed from its end), as in gevent.
    const i = list.indexOf(me);
    if (i >= 0) {
      const last = list.pop()!;
      if (i < list.length) list[i] = last;
      hub.idlerCount--;
    }
  }
});

/**
 * Block until the hub has nothing else to run: every queued callback and every ready greenlet
 * has had its turn (gevent's `idle()`; later timers do not count). Of several waiting, those of
 * the highest `priority` resume, the last to start first (libev's order); the others wait for
 * the next idle round.
 *
 * @param priority - -2 to 2 (libev's range; beyond it is clamped), default 0
 * @example
 * ```ts
 * import { idle, spawn } from '@coro/gevent';
 * spawn(function* () { console.log('ran first'); });
 * await idle();
 * ```
 */
export function idle(priority = 0): Blocking<void> {
  if (!Number.isInteger(priority)) throw new TypeError(`idle: priority must be an integer, got ${describeValue(priority)}`);
  return idleOp(Math.max(-2, Math.min(2, priority)));
}
