import type { Instruction } from '@coro/core';
import { Keywords } from './arguments.js';
import { Context } from './context.js';
import { AttributeError, GreenletExit, ValueError } from './errors.js';
import { dispose } from './release.js';
import { arm, fromMain, loadArguments, throwable } from './requests.js';
import type { Runtime } from './runtime.js';
import { THROW, VALUE, type Switch, type SwitchOp } from './switch-op.js';

/** A greenlet's life: pending (created), active (started, not finished), dead (finished). */
export const PENDING = 0;
export const ACTIVE = 1;
export const DEAD = 2;
type State = typeof PENDING | typeof ACTIVE | typeof DEAD;

/**
 * The realm's greenlet state (runtime.ts says what each field is). Declared here, above the class, whose static
 * initializer fills in `main` and `current` (see setUp); `owner` names the class so that a bundler keeps it, and
 * so the main greenlet, wherever `rt` is used — and drops both from a bundle that uses neither.
 */
export const rt: Runtime = {
  main: undefined!,
  current: undefined!,
  driving: false,
  tracer: undefined,
  host: undefined,
  owner: () => greenlet,
};

/** `run` was never given (reading it raises AttributeError), as opposed to given as `null`. */
const NO_RUN: unique symbol = Symbol('no run');

/**
 * What a greenlet runs: a generator function (it can switch with `yield*`) or a plain function
 * (it runs to the end in one step and cannot switch). Called with the arguments of the first
 * switch; its return value goes to the parent.
 *
 * @example
 * ```ts
 * import type { GreenletRun } from '@coro/greenlet';
 * const run: GreenletRun = function* (a: number, b: number) { return a + b; };
 * ```
 */
export type GreenletRun = (...args: any[]) => unknown;

// The `run` accessor is defined on the prototype by setUp below; declaring it as a method here lets a
// subclass define `*run()` as Python subclasses define `run(self)`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface greenlet {
  /**
   * The function the first switch starts (Python's `run` attribute). Readable and writable while
   * the greenlet is pending; afterwards reading raises {@link AttributeError} `run` and writing
   * raises `run cannot be set after the start of the greenlet`. A subclass may define `*run()` as
   * a method instead of passing `run` to the constructor (it is then called with `this`).
   */
  run(...args: any[]): unknown;
}

