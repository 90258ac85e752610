type Named = { constructor?: { name?: string }; toString(): string };

/** A short label for an instruction or value, for errors and `inspect()`. @internal */
export function describeInstruction(instruction: unknown): string {
  if (instruction === null || instruction === undefined) return 'nothing';
  const named = instruction as Named;
  if (typeof instruction === 'object' && named.toString !== Object.prototype.toString) return named.toString();
  const name = named.constructor?.name;
  return name ? `a ${name}` : 'a Suspend instruction';
}

/** How a value is named in a TypeError: its type and value, or its class. @internal */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'object') {
    const name = (value as Named).constructor?.name;
    return name ? `a ${name}` : 'an object';
  }
  return `${typeof value} ${(value as Named).toString()}`;
}
