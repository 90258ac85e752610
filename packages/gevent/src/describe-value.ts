/**
 * How an error message shows a bad argument: a string quoted and called a string (`'100' (a
 * string)`), so `sleep('100')` does not read as if 100 were fine. Same wording as @coro/core's.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    if (!name || name === 'Object') return 'an object';
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  }
  if (typeof value === 'string') return `'${value}' (a string)`;
  return `${(value as number | boolean | bigint | symbol).toString()} (a ${typeof value})`;
}