/**
 * A greenlet: a suspended call stack that you hand control to, by name, with {@link greenlet.switch}.
 * Python's `greenlet.greenlet`. Exactly one greenlet runs at a time; control moves only when the
 * running one switches, throws, or finishes (then its parent resumes with the result).
 *
 * @example
 * ```ts
 * import { greenlet } from '@coro/greenlet';
 *
 * function* test1() {
 *   console.log(12);
 *   yield* gr2.switch();
 *   console.log(34);
 * }
 * function* test2() {
 *   console.log(56);
 *   yield* gr1.switch();
 *   console.log(78);
 * }
 * const gr1 = new greenlet(test1);
 * const gr2 = new greenlet(test2);
 * gr1.switch(); // prints 12, 56, 34 — and 78 never
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class greenlet {
  /** @internal */
  _run: unknown;
  /** @internal */
  _gen: Iterator<Instruction, unknown, unknown> | undefined;
  /** @internal */
  _state: State;
  /** @internal */
  _parent: greenlet | undefined;
  /** @internal */
  _op: SwitchOp | undefined;
  /** @internal */
  _context: Context | undefined;
  /** @internal */
  _registered: boolean;

  /**
   * Create a greenlet; nothing runs until the first switch.
   *
   * @param run - what the first switch starts; omit it in a subclass that defines `*run()`.
   * @param parent - where control and the outcome go when `run` finishes; defaults to the greenlet
   *   that is running now (`getCurrent()`), as in Python.
   */
  constructor(run?: GreenletRun | null, parent?: greenlet | null) {
    this._run = run === undefined ? NO_RUN : run;
    this._gen = undefined;
    this._state = PENDING;
    this._parent = parent == null ? rt.current : checkedParent(parent);
    this._op = undefined;
    this._context = undefined;
    this._registered = false;
  }

  /**
   * Hand control to this greenlet, with values. The first switch starts `run(...args)`; later
   * switches make the target's pending `switch` return the arguments packed as Python does: none →
   * `[]` (frozen), one → that value, several → a frozen array (see {@link kw} for keywords).
   * Switching to a dead greenlet goes to its parent (and on up the chain).
   *
   * Inside a greenlet, delegate: `const v = yield* g.switch(x)`. From the main greenlet (ordinary
   * code) the call runs the tree synchronously until control comes back to main, and the result
   * is in `.value`.
   *
   * @typeParam T - what the switch evaluates to when control comes back.
   * @example
   * ```ts
   * import { greenlet, getCurrent } from '@coro/greenlet';
   * const doubler = new greenlet(function* (x: number) {
   *   for (;;) x = (yield* getCurrent().parent!.switch<number>(x * 2)) as number;
   * });
   * console.log(doubler.switch<number>(1).value, doubler.switch<number>(5).value); // 2 10
   * ```
   */
  switch<T = unknown>(...args: unknown[]): Switch<T>;
  switch(...args: unknown[]): Switch<unknown> {
    if (!rt.driving) return fromMain(this, VALUE, args);
    const owner = rt.current;
    let op = owner._op;
    if (op === undefined || op.armed || owner === rt.main) op = arm(owner);
    op.armed = true;
    op.target = this;
    op.mode = VALUE;
    const n = args.length;
    const first = args[0];
    if (n === 1 && !(first instanceof Keywords)) {
      op.argc = 1;
      op.arg0 = first;
    } else if (n === 0) {
      op.argc = 0;
    } else {
      loadArguments(op, args);
    }
    return op;
  }

  /**
   * Raise `error` inside this greenlet, at the point where it is suspended (Python's `throw`).
   * With no argument it throws a new {@link GreenletExit}: a polite kill, since an uncaught
   * GreenletExit comes back to the parent as a value. An Error subclass is instantiated (with
   * `message`, if given); any other value is thrown as it is. A pending greenlet dies without
   * running; throwing into a dead one sends the error up its parent chain (a GreenletExit comes
   * back as a value).
   *
   * Inside a greenlet, delegate: `yield* g.throw(err)`; from main, the result is in `.value`.
   *
   * @typeParam T - what the throw evaluates to if control comes back with values.
   * @example
   * ```ts
   * import { greenlet, getCurrent } from '@coro/greenlet';
   * const g = new greenlet(function* () {
   *   try {
   *     yield* getCurrent().parent!.switch('ready');
   *   } catch (e) {
   *     return `caught ${(e as Error).message}`;
   *   }
   * });
   * g.switch();
   * console.log(g.throw(RangeError, 'stop').value); // "caught stop"
   * ```
   */
  throw<T = unknown>(error?: unknown, message?: string): Switch<T> {
    const thrown = throwable(error, message);
    // Python turns a GreenletExit thrown at a dead greenlet into its return value (throw_greenlet).
    const asValue = this._state === DEAD && thrown instanceof GreenletExit;
    if (!rt.driving) {
      return (asValue ? fromMain(this, VALUE, [thrown]) : fromMain(this, THROW, [thrown])) as Switch<T>;
    }
    const owner = rt.current;
    let op = owner._op;
    if (op === undefined || op.armed || owner === rt.main) op = arm(owner);
    op.armed = true;
    op.target = this;
    op.mode = asValue ? VALUE : THROW;
    op.argc = 1;
    op.arg0 = thrown;
    return op as Switch<T>;
  }

  /** The greenlet control goes to when this one finishes; `undefined` only for a main greenlet. */
  get parent(): greenlet | undefined {
    return this._parent;
  }

  /**
   * Re-parent at any time. Raises TypeError for a non-greenlet, {@link ValueError} for a cycle,
   * {@link AttributeError} on a main greenlet.
   */
  set parent(parent: greenlet) {
    // A main greenlet is refused before the value is looked at: in greenlet 2.0.2 `main.parent = 5`
    // is this AttributeError too. checkedParent, not `instanceof greenlet` here: a class that names
    // itself in its body is renamed `_greenlet` by the build, and greenlet.name would say so (the
    // pack check asserts the names).
    if (this === rt.main) throw new AttributeError('cannot set the parent of a main greenlet');
    checkedParent(parent);
    for (let p: greenlet | undefined = parent; p !== undefined; p = p._parent) {
      if (p === this) throw new ValueError('cyclic parent chain');
    }
    this._parent = parent;
  }

  /** True once `run` has returned or raised (Python's `dead`). A pending greenlet is not dead. */
  get dead(): boolean {
    return this._state === DEAD;
  }

  /** True once the greenlet has been switched to for the first time. */
  get started(): boolean {
    return this._state !== PENDING;
  }

  /** Started and not finished: Python's `bool(g)` (JavaScript objects are always truthy). */
  get active(): boolean {
    return this._state === ACTIVE;
  }

  /**
   * The context this greenlet runs in (Python's `gr_context`): `undefined` until it is assigned or
   * a {@link ContextVar} is set inside the greenlet. Assign a {@link Context} (e.g.
   * `copyContext()`) before starting to let it inherit values; assigning while it runs switches
   * its context at once.
   */
  get grContext(): Context | undefined {
    return this._context;
  }

  /** Assign a {@link Context}, or `undefined` for "empty, created on first use"; anything else is a TypeError. */
  set grContext(context: Context | undefined) {
    if (context !== undefined && !(context instanceof Context)) {
      throw new TypeError(`greenlet context must be a Context or undefined, not ${typeName(context)}`);
    }
    this._context = context;
  }

  /**
   * Release the greenlet now: a suspended one is killed with `throw()` (its `finally` blocks run)
   * from main, or closed in place (`finally` blocks run, switching is refused) from inside another
   * greenlet; a pending one dies without running. `using g = new greenlet(...)` does it for you.
   */
  [Symbol.dispose](): void {
    dispose(this);
  }

  /** `<greenlet test1 suspended active started>`, with Python's state words. */
  toString(): string {
    const name = typeof this._run === 'function' && this._run.name !== '' ? ` ${this._run.name}` : '';
    return `<${this.constructor.name}${name} ${stateWords(this)}>`;
  }

  // Last, so that it runs once the class is complete: see setUp below.
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #realm = /* @__PURE__ */ setUp(this);
}

