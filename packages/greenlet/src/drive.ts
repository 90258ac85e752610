import type { Instruction } from '@coro/core';
import { pack, spread } from './arguments.js';
import { GreenletExit } from './errors.js';
import { ACTIVE, DEAD, PENDING, type greenlet } from './greenlet.js';
import { droppedSwitch } from './requests.js';
import { unhostedError } from './host.js';
import { registerForRelease, unregisterForRelease } from './release.js';
import { rt } from './runtime.js';
import { THROW, VALUE, type Mode } from './switch-op.js';

type Step = IteratorResult<Instruction, unknown>;

/**
 * The trampoline. Called by a synchronous switch from the main greenlet, it transfers control from
 * `origin` to `target` and keeps transferring — resuming generators, handing finished greenlets'
 * outcomes to their parents, serving switch requests — until control reaches the main greenlet
 * again, and returns what that last transfer carried (or throws it).
 *
 * A transfer is (`mode`, arguments): values (`argc`, `arg0`, `args`; see arguments.ts) or an error
 * in `arg0`. Per switch it allocates nothing: the request is the switching greenlet's reusable
 * SwitchOp, and the resumed generator reads its value from the op's reusable result object.
 */
export function drive(origin: greenlet, target: greenlet, mode: Mode, argc: number, arg0: unknown, args: unknown[] | undefined): unknown {
  const main = rt.main;
  // `silent`: this transfer raises an error back in the greenlet that asked for it; no switch happened, so no trace event.
  let silent = false;
  rt.driving = true;
  try {
    for (;;) {
      // Resolve the receiver: dead greenlets pass the transfer up to their parent (spec §3.1).
      let t = target;
      while (t._state === DEAD) t = t._parent!;
      let run: unknown;
      if (t._state === PENDING) {
        try {
          run = (t as unknown as { run: unknown }).run; // a property read: subclass getters run, as in Python
        } catch (lookupError) {
          // A failed `run` lookup leaves `t` pending; it is raised in the switching greenlet, or, if
          // that one just died, passed on to `t`'s parent (spec §4.2).
          mode = THROW;
          arg0 = lookupError;
          if (origin._state === DEAD) {
            target = t._parent!;
            continue;
          }
          t = origin;
          silent = true;
        }
      }

      rt.current = t;
      if (!silent && rt.tracer !== undefined) {
        try {
          rt.tracer(mode === THROW ? 'throw' : 'switch', [origin, t]);
        } catch (traceError) {
          rt.tracer = undefined;
          mode = THROW;
          arg0 = traceError;
        }
      }
      silent = false;
      if (t === main) {
        if (mode === THROW) throw arg0;
        return pack(argc, arg0, args);
      }

      let step: Step;
      try {
        if (t._state === PENDING) step = start(t, run, mode, argc, arg0, args);
        else if (mode === VALUE) step = t._gen!.next(argc === 1 ? arg0 : pack(argc, arg0, args));
        else step = t._gen!.throw!(arg0);
      } catch (error) {
        finish(t);
        origin = t;
        target = t._parent!;
        if (t._op?.armed) {
          mode = THROW;
          arg0 = droppedSwitch(t._op);
          t._op.armed = false;
        } else if (error instanceof GreenletExit) {
          mode = VALUE;
          argc = 1;
          arg0 = error;
        } else {
          mode = THROW;
          arg0 = error;
        }
        continue;
      }

      const op = t._op;
      // The step is over, so the value that resumed it has been taken: keep no reference to it.
      if (op !== undefined) op.result.value = undefined;
      if (step.done === true) {
        finish(t);
        origin = t;
        target = t._parent!;
        if (op?.armed) {
          op.armed = false;
          mode = THROW;
          arg0 = droppedSwitch(op);
        } else {
          mode = VALUE;
          argc = 1;
          arg0 = step.value;
        }
        continue;
      }

      const instruction = step.value;
      origin = t;
      if (instruction === op && op !== undefined) {
        // The hot path: t asked to switch. Take the request's arguments and drop its references.
        // (Disarming covers `yield g.switch()`, which hands the request over without calling next().)
        op.armed = false;
        target = op.target!;
        mode = op.mode;
        argc = op.argc;
        arg0 = op.arg0;
        args = op.args;
        op.target = undefined;
        op.arg0 = undefined;
        op.args = undefined;
        continue;
      }

      // Not a switch: a dropped switch, or an instruction for the host (core's Suspend, a bare yield).
      target = t;
      mode = THROW;
      silent = true;
      if (op?.armed) {
        op.armed = false;
        arg0 = droppedSwitch(op);
      } else if (rt.host === undefined) {
        arg0 = unhostedError(instruction);
      } else {
        if (!t._registered) registerForRelease(t);
        try {
          target = rt.host.park(t, instruction);
          mode = VALUE;
          argc = 0;
          silent = false;
        } catch (parkError) {
          arg0 = parkError;
        }
      }
    }
  } finally {
    rt.driving = false;
  }
}

/**
 * First entry into `t`: call `run` with the transfer's arguments, or, for a transfer carrying an
 * error, die at once without calling it (spec §5). A plain function finishes in this one step.
 */
function start(t: greenlet, run: unknown, mode: Mode, argc: number, arg0: unknown, args: unknown[] | undefined): Step {
  // A run given to the constructor is called as it is; a subclass's run method gets `this`.
  const self = run === t._run ? undefined : t;
  t._state = ACTIVE;
  if (mode === THROW) throw arg0;
  if (typeof run !== 'function') {
    throw new TypeError(`greenlet run must be a function, not ${run === null ? 'null' : typeof run}`);
  }
  const result: unknown =
    argc === 0 ? run.call(self) : argc === 1 ? run.call(self, arg0) : run.apply(self, spread(argc, arg0, args));
  // An async generator has next and throw too, but they return promises: resuming it would never
  // finish a step, and the trampoline would spin.
  if (typeof result === 'object' && result !== null && Symbol.asyncIterator in result) {
    throw new TypeError('greenlet run must be a function or a generator function, not an async generator function: a greenlet cannot await');
  }
  // A generator (next and throw: a real one, or one wrapped like Context.run's) is what the greenlet
  // runs; anything else, an array's iterator included, is returned as it is, as in Python.
  if (
    typeof result === 'object' &&
    result !== null &&
    typeof (result as Generator).next === 'function' &&
    typeof (result as Generator).throw === 'function'
  ) {
    const gen = result as Iterator<Instruction, unknown, unknown>;
    t._gen = gen;
    return gen.next();
  }
  return { value: result, done: true };
}

export function finish(t: greenlet): void {
  t._state = DEAD;
  t._gen = undefined;
  if (t._op !== undefined) t._op.result.value = undefined;
  if (t._registered) unregisterForRelease(t);
}
