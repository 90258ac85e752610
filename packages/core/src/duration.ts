/**
 * Check a duration argument: a number of milliseconds, `>= 0`, not NaN. `Infinity` is allowed
 * where `allowInfinity` says so (it means "never").
 *
 * @internal
 */
export function checkDuration(where: string, name: string, ms: unknown, allowInfinity = false): number {
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    throw new TypeError(`${where}: ${name} must be a number of milliseconds, got ${typeof ms === 'number' ? 'NaN' : typeof ms}`);
  }
  if (ms < 0 || (!allowInfinity && ms === Infinity)) {
    throw new RangeError(`${where}: ${name} must be ${allowInfinity ? '>= 0' : 'a finite number >= 0'} (milliseconds), got ${ms}`);
  }
  return ms;
}
