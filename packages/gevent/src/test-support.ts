// What this port's own tests (src/**/*.test.ts) share; gevent's testing helpers, ported for the
// upstream suites, are in test/ported/support.ts.
import { type Instruction, VirtualClock } from '@coro/core';
import { getHub, setHub } from './hub/current.js';
import { Hub } from './hub/hub.js';

/** A fresh hub on a virtual clock, installed as the process hub, with its error reports captured. */
export function freshHub(): { hub: Hub; clock: VirtualClock; reports: string[] } {
  const clock = new VirtualClock();
  const hub = new Hub({ clock });
  const reports: string[] = [];
  hub.exceptionStream = { write: (text: string) => reports.push(text) };
  setHub(hub);
  return { hub, clock, reports };
}

/** Run `body` as the main greenlet's blocking call, the way gevent tests run in main. */
export function inMain<T>(body: () => Generator<Instruction, T, any>): Promise<T> {
  return getHub().runRoot({ [Symbol.iterator]: body }) as Promise<T>;
}

/** Python's ExpectedException. */
export class ExpectedError extends Error {
  override readonly name: string = 'ExpectedError';
}
