import type { greenlet } from './greenlet.js';
import { rt } from './runtime.js';

/**
 * The events a trace function sees: `'switch'` for a transfer carrying values (a switch, a return
 * to the parent, a start with arguments), `'throw'` for one carrying an error.
 *
 * @example
 * ```ts
 * import { setTrace, type TraceEvent } from '@coro/greenlet';
 * const seen: TraceEvent[] = [];
 * setTrace((event) => seen.push(event));
 * ```
 */
export type TraceEvent = 'switch' | 'throw';

/**
 * A trace function: called after every transfer, in the context of the target (so `getCurrent()`
 * is `target`), with `[origin, target]`. Ignore events you do not know (Python may add some).
 * If it throws, tracing is switched off and its error is raised in the target instead of what
 * the transfer carried.
 *
 * @example
 * ```ts
 * import { setTrace, type TraceFunction } from '@coro/greenlet';
 * let switches = 0;
 * const count: TraceFunction = (event) => { if (event === 'switch') switches++; };
 * setTrace(count);
 * ```
 */
export type TraceFunction = (event: TraceEvent, args: readonly [origin: greenlet, target: greenlet]) => void;

/**
 * Install `tracer` for the whole greenlet tree (Python's `greenlet.settrace`), or remove it with
 * `undefined`; returns the previous one, so tracers can chain. Costs nothing while none is set.
 *
 * @example
 * ```ts
 * import { greenlet, setTrace } from '@coro/greenlet';
 * const events: string[] = [];
 * const previous = setTrace((event, [origin, target]) => events.push(`${event} ${String(origin.started)}->${String(target.started)}`));
 * new greenlet(function* () {}).switch();
 * setTrace(previous);
 * ```
 */
export function setTrace(tracer: TraceFunction | undefined): TraceFunction | undefined {
  if (tracer !== undefined && typeof tracer !== 'function') {
    throw new TypeError(`setTrace(tracer): tracer must be a function or undefined, not ${typeof tracer}`);
  }
  const previous = rt.tracer;
  rt.tracer = tracer;
  return previous;
}

/**
 * The installed trace function, or `undefined` (Python's `greenlet.gettrace`).
 *
 * @example
 * ```ts
 * import { getTrace } from '@coro/greenlet';
 * console.log(getTrace()); // undefined
 * ```
 */
export function getTrace(): TraceFunction | undefined {
  return rt.tracer;
}
