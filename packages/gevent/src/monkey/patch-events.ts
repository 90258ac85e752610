import type { PatchArea } from './registry.js';

/**
 * Throw it from a {@link subscribePatches} listener receiving a {@link WillPatchModule} event to
 * veto that patch (gevent's `DoNotPatch`).
 *
 * @example
 * ```ts
 * import { DoNotPatch, subscribePatches, WillPatchModule } from '@coro/gevent/monkey';
 * subscribePatches((event) => {
 *   if (event instanceof WillPatchModule && event.area === 'dns') throw new DoNotPatch();
 * });
 * ```
 */
export class DoNotPatch extends Error {
  /** Always `'DoNotPatch'`. */
  override readonly name = 'DoNotPatch';
}

/**
 * `patchAll()` is about to patch (gevent's `GeventWillPatchAllEvent`).
 *
 * @example
 * ```ts
 * import { subscribePatches, WillPatchAll } from '@coro/gevent/monkey';
 * subscribePatches((event) => { if (event instanceof WillPatchAll) console.log(event.options); });
 * ```
 */
export class WillPatchAll {
  /** @param options the options patchAll() was called with */
  constructor(readonly options: object) {}
}

/**
 * One area is about to be patched; throwing {@link DoNotPatch} vetoes it (gevent's `GeventWillPatchModuleEvent`).
 *
 * @example
 * ```ts
 * import { subscribePatches, WillPatchModule } from '@coro/gevent/monkey';
 * subscribePatches((event) => { if (event instanceof WillPatchModule) console.log(event.area); });
 * ```
 */
export class WillPatchModule {
  /** @param area the area about to be patched */
  constructor(readonly area: PatchArea) {}
}

/**
 * One area was patched (gevent's `GeventDidPatchModuleEvent`).
 *
 * @example
 * ```ts
 * import { subscribePatches, DidPatchModule } from '@coro/gevent/monkey';
 * subscribePatches((event) => { if (event instanceof DidPatchModule) console.log(event.area); });
 * ```
 */
export class DidPatchModule {
  /** @param area the area that was patched */
  constructor(readonly area: PatchArea) {}
}

/**
 * `patchAll()` has finished (gevent's `GeventDidPatchAllEvent`).
 *
 * @example
 * ```ts
 * import { subscribePatches, DidPatchAll } from '@coro/gevent/monkey';
 * subscribePatches((event) => { if (event instanceof DidPatchAll) console.log('patched'); });
 * ```
 */
export class DidPatchAll {
  /** @param options the options patchAll() was called with */
  constructor(readonly options: object) {}
}

/** What {@link subscribePatches} listeners receive. */
export type PatchEvent = WillPatchAll | WillPatchModule | DidPatchModule | DidPatchAll;

const listeners = new Set<(event: PatchEvent) => void>();

/**
 * Listen to patch events (gevent's `gevent.events.subscribers` for the monkey events). Returns
 * the unsubscribe function.
 *
 * @example
 * ```ts
 * import { subscribePatches } from '@coro/gevent/monkey';
 * const unsubscribe = subscribePatches((event) => console.log(event.constructor.name));
 * unsubscribe();
 * ```
 */
export function subscribePatches(listener: (event: PatchEvent) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError(`subscribePatches(listener): listener must be a function, got ${typeof listener}`);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Deliver `event`; a {@link DoNotPatch} thrown by a listener propagates to the caller (the veto). */
export function notifyPatch(event: PatchEvent): void {
  for (const listener of listeners) listener(event);
}
