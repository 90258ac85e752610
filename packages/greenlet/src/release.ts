import type { Instruction } from '@coro/core';
import { drive, finish } from './drive.js';
import { GreenletError, GreenletExit, isExit } from './errors.js';
import { ACTIVE, DEAD, greenlet, PENDING } from './greenlet.js';
import { rt } from './runtime.js';
import { THROW } from './switch-op.js';

/*
 * Python throws GreenletExit into a suspended greenlet when its last reference goes away. JavaScript
 * has no deterministic finalisation (greenlet spec §7), so release is explicit — `g.throw()` or
 * `g[Symbol.dispose]()` — and this registry is only a best-effort safety net: when a suspended
 * greenlet's handle has been collected, its generator (held here, not the handle) is revived as a
 * stand-in greenlet whose parent is main and receives a GreenletExit, so its finally blocks run.
 * It fires late or never; a generator that references its own greenlet (a `run` closure naming it,
 * a subclass `*run()` using `this`) keeps the handle alive and is never collected.
 */
// In a pure IIFE: a `new` at import is a side effect a bundler must keep.
const registry = /* @__PURE__ */ (() =>
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<Iterator<Instruction, unknown, unknown>>(releaseCollected) : undefined)();

/** Watch a started greenlet's handle; called the first time it can be left suspended. */
export function registerForRelease(g: greenlet): void {
  if (registry === undefined || g._gen === undefined || g._registered) return;
  registry.register(g, g._gen, g);
  g._registered = true;
}

/** Stop watching a greenlet that finished. */
export function unregisterForRelease(g: greenlet): void {
  registry?.unregister(g);
  g._registered = false;
}

function releaseCollected(gen: Iterator<Instruction, unknown, unknown>): void {
  const standIn = Object.create(greenlet.prototype) as greenlet;
  standIn._run = undefined;
  standIn._gen = gen;
  standIn._state = ACTIVE;
  standIn._parent = rt.main;
  standIn._op = undefined;
  standIn._context = undefined;
  standIn._registered = false;
  try {
    drive(rt.main, standIn, THROW, 1, new GreenletExit(), undefined);
  } catch (error) {
    // Python reports these through sys.unraisablehook ("Exception ignored in ..."); nothing can catch them.
    if (!isExit(error)) console.error('Exception ignored in a collected greenlet:', error);
  }
}

/**
 * `g[Symbol.dispose]()`: what greenlet does when the last reference to `g` goes. A pending greenlet
 * is dropped (nothing runs). A suspended one gets a GreenletExit: from main, a kill whose parent is,
 * for its duration, main — so it comes back here and never resumes the real parent, which is then
 * restored (greenlet's kill on deallocation); from inside a greenlet, an in-place close.
 */
export function dispose(g: greenlet): void {
  if (g === rt.main || g._state === DEAD) return;
  if (g === rt.current) {
    throw new GreenletError('a running greenlet cannot dispose of itself: return from its run instead');
  }
  if (g._state === PENDING) {
    finish(g);
    return;
  }
  if (rt.driving) {
    closeInPlace(g);
    return;
  }
  const parent = g._parent;
  g._parent = rt.main;
  try {
    g.throw();
  } finally {
    g._parent = parent;
  }
}

const MAX_REFUSALS = 100;

/**
 * Run a suspended greenlet's finally blocks without switching to it (we are inside another
 * greenlet's step, where no switch can happen). A switch attempted by those blocks is refused
 * with GreenletError; an error they raise (other than GreenletExit) reaches the disposer.
 */
function closeInPlace(g: greenlet): void {
  const gen = g._gen!;
  const previous = rt.current;
  rt.current = g;
  try {
    let step = gen.return?.(undefined) ?? { done: true, value: undefined };
    for (let refusals = 0; step.done !== true && refusals < MAX_REFUSALS; refusals++) {
      step = gen.throw!(new GreenletError('cannot switch from a greenlet being torn down by [Symbol.dispose]() inside another greenlet'));
    }
  } catch (error) {
    if (!isExit(error)) throw error;
  } finally {
    if (g._op !== undefined) g._op.armed = false;
    rt.current = previous;
    finish(g);
  }
}
