// Errors cross a thread or process boundary as plain data and are rebuilt on the other side, so the
// caller gets back what was thrown: the class name, message, stack, `cause` chain and own properties.
// Structured clone alone drops custom classes, own properties and (on Node 20) `cause`.

/** A thrown value as it travels between threads or processes. */
export type SentError =
  | { readonly kind: 'error'; readonly className: string; readonly name: string; readonly message: string; readonly stack: string | undefined; readonly cause?: SentError; readonly errors?: SentError[]; readonly props: Record<string, unknown> }
  | { readonly kind: 'value'; readonly value: unknown };

const builtins: Record<string, new (message?: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

const reserved = new Set(['name', 'message', 'stack', 'cause', 'errors']);

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** Turn anything thrown into data that survives structured cloning. */
export function sendError(thrown: unknown, depth = 0): SentError {
  if (!(thrown instanceof Error) || depth > 8) {
    return { kind: 'value', value: cloneable(thrown) ? thrown : String(thrown) };
  }
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(thrown)) {
    if (reserved.has(key)) continue;
    const value = (thrown as unknown as Record<string, unknown>)[key];
    props[key] = cloneable(value) ? value : String(value);
  }
  return {
    kind: 'error',
    className: thrown.constructor.name || 'Error',
    name: thrown.name,
    message: thrown.message,
    stack: thrown.stack,
    ...('cause' in thrown ? { cause: sendError(thrown.cause, depth + 1) } : {}),
    ...(thrown instanceof AggregateError ? { errors: (thrown.errors as unknown[]).map((e) => sendError(e, depth + 1)) } : {}),
    props,
  };
}

const namedClasses = new Map<string, new (message?: string) => Error>();

/** A class named like the thrower's, so `error.constructor.name` reads the same on this side. */
function classNamed(className: string): new (message?: string) => Error {
  const builtin = builtins[className];
  if (builtin) return builtin;
  let made = namedClasses.get(className);
  if (!made) {
    made = { [className]: class extends Error {} }[className]!;
    namedClasses.set(className, made);
  }
  return made;
}

/** Rebuild what {@link sendError} sent. */
export function receiveError(sent: SentError): unknown {
  if (sent.kind === 'value') return sent.value;
  const error =
    sent.errors !== undefined ? new AggregateError(sent.errors.map(receiveError), sent.message) : new (classNamed(sent.className))(sent.message);
  for (const [key, value] of [['name', sent.name], ['stack', sent.stack]] as const) {
    Object.defineProperty(error, key, { value, writable: true, configurable: true, enumerable: false });
  }
  if (sent.cause !== undefined) {
    Object.defineProperty(error, 'cause', { value: receiveError(sent.cause), writable: true, configurable: true, enumerable: false });
  }
  Object.assign(error, sent.props);
  return error;
}
