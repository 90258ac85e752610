import type { Firable } from './firable.js';
import type { Hub } from './hub.js';

/**
 * A function queued with {@link Hub.runCallback}. It runs in the hub (it must not block); an
 * error it raises is reported by `hub.handleError` and the loop goes on.
 *
 * @example
 * ```ts
 * import { getHub } from '@coro/gevent';
 * const cb = getHub().runCallback(() => console.log('later'));
 * cb.stop(); // never mind
 * ```
 */
export class Callback implements Firable {
  /** False once it ran or was stopped. */
  pending = true;

  constructor(
    private readonly hub: Hub,
    private readonly fn: (...args: any[]) => unknown,
    private readonly args: readonly unknown[],
  ) {}

  /** Do not run it after all. */
  stop(): void {
    this.pending = false;
  }

  /** @internal */
  fire(): void {
    if (!this.pending) return;
    this.pending = false;
    try {
      this.fn(...this.args);
    } catch (error) {
      this.hub.reportError(this, error);
    }
  }

  toString(): string {
    return `<Callback ${this.fn.name || 'anonymous'}>`;
  }
}
