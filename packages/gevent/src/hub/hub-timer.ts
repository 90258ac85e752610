import { Timer } from '@coro/core';
import type { Firable } from './firable.js';
import type { Hub } from './hub.js';

/**
 * A hub timer: when due it calls `target.fire(tag)`. It carries its target and tag as fields and
 * shares its hub's one callback, rather than holding a closure per timer: a closure and its two
 * contexts cost 150 bytes, more than the timer itself, and every sleeping greenlet holds a timer.
 */
export class HubTimer extends Timer {
  constructor(
    deadline: number,
    seq: number,
    ref: boolean,
    fire: (this: HubTimer) => void,
    readonly target: Firable,
    readonly tag: number,
  ) {
    super(deadline, seq, fire, ref);
  }
}

/** The callback of every timer of `hub` (the driver calls `timer.callback()`, so `this` is the timer). */
export function fireHubTimer(hub: Hub): (this: HubTimer) => void {
  return function (this: HubTimer): void {
    if (this.ref) hub.refTimers--;
    this.target.fire(this.tag);
  };
}
