import { describeValue } from './describe.js';

/**
 * Check a duration argument: a number of milliseconds, `>= 0`, not NaN. `Infinity` is allowed
 * where `allowInfinity` says so (it means "never").
 *
 * @internal
 */
export function checkDuration(where: string, name: string, ms: unknown, allowInfinity = false): number {
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    throw new TypeError(`${where}: ${name} must be a number of milliseconds, got ${typeof ms === 'number' ? 'NaN' : describeValue(ms)}`);
  }
  if (ms < 0 || (!allowInfinity && ms === Infinity)) {
    throw new RangeError(`${where}: ${name} must be ${allowInfinity ? '>= 0' : 'a finite number >= 0'} (milliseconds), got ${ms}`);
  }
  return ms;
}

/**
 * The handle of a timer set for `Infinity` ms: it never fires, so no clock stores it or arms a
 * host timer for it, and clearing it does nothing.
 *
 * @internal
 */
export const NEVER: { readonly deadline: number } = /* @__PURE__ */ Object.freeze({ deadline: Infinity });

/** The longest delay a host `setTimeout` accepts (2^31 − 1 ms, about 24.8 days). @internal */
export const MAX_HOST_DELAY = 2 ** 31 - 1;
