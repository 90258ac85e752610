import type { greenlet } from './greenlet.js';
import { rt } from './runtime.js';

/**
 * For a host that steps greenlet generators itself (gevent's hub runs its greenlets' steps in
 * its own loop rather than through switches): make `getCurrent()` return `g` for the duration of
 * `g`'s step. Returns the greenlet that was current, which the host passes back when the step
 * ends.
 *
 * @example
 * ```ts
 * import { enterHostedStep } from '@coro/greenlet';
 * const previous = enterHostedStep(g);
 * try { g.gen.next(); } finally { enterHostedStep(previous); }
 * ```
 */
export function enterHostedStep(g: greenlet): greenlet {
  const previous = rt.current;
  rt.current = g;
  return previous;
}
