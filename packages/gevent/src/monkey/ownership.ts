import type { Hub, HubTracer } from '../hub/hub.js';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { isSpawned, patchedHub } from './current.js';
import { abortOwned, hasOwned, ownerStore } from './owner.js';

let tracer: HubTracer | null = null;
let chained: HubTracer | null = null;
let installedOn: Hub | null = null;

function interrupted(g: RawGreenlet): DOMException {
  return new DOMException(`${g.name}, which started this operation, was interrupted (kill() or a Timeout)`, 'AbortError');
}

function ended(g: RawGreenlet): DOMException {
  return new DOMException(`${g.name}, which started this operation, has finished`, 'AbortError');
}

/**
 * Make the hub run every greenlet step inside `ownerStore.run(greenlet, …)`, and watch switches:
 * an exception thrown into a greenlet (kill, Timeout, a failed wait) interrupts the operations it
 * has in flight; a greenlet that has finished releases all of them. Every patch that binds
 * operations calls it; it is installed once per hub (tests swap hubs) and does not start the loop.
 */
export function installOwnership(): void {
  const hub = patchedHub();
  if (installedOn === hub) return;
  uninstallOwnership();
  installedOn = hub;
  hub.setOwnerStorage(ownerStore);
  const previous = (chained = hub.setTrace(null));
  // The hub marks a greenlet dead right after the trace call of its last switch-out, so greenlets
  // leaving with operations in flight are looked at once the hub's current slice is over: one
  // microtask per slice, however many greenlets switched out in it.
  const leaving: RawGreenlet[] = [];
  const checkLeaving = (): void => {
    for (const g of leaving.splice(0)) if (g.dead) abortOwned(g, true, ended(g));
  };
  tracer = (event, origin, target) => {
    if (event === 'throw' && hasOwned(target)) abortOwned(target, false, interrupted(target));
    if (isSpawned(origin) && hasOwned(origin)) {
      if (leaving.push(origin) === 1) queueMicrotask(checkLeaving);
    }
    previous?.(event, origin, target);
  };
  hub.setTrace(tracer);
}

/** Undo {@link installOwnership} (for tests), keeping any tracer installed after ours. */
export function uninstallOwnership(): void {
  const hub = installedOn;
  if (hub === null || tracer === null) return;
  installedOn = null;
  hub.setOwnerStorage(null);
  const top = hub.setTrace(null);
  hub.setTrace(top === tracer ? chained : top);
  tracer = null;
  chained = null;
}
