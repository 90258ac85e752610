import { getHub } from '../hub/current.js';
import type { Hub } from '../hub/hub.js';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { RootWaiter } from '../hub/root-waiter.js';

/** @internal The process hub, created if needed (creating it does not start its loop). */
export function patchedHub(): Hub {
  return getHub();
}

/** True for a greenlet a hub runs (not a hub itself, not main or another awaiting root). */
export function isSpawned(g: RawGreenlet | undefined): g is RawGreenlet {
  return g !== undefined && g.hub !== g && !(g instanceof RootWaiter);
}

/** The greenlet whose step is running right now, if it is a spawned one. */
export function currentGreenlet(): RawGreenlet | undefined {
  const current = getHub().current;
  return isSpawned(current) ? current : undefined;
}
