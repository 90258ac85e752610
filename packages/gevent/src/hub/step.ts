// One step of a greenlet, the only place a greenlet's life cycle advances: switch in (start it,
// resume it with a value, or throw into it), run it to its next yield, then act on what it
// yielded (park, a bare yield = sleep(0), a core Suspend, or a mistake) or on its end (die).
// The hub, raw greenlets and wakers call in here; nothing here imports them back.
import { beginStep, claim, droppedOperationError, endStep, type Instruction, type Operation, type Suspend } from '@coro/core';
import { enterHostedStep } from '@coro/greenlet';
import type { Hub } from './hub.js';
import type { Suspension } from './greenlet-extras.js';
import { PARK } from './park.js';
import { promiseWait } from './promise-wait.js';
import { ACTIVE, type RawGreenlet, SCHEDULED } from './raw-greenlet.js';

type StepIterator = Iterator<Instruction, unknown, unknown>;

function isIterator(value: unknown): value is StepIterator {
  return typeof value === 'object' && value !== null && typeof (value as StepIterator).next === 'function' && typeof (value as StepIterator).throw === 'function';
}

/** Read at once by the step, so one shared result object serves every plain function. */
const FINISHED: IteratorReturnResult<unknown> = { done: true, value: undefined };

/** The first step: call the body; a generator is then stepped, a promise awaited through the hub, anything else is the result. */
function begin(hub: Hub, g: RawGreenlet): IteratorResult<Instruction, unknown> {
  const result = g.callBody();
  if (isIterator(result)) {
    claim(result); // returned, not dropped: the greenlet runs it
    g.gen = result;
    return result.next();
  }
  if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') {
    g.gen = promiseWait(hub, result as PromiseLike<unknown>, true);
    return g.gen.next();
  }
  FINISHED.value = result;
  return FINISHED;
}

/** Whether `g` runs an async function (its iterator is the promise bridge). */
function isAsyncBody(g: RawGreenlet): boolean {
  return g.gen !== null && Object.getPrototypeOf(g.gen) === (promiseWait as { prototype: object }).prototype;
}

export function step(hub: Hub, g: RawGreenlet, value: unknown, isThrow: boolean): void {
  g.epoch++;
  if (g.extras !== null && g.extras.suspension !== null) leaveSuspension(hub, g, value, isThrow);
  const origin = hub.current;
  hub.current = g;
  const outside = enterHostedStep(g);
  if (hub.tracer !== null) trace(hub, isThrow ? 'throw' : 'switch', origin, g);
  let result: IteratorResult<Instruction, unknown>;
  const token = beginStep();
  try {
    const gen = g.gen;
    if (g.state === SCHEDULED) {
      g.state = ACTIVE;
      g._state = 1; // greenlet's ACTIVE
    }
    if (gen === null) {
      if (isThrow) throw value;
      result = begin(hub, g);
    } else {
      result = isThrow ? gen.throw!(value) : gen.next(value);
    }
  } catch (error) {
    endStep(token);
    hub.current = origin;
    enterHostedStep(outside);
    if (hub.tracer !== null) trace(hub, 'throw', g, origin);
    g.die(error, true);
    return;
  }
  const dropped = endStep(token);
  hub.current = origin;
  enterHostedStep(outside);
  if (hub.tracer !== null) trace(hub, 'switch', g, origin);
  // An async body's first step creates the blocking calls it awaits (`await sleep(20)`): they
  // are started by the await's then(), a promise job later, so they are not dropped.
  if (dropped !== undefined && (result.done === true || result.value !== dropped) && !isAsyncBody(g)) {
    // A blocking call created in this step and never delegated to: raise it where the greenlet stopped.
    const error = droppedOperationError(dropped);
    if (result.done === true) g.die(error, true);
    else hub.resume(g, error, true);
  } else if (result.done === true) g.die(result.value, false);
  else if (result.value !== PARK) instruction(hub, g, result.value);
}

function trace(hub: Hub, event: 'switch' | 'throw', origin: RawGreenlet, target: RawGreenlet): void {
  const tracer = hub.tracer!;
  try {
    tracer(event, origin, target);
  } catch (error) {
    hub.tracer = null; // as greenlet does: a failing tracer is switched off
    hub.reportError(hub, error);
  }
}

/** A greenlet yielded something other than PARK: a bare `yield`, a core Suspend, or a mistake. */
function instruction(hub: Hub, g: RawGreenlet, value: unknown): void {
  if (value === undefined) {
    hub.wake(g, g.epoch, undefined);
  } else if (typeof (value as Suspend | null)?.enter === 'function') {
    enterSuspension(hub, g, value as Suspend);
  } else {
    const forgotten = typeof (value as Operation<unknown> | null)?.[Symbol.iterator] === 'function';
    const error = new TypeError(
      forgotten
        ? `${String(g)} yielded an Operation instead of delegating to it: write \`yield* op\`, not \`yield op\``
        : `${String(g)} yielded ${typeof value}: a greenlet may only yield* Operations, yield nothing (a sleep(0)), or yield a core Suspend`,
    );
    hub.wakeThrow(g, g.epoch, error);
  }
}

function enterSuspension(hub: Hub, g: RawGreenlet, suspend: Suspend): void {
  const epoch = g.epoch;
  const suspension: Suspension = { teardown: undefined, controller: null };
  g.more().suspension = suspension;
  const host = {
    clock: hub.clock,
    get signal(): AbortSignal {
      return (suspension.controller ??= new AbortController()).signal;
    },
  };
  try {
    suspension.teardown = suspend.enter({ resolve: (v: unknown) => hub.wake(g, epoch, v), reject: (e: unknown) => hub.wakeThrow(g, epoch, e) }, host);
  } catch (error) {
    hub.wakeThrow(g, epoch, error);
  }
}

function leaveSuspension(hub: Hub, g: RawGreenlet, value: unknown, isThrow: boolean): void {
  const extras = g.extras!;
  const { teardown, controller } = extras.suspension!;
  extras.suspension = null;
  if (isThrow && controller !== null) controller.abort(value);
  if (typeof teardown === 'function') {
    try {
      teardown();
    } catch (error) {
      hub.reportError(g, error);
    }
  }
}
