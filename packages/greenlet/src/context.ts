import { rt } from './runtime.js';

/**
 * A mapping of {@link ContextVar}s to values: the state a greenlet runs in (Python's
 * `contextvars.Context`, as greenlet uses it for `gr_context`). Every greenlet has its own; a new
 * greenlet starts with none (`grContext` is `undefined`) and gets a fresh, empty one on its first
 * `ContextVar.set` — it does not inherit its creator's.
 *
 * @example
 * ```ts
 * import { ContextVar, copyContext, greenlet } from '@coro/greenlet';
 * const user = new ContextVar<string>('user');
 * user.set('ada');
 * const g = new greenlet(function* () { return user.get(); });
 * g.grContext = copyContext(); // inherit explicitly
 * console.log(g.switch().value); // "ada"
 * ```
 */
export class Context {
  /** @internal */
  readonly _values: Map<ContextVar<any>, unknown>;

  /** An empty context; see {@link copyContext} for a copy of the current one. */
  constructor() {
    this._values = new Map();
  }

  /** The value of `variable` in this context, or `undefined` if it has none here. */
  get<T>(variable: ContextVar<T>): T | undefined {
    return this._values.get(variable) as T | undefined;
  }

  /** Whether `variable` has a value in this context. */
  has(variable: ContextVar<unknown>): boolean {
    return this._values.has(variable);
  }

  /** How many variables have a value here. */
  get size(): number {
    return this._values.size;
  }

  /** A shallow copy: the same values, set independently from now on. */
  copy(): Context {
    const copy = emptyContext();
    for (const [variable, value] of this._values) copy._values.set(variable, value);
    return copy;
  }

  /**
   * Call `fn(...args)` with this context entered in the running greenlet, and leave it again
   * afterwards. When `fn` is a generator function, the context stays entered until the generator
   * finishes, across every switch it makes (so `new greenlet((...a) => ctx.run(work, ...a))`
   * runs `work` in `ctx`).
   *
   * @typeParam A - the argument types of `fn`.
   * @typeParam R - what `fn` returns.
   * @example
   * ```ts
   * import { Context, ContextVar } from '@coro/greenlet';
   * const id = new ContextVar<number>('id');
   * const ctx = new Context();
   * ctx.run(() => id.set(7));
   * console.log(ctx.get(id), id.get()); // 7 undefined
   * ```
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    const owner = rt.current;
    const previous = owner._context;
    owner._context = this;
    let result: R;
    try {
      result = fn(...args);
    } finally {
      owner._context = previous;
    }
    if (isGenerator(result)) return entered(this, result) as R;
    return result;
  }
}

// Outside the class body on purpose: a class that names itself in its body is renamed `_Context` by the
// build, and Context.name would say so (the pack check asserts the names).
function emptyContext(): Context {
  return new Context();
}

function isGenerator(value: unknown): value is Generator {
  return typeof value === 'object' && value !== null && typeof (value as Generator).next === 'function' && typeof (value as Generator).throw === 'function';
}

/** Drive `inner` with `context` entered in whichever greenlet runs it, until it finishes. */
function* entered<T, R>(context: Context, inner: Generator<T, R, unknown>): Generator<T, R, unknown> {
  const owner = rt.current;
  const previous = owner._context;
  owner._context = context;
  try {
    return yield* inner;
  } finally {
    owner._context = previous;
  }
}

/**
 * A variable whose value depends on the greenlet reading it (Python's `contextvars.ContextVar`,
 * with greenlet's rule that each greenlet has its own context). Reading one where it was never set
 * gives the default. Switching greenlets costs nothing extra: the value lives in the running
 * greenlet's {@link Context}.
 *
 * @typeParam T - the type of the value.
 * @example
 * ```ts
 * import { ContextVar, greenlet } from '@coro/greenlet';
 * const requestId = new ContextVar<number>('requestId', 0);
 * requestId.set(1);
 * const g = new greenlet(function* () { return requestId.get(); });
 * console.log(g.switch().value, requestId.get()); // 0 1 — a new greenlet starts empty
 * ```
 */
export class ContextVar<T> {
  readonly #default: T | undefined;

  /**
   * @param name - shown when the variable is printed.
   * @param defaultValue - what `get()` returns where the variable has no value.
   */
  constructor(
    readonly name: string,
    defaultValue?: T,
  ) {
    if (typeof name !== 'string') throw new TypeError(`ContextVar(name): name must be a string, not ${typeof name}`);
    this.#default = defaultValue;
  }

  /** The value in the running greenlet's context, else the default. */
  get(): T | undefined {
    const context = rt.current._context;
    if (context !== undefined && context._values.has(this)) return context._values.get(this) as T;
    return this.#default;
  }

  /** Set the value in the running greenlet's context, creating that context on first use. */
  set(value: T): void {
    const owner = rt.current;
    (owner._context ??= new Context())._values.set(this, value);
  }

  /** `ContextVar(name)`, for debugging. */
  toString(): string {
    return `ContextVar(${this.name})`;
  }
}

/**
 * A copy of the running greenlet's context: assign it to a new greenlet's `grContext` to let it
 * inherit the current values, as asyncio tasks do by default. A greenlet that has no context yet
 * is given an empty one first (Python's `copy_context()` does the same).
 *
 * @example
 * ```ts
 * import { copyContext, greenlet } from '@coro/greenlet';
 * const g = new greenlet(function* () {});
 * g.grContext = copyContext();
 * ```
 */
export function copyContext(): Context {
  // As Python's copy_context(): a greenlet still without a context is given an empty one first,
  // so afterwards its grContext is a Context (not the copy).
  const current = rt.current;
  return (current._context ??= new Context()).copy();
}
