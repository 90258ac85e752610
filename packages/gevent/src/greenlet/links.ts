import { describeValue } from '../describe-value.js';
import { type RawGreenlet, RawGreenlet as Raw, SCHEDULED, START } from '../hub/raw-greenlet.js';
import type { Greenlet } from './greenlet.js';
import { nameClass } from '../class-hooks.js';

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
    throw new TypeError(`${method}: callback must be a function or an object with onLink(), got ${describeValue(link)}`);
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

/** Whether `link` is `callback`, or the spawned link made for it by `link()`. */
export function isLinkOf(link: Link<any> | undefined, callback: unknown): boolean {
  return link === callback || (link instanceof SpawnedLink && link.callback === callback);
}

/**
 * The raw greenlet a `link()` runs in: it reports a failure as gevent's notification does, as
 * `(link, source)`. Named RawGreenlet, as it prints and is: gevent's is a plain greenlet.
 */
class LinkGreenlet extends Raw {
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #name = /* @__PURE__ */ nameClass(this, 'RawGreenlet');
  constructor(
    private readonly link: Link<any>,
    private readonly source: Greenlet<any>,
  ) {
    super(source.hub, callLink, [link, source]);
  }
  protected override onDeath(value: unknown, failed: boolean): void {
    if (failed) this.hub.reportError([this.link, this.source], value);
  }
}

/** `link()`: the callback runs in a new raw greenlet, so it may block. */
export class SpawnedLink<T> implements LinkTarget<Greenlet<T>> {
  constructor(
    readonly callback: Link<Greenlet<T>>,
    private readonly when: 'always' | 'value' | 'exception',
  ) {}
  onLink(source: Greenlet<T>): void {
    if (this.when === 'value' && !source.successful()) return;
    if (this.when === 'exception' && source.successful()) return;
    const raw = new LinkGreenlet(this.callback, source);
    raw.state = SCHEDULED;
    // gevent's SpawnedLink switches into its greenlet at once: it runs to its first block before
    // the next link, so links keep the order they were added in.
    if (source.hub.current === source.hub) source.hub.resume(raw, undefined, false);
    else source.hub.schedule(raw, START);
  }
}

/** Two or more links, FIFO. A lone link is stored bare, so the usual single waiter costs no array. */
export class LinkList {
  constructor(readonly items: Link<any>[]) {}
}
