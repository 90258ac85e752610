import type { Instruction } from '@coro/core';
import { GreenletError } from './errors.js';
import type { greenlet } from './greenlet.js';
import { rt } from './runtime.js';

/**
 * Lets a scheduler (gevent's hub) serve the instructions a greenlet yields that are not switches:
 * a core `Suspend` (`sleep`, a channel receive, …) or a bare `yield`. Without a host those raise
 * a {@link GreenletError} inside the greenlet.
 *
 * The contract, step by step:
 * 1. Greenlet `g` yields `instruction`. The trampoline calls `host.park(g, instruction)`; `g` is
 *    still `getCurrent()` during the call and stays suspended at that `yield` afterwards.
 * 2. `park` arranges for `g` to be resumed later (e.g. calls `instruction.enter(resume, host)`
 *    and queues `g` when `resume` fires) and returns the greenlet to run next, usually the hub.
 *    It must not switch itself; if it throws, the error is raised in `g` at its `yield`.
 * 3. The trampoline transfers to the returned greenlet exactly as if `g` had run
 *    `yield* next.switch()`: a `'switch'` trace event `[g, next]`, and `next` receives `[]`
 *    (or starts with no arguments if it was pending).
 * 4. To resume `g`, switch to it like to any suspended greenlet: `yield* g.switch(value)` (its
 *    `yield` evaluates to `value`) or `yield* g.throw(error)` from the hub's generator, or
 *    `g.switch(value)` from ordinary code. Nothing else is needed: a parked greenlet is an
 *    ordinary suspended greenlet. (So anyone may resume or kill it meanwhile — `g.throw()` — and
 *    the host's own wake-up then finds it resumed already or `dead`: tear the wait down, or ignore
 *    a stale wake-up, as core's drivers do.)
 *
 * @example
 * ```ts
 * import type { Instruction, Suspend } from '@coro/core';
 * import { greenlet, setHost, type GreenletHost } from '@coro/greenlet';
 *
 * const ready: Array<[greenlet, unknown]> = [];
 * const hub = new greenlet(function* () {
 *   for (let next = ready.shift(); next; next = ready.shift()) yield* next[0].switch(next[1]);
 * });
 * const host: GreenletHost = {
 *   park(g: greenlet, instruction: Instruction) {
 *     (instruction as Suspend).enter({ resolve: (v) => ready.push([g, v]), reject: () => {} }, undefined!);
 *     return hub;
 *   },
 * };
 * setHost(host);
 * ```
 */
export interface GreenletHost {
  /**
   * `greenlet` yielded `instruction` (a core `Suspend`, `undefined` for a bare `yield`, or
   * another object the trampoline does not own). Arrange to resume it later and return the
   * greenlet that runs next.
   */
  park(greenlet: greenlet, instruction: Instruction): greenlet;
}

/**
 * Install the host for the realm's greenlet tree (or remove it with `undefined`); returns the
 * previous one. gevent's hub installs itself here when it is created.
 *
 * @example
 * ```ts
 * import { getCurrent, setHost } from '@coro/greenlet';
 * const previous = setHost({ park: () => getCurrent().parent! });
 * setHost(previous);
 * ```
 */
export function setHost(host: GreenletHost | undefined): GreenletHost | undefined {
  if (host !== undefined && typeof host?.park !== 'function') {
    throw new TypeError('setHost(host): host must be an object with a park(greenlet, instruction) method, or undefined');
  }
  const previous = rt.host;
  rt.host = host;
  return previous;
}

/**
 * The installed host, or `undefined`.
 *
 * @example
 * ```ts
 * import { getHost } from '@coro/greenlet';
 * console.log(getHost() === undefined); // true unless a hub is running
 * ```
 */
export function getHost(): GreenletHost | undefined {
  return rt.host;
}

/** The error raised in a greenlet that yielded something no one can serve. */
export function unhostedError(instruction: Instruction): GreenletError {
  if (instruction === undefined) {
    return new GreenletError(
      'a bare `yield` inside a greenlet hands the turn to a scheduler, and there is none: run it inside @coro/gevent or @coro/core, or switch explicitly with `yield* g.switch()`',
    );
  }
  if (typeof (instruction as { enter?: unknown }).enter === 'function') {
    return new GreenletError(`core operation ${operationName(instruction)}needs a scheduler: run it inside @coro/gevent or @coro/core`);
  }
  return new GreenletError(
    `a greenlet yielded ${describe(instruction)}, which no one understands: switch with \`yield* g.switch()\`, and delegate to Operations with \`yield*\``,
  );
}

function operationName(instruction: object): string {
  const named = (instruction as { name?: unknown }).name;
  if (typeof named === 'string' && named !== '') return `${named} `;
  // Core's operations describe themselves (`sleep(10)`), the way a task's inspect() shows them.
  if (instruction.toString !== Object.prototype.toString) return `${(instruction as { toString(): string }).toString()} `;
  const ctor = instruction.constructor?.name;
  return ctor && ctor !== 'Object' ? `${ctor} ` : '';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  return `a ${value.constructor?.name ?? 'null-prototype object'}`;
}
