import type { HubTracer } from '../hub.js';
import type { RawGreenlet } from '../raw-greenlet.js';
import { isSpawned, patchedHub } from './current.js';
import { abortOwned, hasOwned, ownerStore } from './owner.js';

let tracer: HubTracer | null = null;
let chained: HubTracer | null = null;

function interrupted(g: RawGreenlet): DOMException {
  return new DOMException(`${g.name}, which started this operation, was interrupted (kill() or a Timeout)`, 'AbortError');
}

function ended(g: RawGreenlet): DOMException {
  return new DOMException(`${g.name}, which started this operation, has finished`, 'AbortError');
}

/**
 * Make the hub run every greenlet step inside `ownerStore.run(greenlet, …)`, and watch switches:
 * an exception thrown into a greenlet (kill, Timeout, a failed wait) interrupts the operations it
 * has in flight; a greenlet that has finished releases all of them. Installed once, by the first
 * patch that binds operations; it does not start the hub's loop.
 */
export function installOwnership(): void {
  if (tracer !== null) return;
  const hub = patchedHub();
  hub.setOwnerStorage(ownerStore);
  const previous = (chained = hub.setTrace(null));
  tracer = (event, origin, target) => {
    if (event === 'throw' && hasOwned(target)) abortOwned(target, false, interrupted(target));
    // The hub marks a greenlet dead right after this trace call, so look once the step is over.
    if (isSpawned(origin) && hasOwned(origin)) {
      queueMicrotask(() => {
        if (origin.dead) abortOwned(origin, true, ended(origin));
      });
    }
    previous?.(event, origin, target);
  };
  hub.setTrace(tracer);
}

/** Undo {@link installOwnership} (for tests), keeping any tracer installed after ours. */
export function uninstallOwnership(): void {
  if (tracer === null) return;
  const hub = patchedHub();
  hub.setOwnerStorage(null);
  const top = hub.setTrace(null);
  hub.setTrace(top === tracer ? chained : top);
  tracer = null;
  chained = null;
}