/**
 * What the class needs besides its body, done when it is defined: the `run` accessor, Node's `util.inspect` hook
 * (the same words as `toString()`) and the realm's main greenlet — the caller of every synchronous switch, never
 * pending, never dead. Called from a pure static initializer rather than written as statements after the class,
 * so that a bundle that never reaches greenlets drops all of it with the class (statements, and a computed
 * `[Symbol.for(…)]` method, are kept in every bundle of the file). `rt` names the class so that whatever reads
 * `rt.current` keeps it (runtime.ts).
 */
function setUp(cls: typeof greenlet): true {
  Object.defineProperty(cls.prototype, 'run', {
    configurable: true,
    // greenlet 2.0.2 gives a main greenlet its own message, for reading and writing alike.
    get(this: greenlet): unknown {
      if (this === rt.main) throw new AttributeError('Main greenlets do not have a run attribute.');
      if (this._state !== PENDING || this._run === NO_RUN) throw new AttributeError('run');
      return this._run;
    },
    set(this: greenlet, run: unknown) {
      if (this === rt.main) throw new AttributeError('Main greenlets do not have a run attribute.');
      if (this._state !== PENDING) throw new AttributeError('run cannot be set after the start of the greenlet');
      this._run = run;
    },
  });
  Object.defineProperty(cls.prototype, Symbol.for('nodejs.util.inspect.custom'), {
    configurable: true,
    writable: true,
    value(this: greenlet): string {
      return this.toString();
    },
  });
  const main = new cls();
  main._state = ACTIVE;
  main._parent = undefined;
  rt.main = rt.current = main;
  return true;
}

/**
 * The greenlet running now (Python's `getcurrent()`): the main greenlet in ordinary code, or the
 * greenlet (a subclass instance if it is one) whose step is running.
 *
 * @example
 * ```ts
 * import { getCurrent, greenlet } from '@coro/greenlet';
 * const g = new greenlet(function* () { return getCurrent() === g; });
 * console.log(g.switch().value, getCurrent().parent); // true undefined
 * ```
 */
export function getCurrent(): greenlet {
  return rt.current;
}

function checkedParent(parent: unknown): greenlet {
  if (!(parent instanceof greenlet)) {
    throw new TypeError(`GreenletChecker: Expected any type of greenlet, not ${typeName(parent)}`);
  }
  return parent;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

function stateWords(g: greenlet): string {
  if (g._state === DEAD) return 'dead';
  if (g._state === PENDING) return 'pending';
  const where = g === rt.current ? 'current' : 'suspended';
  return `${where} active started${g === rt.main ? ' main' : ''}`;
}
