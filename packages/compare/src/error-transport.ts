// Errors cross a thread or process boundary as plain data and are rebuilt on the other side, so the
// caller gets back what was thrown: the class name, message, stack, `cause` chain and own properties.
// Structured clone alone drops custom classes, own properties and (on Node 20) `cause`.

/**
 * A thrown value as it travels between threads, processes or machines: plain data that survives
 * structured cloning and JSON.
 *
 * @example
 * ```ts
 * const sent: SentError = sendError(new RangeError('too big'));
 * sent.kind; // 'error'
 * ```
 */
export type SentError =
  | {
      /** An `Error` (or subclass) was thrown. */
      readonly kind: 'error';
      /** The thrower's class name (`error.constructor.name`). */
      readonly className: string;
      /** `error.name`. */
      readonly name: string;
      /** `error.message`. */
      readonly message: string;
      /** `error.stack`, where it is a string. */
      readonly stack: string | undefined;
      /** `error.cause`, sent the same way, when the error has one. */
      readonly cause?: SentError;
      /** An `AggregateError`'s errors. */
      readonly errors?: SentError[];
      /** The error's own enumerable properties (cloneable ones as they are, others as text). */
      readonly props: Record<string, unknown>;
    }
  | {
      /** Something other than an `Error` was thrown. */
      readonly kind: 'value';
      /** The value itself if it can be cloned, else the best text for it. */
      readonly value: unknown;
    };

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

/** `read()`, or `fallback` when reading throws (a getter that throws must not kill the worker). */
function attempt<T>(read: () => T, fallback: (error: unknown) => T): T {
  try {
    return read();
  } catch (error) {
    return fallback(error);
  }
}

/** Text for any value, even one whose `toString` throws or that has no prototype at all. */
export function printable(value: unknown): string {
  return attempt(
    () => String(value),
    () => attempt(() => Object.prototype.toString.call(value), () => '[unprintable value]'),
  );
}

/**
 * Turn anything thrown into data that survives structured cloning. Never throws: a value that can
 * be neither cloned nor printed still travels, as the most faithful text that can be made of it.
 * Executors built on this package (such as @coro/bullmq) send task errors with it.
 *
 * @example
 * ```ts
 * const error = receiveError(sendError(new TypeError('bad', { cause: 42 }))) as TypeError;
 * error instanceof TypeError; // true, and error.cause === 42
 * ```
 */
export function sendError(thrown: unknown, depth = 0): SentError {
  if (!attempt(() => thrown instanceof Error, () => false) || depth > 8) {
    return { kind: 'value', value: cloneable(thrown) ? thrown : printable(thrown) };
  }
  const error = thrown as Error & Record<string, unknown>;
  const props: Record<string, unknown> = {};
  for (const key of attempt(() => Object.keys(error), () => [])) {
    if (reserved.has(key)) continue;
    const value = attempt(
      () => error[key],
      (why) => `[getter threw: ${printable(why)}]`,
    );
    props[key] = cloneable(value) ? value : printable(value);
  }
  const text = (read: () => unknown, what: string) => attempt(() => printable(read()), (why) => `[${what} getter threw: ${printable(why)}]`);
  const stack = attempt(
    () => error.stack,
    () => undefined,
  );
  return {
    kind: 'error',
    className: attempt(() => printable(error.constructor.name) || 'Error', () => 'Error'),
    name: text(() => error.name, 'name'),
    message: text(() => error.message, 'message'),
    stack: typeof stack === 'string' ? stack : undefined,
    ...(attempt(() => 'cause' in error, () => false) ? { cause: sendError(attempt(() => error.cause, (why) => why), depth + 1) } : {}),
    ...(error instanceof AggregateError ? { errors: attempt(() => [...(error.errors as unknown[])], () => []).map((e) => sendError(e, depth + 1)) } : {}),
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

/**
 * Rebuild what {@link sendError} sent: the same class for built-in errors, a class of the same
 * name otherwise, with message, stack, `cause` chain and own properties.
 *
 * @example
 * ```ts
 * class Overdrawn extends Error {}
 * const error = receiveError(sendError(new Overdrawn('no'))) as Error;
 * error.constructor.name; // 'Overdrawn'
 * ```
 */
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
