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
    if (!name || name === 'Object') return 'an object';
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  }
  if (typeof value === 'string') return `'${value}' (a string)`;
  return `${(value as Named).toString()} (a ${typeof value})`;
}

/** The error thrown into a coroutine that yielded something its driver does not understand. @internal */
export function unknownInstruction(task: { readonly name: string }, instruction: unknown): TypeError {
  const what = typeof instruction === 'object' && instruction !== null ? describeInstruction(instruction) : `${typeof instruction} ${String(instruction)}`;
  const iterable = typeof (instruction as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] === 'function';
  const hint =
    !iterable && typeof (instruction as PromiseLike<unknown> | null)?.then === 'function'
      ? ' To wait for a promise, write `yield* wait(promise)`.'
      : ' Write `yield* operation` to run an Operation, or a bare `yield` to let other tasks run.';
  return new TypeError(`task "${task.name}" yielded ${what}, which the core scheduler does not understand.${hint}`);
}
