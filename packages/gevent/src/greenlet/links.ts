import type { RawGreenlet } from '../hub/raw-greenlet.js';

/**
 * An object a greenlet or event can notify instead of a function (an `AsyncResult` copies the
 * outcome; internal waiters wake a parked greenlet).
 *
 * @typeParam S - the type of the object that became ready.
 * @example
 * ```ts
 * const target: LinkTarget<Greenlet> = { onLink: (g) => console.log(g.value) };
 * g.link(target);
 * ```
 */
export interface LinkTarget<S> {
  /** Called with the object that became ready. */
  onLink(source: S): void;
}

/** A link callback or target. */
export type Link<S> = ((source: S) => unknown) | LinkTarget<S>;

/** Call one link and return what it returned (a spawned link's greenlet runs a returned Operation); the caller reports errors. */
export function callLink<S>(link: Link<S>, source: S): unknown {
  if (typeof link === 'function') return link(source);
  link.onLink(source);
  return undefined;
}

/** Validate a link argument. */
export function checkLink(link: unknown, method: string): void {
  if (typeof link !== 'function' && typeof (link as LinkTarget<unknown> | null)?.onLink !== 'function') {
    throw new TypeError(`${method}: callback must be a function or an object with onLink(), got ${link === null ? 'null' : typeof link}`);
  }
}

/**
 * A parked greenlet waiting for a link. Called from a notification pass in the hub it switches
 * into the greenlet at once (gevent's `rawlink(getcurrent().switch)`), so a semaphore permit
 * reaches the woken waiter before anyone else can take it; elsewhere it queues the wake-up.
 */
export class Wakeup<S> implements LinkTarget<S> {
  constructor(
    private readonly g: RawGreenlet,
    private readonly epoch: number,
  ) {}
  onLink(): void {
    const { g, epoch } = this;
    if (g.epoch !== epoch) return;
    if (g.hub.current === g.hub) g.hub.resume(g, true, false);
    else g.hub.wake(g, epoch, true);
  }
}
