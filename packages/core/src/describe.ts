/** A short label for an instruction or value, for errors and `inspect()`. @internal */
export function describeInstruction(instruction: unknown): string {
  if (instruction === null || instruction === undefined) return 'nothing';
  if (typeof instruction === 'object' && (instruction as object).toString !== Object.prototype.toString) {
    return String(instruction);
  }
  const name = (instruction as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : 'a Suspend instruction';
}

/** How a value is named in a TypeError: its type, or its class. @internal */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value !== 'object') return `${typeof value} ${String(value)}`;
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : 'an object';
}
