import { getHub } from '../current.js';
import type { Hub } from '../hub.js';
import type { RawGreenlet } from '../raw-greenlet.js';
import { RootWaiter } from '../root-waiter.js';

/** The hub the patches serve; looked up once, when the first patch that needs it is applied. */
let hub: Hub | undefined;

/** @internal The hub, created if needed (creating it does not start its loop). */
export function patchedHub(): Hub {
  return (hub ??= getHub());
}

/** True for a greenlet the hub runs (not the hub itself, not main or another awaiting root). */
export function isSpawned(g: RawGreenlet | undefined): g is RawGreenlet {
  return g !== undefined && g !== hub && !(g instanceof RootWaiter);
}

/** The greenlet whose step is running right now, if it is a spawned one. */
export function currentGreenlet(): RawGreenlet | undefined {
  const current = hub?.current;
  return isSpawned(current) ? current : undefined;
}
