import { Timer } from '@coro/core';
import type { Firable } from './firable.js';
import type { Hub } from './hub.js';

/**
 * A hub timer: when due it calls `target.fire(tag)`. It carries its target and tag as fields and
 * shares one callback, rather than holding a closure per timer: a closure and its two contexts
 * cost 150 bytes, more than the timer itself, and every sleeping greenlet holds a timer.
 */
export class HubTimer extends Timer {
  constructor(
    deadline: number,
    seq: number,
    ref: boolean,
    readonly hub: Hub,
    readonly target: Firable,
    readonly tag: number,
  ) {
    super(deadline, seq, fireHubTimer, ref);
  }
}

// The driver calls `timer.callback()`, so `this` is the timer.
function fireHubTimer(this: HubTimer): void {
  if (this.ref) this.hub.refTimers--;
  this.target.fire(this.tag);
}
