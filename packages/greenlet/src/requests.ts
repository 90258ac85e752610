import { KEYWORDS, Keywords } from './arguments.js';
import { drive } from './drive.js';
import { GreenletError, GreenletExit } from './errors.js';
import type { greenlet } from './greenlet.js';
import { registerForRelease } from './release.js';
import { rt } from './runtime.js';
import { SwitchOp, SwitchResult, THROW, type Mode, type Switch } from './switch-op.js';

// The slow paths of greenlet.switch() and greenlet.throw(): the synchronous switch from main,
// arming a greenlet's reusable switch request, and normalising arguments.

/** A switch from ordinary code: run the trampoline until control is back in main. */
export function fromMain(target: greenlet, mode: Mode, args: unknown[]): Switch<unknown> {
  if (rt.current !== rt.main) {
    throw new GreenletError(
      `a synchronous switch is only possible from the main greenlet, and ${String(rt.current)} is running: inside a greenlet write \`yield* g.switch(...)\``,
    );
  }
  const op = new SwitchOp();
  if (mode === THROW) {
    op.argc = 1;
    op.arg0 = args[0];
  } else {
    loadArguments(op, args);
  }
  return new SwitchResult(drive(rt.main, target, mode, op.argc, op.arg0, op.args));
}

/**
 * The slow path of arming `owner`'s reusable switch request: refuse a switch where none can be
 * made, report a request that was created and dropped, create the request on first use.
 */
export function arm(owner: greenlet): SwitchOp {
  if (owner === rt.main) {
    throw new GreenletError(
      'g.switch() and g.throw() cannot be called here: a trace function or a host\'s park() runs inside a greenlet step and must not switch',
    );
  }
  let op = owner._op;
  if (op === undefined) {
    op = owner._op = new SwitchOp();
    registerForRelease(owner);
  } else if (op.armed) {
    op.armed = false;
    throw droppedSwitch(op);
  }
  return op;
}

/** The error for a switch Operation created inside a greenlet and never delegated to. */
export function droppedSwitch(op: SwitchOp): GreenletError {
  const verb = op.mode === THROW ? 'throw' : 'switch';
  return new GreenletError(
    `g.${verb}() was created and dropped: inside a greenlet write \`yield* g.${verb}(...)\` (a switch does nothing until delegated to)`,
  );
}

export function loadArguments(op: SwitchOp, args: unknown[]): void {
  const n = args.length;
  const last = args[n - 1];
  if (last instanceof Keywords) {
    const positional = args.slice(0, -1);
    if (Object.keys(last.values).length === 0) {
      loadArguments(op, positional);
      return;
    }
    op.argc = KEYWORDS;
    op.arg0 = Object.freeze({ ...last.values });
    op.args = positional;
    return;
  }
  op.argc = n;
  op.arg0 = n === 1 ? args[0] : undefined;
  op.args = n > 1 ? args : undefined;
}

export function throwable(error: unknown, message: string | undefined): unknown {
  if (error === undefined) return message === undefined ? new GreenletExit() : new GreenletExit(message);
  if (typeof error === 'function' && (error === Error || error.prototype instanceof Error)) {
    const ErrorClass = error as new (message?: string) => Error;
    return message === undefined ? new ErrorClass() : new ErrorClass(message);
  }
  if (message !== undefined) throw new TypeError('instance exception may not have a separate value');
  return error;
}
