import { AsyncLocalStorage } from 'node:async_hooks';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { isSpawned } from './current.js';

/**
 * Carries the greenlet that (transitively) started the code running now across `await`s, also
 * inside third-party async libraries: the hub runs every greenlet step inside
 * `ownerStore.run(greenlet, …)`, so every promise job created during that step inherits it.
 */
export const ownerStore = /* @__PURE__ */ new AsyncLocalStorage<RawGreenlet>();

/** The greenlet on whose behalf a platform operation is being started, if any. */
export function ownerNow(): RawGreenlet | undefined {
  const owner = ownerStore.getStore();
  return isSpawned(owner) ? owner : undefined;
}

interface Entry {
  readonly controller: AbortController;
  // Request-like operations stop when the greenlet is interrupted (kill, Timeout); lifetimes (timers) only when it ends.
  readonly interruptible: boolean;
}

const inFlight = new WeakMap<object, Set<Entry>>();

/** One platform operation bound to its owner until {@link OperationBinding.settle} is called. */
export interface OperationBinding {
  /** Aborts when the owner ends, when it is interrupted (if interruptible), or when the caller's own signal aborts. */
  readonly signal: AbortSignal;
  /** The operation completed: unlink it from its owner (what it produced outlives the owner). Idempotent. */
  settle(): void;
}

class Binding implements OperationBinding {
  constructor(
    readonly signal: AbortSignal,
    private entries: Set<Entry> | null,
    private readonly entry: Entry,
    private readonly userSignal: AbortSignal | null,
    private readonly forward: (() => void) | null,
  ) {}

  settle(): void {
    if (this.entries === null) return;
    this.entries.delete(this.entry);
    this.entries = null;
    if (this.forward !== null) this.userSignal!.removeEventListener('abort', this.forward);
  }
}

/**
 * Bind a new operation to `owner`. `userSignal`, when given, aborts it too. Settling removes every
 * link, so a finished operation holds no listener on a long-lived signal. Pass `controller` to
 * bind a later step of an exchange (a response body read) to the controller of its request.
 */
export function bindOperation(
  owner: object,
  interruptible: boolean,
  userSignal?: AbortSignal | null,
  controller: AbortController = new AbortController(),
): OperationBinding {
  const entry: Entry = { controller, interruptible };
  let entries = inFlight.get(owner);
  if (!entries) inFlight.set(owner, (entries = new Set()));
  entries.add(entry);
  if (userSignal == null) return new Binding(controller.signal, entries, entry, null, null);
  const forward = (): void => controller.abort(userSignal.reason);
  if (userSignal.aborted) controller.abort(userSignal.reason);
  else userSignal.addEventListener('abort', forward, { once: true });
  return new Binding(controller.signal, entries, entry, userSignal, forward);
}

/**
 * Abort what `owner` has in flight: everything when it has ended, only the interruptible
 * operations when an exception was thrown into it (it may catch it and go on).
 */
export function abortOwned(owner: object, ended: boolean, reason: unknown): void {
  const entries = inFlight.get(owner);
  if (!entries || entries.size === 0) return;
  for (const entry of [...entries]) {
    if (!ended && !entry.interruptible) continue;
    entries.delete(entry);
    entry.controller.abort(reason);
  }
  if (ended) inFlight.delete(owner);
}

/** True when `owner` has operations in flight (so the tracer can skip greenlets that never started one). */
export function hasOwned(owner: object): boolean {
  return (inFlight.get(owner)?.size ?? 0) > 0;
}

/**
 * Settle `binding` when `promise` settles, and pass the promise through. Used by the promise-based
 * patches (fetch, dns, fs/promises).
 */
export function settleWith<T>(binding: OperationBinding, promise: Promise<T>): Promise<T> {
  return promise.then(
    (value) => {
      binding.settle();
      return value;
    },
    (error: unknown) => {
      binding.settle();
      throw error;
    },
  );
}
