import { Hub } from './hub.js';
import type { RawGreenlet } from './raw-greenlet.js';

let theHub: Hub | null = null;

/**
 * This process's hub, created on first use with the real clock.
 *
 * @example
 * ```ts
 * import { getHub } from '@coro/gevent';
 * getHub().runCallback(() => console.log('in the hub'));
 * ```
 */
export function getHub(): Hub {
  return (theHub ??= new Hub());
}

/**
 * Replace the process's hub (gevent's `set_hub`), e.g. with one on a virtual clock in tests.
 * Greenlets keep the hub they were created in.
 *
 * @example
 * ```ts
 * import { Hub, setHub } from '@coro/gevent';
 * import { VirtualClock } from '@coro/core';
 * setHub(new Hub({ clock: new VirtualClock() }));
 * ```
 */
export function setHub(hub: Hub | null): void {
  if (hub !== null && !(hub instanceof Hub)) throw new TypeError('setHub: hub must be a Hub or null');
  theHub = hub;
}

/**
 * The running greenlet: inside a greenlet, that greenlet; in a hub callback, the hub; in ordinary
 * code, the hub's main greenlet.
 *
 * @example
 * ```ts
 * import { getCurrent, spawn } from '@coro/gevent';
 * const g = spawn(function* () { console.log(getCurrent() === g); }); // true
 * ```
 */
export function getCurrent(): RawGreenlet {
  return getHub().current;
}
