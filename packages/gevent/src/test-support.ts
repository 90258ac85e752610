import { VirtualClock } from '@coro/core';
import { setHub } from './current.js';
import { Hub } from './hub.js';

/** A fresh hub on a virtual clock, installed as the process hub, with its error reports captured. */
export function freshHub(): { hub: Hub; clock: VirtualClock; reports: string[] } {
  const clock = new VirtualClock();
  const hub = new Hub({ clock });
  const reports: string[] = [];
  hub.exceptionStream = { write: (text: string) => reports.push(text) };
  setHub(hub);
  return { hub, clock, reports };
}
