import type { Instruction } from '@coro/core';
import { getHub } from '../hub/current.js';
import { Waiter } from '../hub/hub-waiter.js';
import { doneOp } from './greenlet-ops.js';
import { Greenlet, type KillException, killError } from './greenlet.js';
import { GreenletExit } from './greenlet-exit.js';
import { type Blocking, blocking } from '../hub/operation.js';
import { DEAD, PENDING, type RawGreenlet, SCHEDULED } from '../hub/raw-greenlet.js';
import { Timeout } from '../timeout.js';
import { checkOptions, iwait, wait, waitables, waitObjectsOp, type WaitOptions } from './wait.js';

/**
 * Options for {@link joinAll}.
 *
 * @example
 * ```ts
 * await joinAll(greenlets, { timeout: 1000, raiseError: true });
 * ```
 */
export interface JoinAllOptions extends WaitOptions {
  /** Raise the error of the first greenlet to fail (in completion order). */
  raiseError?: boolean;
}

const joinAllOp = /* @__PURE__ */ blocking('joinAll', function* <T>(greenlets: Greenlet<T>[], options: JoinAllOptions): Generator<Instruction, Greenlet<T>[], unknown> {
  if (options.raiseError !== true) return yield* waitObjectsOp(greenlets, options);
  const done: Greenlet<T>[] = [];
  using it = iwait(greenlets, options);
  for (let r = yield* it.next(); r.done !== true; r = yield* it.next()) {
    if (!r.value.successful()) throw r.value.exception;
    done.push(r.value);
  }
  return done;
});

/**
 * Wait for all the greenlets (or `count` of them) to finish; returns the finished ones in the
 * order they finished (fewer after `timeout`). With `raiseError`, the first error raises.
 *
 * @typeParam T - the greenlets' result type.
 * @example
 * ```ts
 * import { joinAll, spawn } from '@coro/gevent';
 * const gs = [1, 2, 3].map((n) => spawn(() => n * n));
 * await joinAll(gs);
 * console.log(gs.map((g) => g.value)); // [1, 4, 9]
 * ```
 */
export function joinAll<T>(greenlets: Iterable<Greenlet<T>>, options: JoinAllOptions = {}): Blocking<Greenlet<T>[]> {
  checkOptions(options, 'joinAll');
  return joinAllOp(waitables(greenlets, 'joinAll'), options);
}

/**
 * Options for {@link killAll}.
 *
 * @example
 * ```ts
 * await killAll(greenlets, GreenletExit, { timeout: 100 });
 * ```
 */
export interface KillAllOptions {
  /** Wait until all are dead (default), or only schedule the kills. */
  block?: boolean;
  /** When blocking, raise `Timeout` if some are still alive after this many ms. */
  timeout?: number;
}

const killAllOp = /* @__PURE__ */ blocking('killAll', function* (diehards: Waiter<RawGreenlet[]>, timeout: number | undefined): Generator<Instruction, void, unknown> {
  // gevent's killall: its timeout covers waiting for the kill callback too; the greenlets that
  // survived the throw are then joined (raw greenlets cannot be).
  const t = timeout === undefined ? null : new Timeout(timeout).start();
  try {
    const alive = (yield* diehards.get()).filter((g): g is Greenlet<unknown> => g instanceof Greenlet);
    if (alive.length > 0) yield* wait(alive);
  } finally {
    t?.close();
  }
});

/**
 * Kill many greenlets: those that never ran are cancelled at once; the others get `exception`
 * (default `GreenletExit`) from one hub callback. Blocking (the default) waits until all are
 * dead, and raises `Timeout` if some survive `timeout`.
 *
 * @example
 * ```ts
 * import { killAll } from '@coro/gevent';
 * await killAll(workers);
 * ```
 */
export function killAll(greenlets: Iterable<RawGreenlet>, exception: KillException, options: KillAllOptions & { block: false }): void;
export function killAll(greenlets: Iterable<RawGreenlet>, exception?: KillException, options?: KillAllOptions): Blocking<void>;
export function killAll(greenlets: Iterable<RawGreenlet>, exception: KillException = GreenletExit, options: KillAllOptions = {}): Blocking<void> | void {
  const hub = getHub();
  const started: RawGreenlet[] = [];
  for (const g of greenlets) {
    if (g.state === DEAD) continue;
    if (g instanceof Greenlet && (g.state === PENDING || g.state === SCHEDULED)) g.cancelStart(killError(exception));
    else started.push(g);
  }
  const block = options.block !== false;
  if (started.length === 0) return block ? doneOp() : undefined;
  // gevent's _killall3: one callback throws into each, then switches back into the blocked caller
  // with those still alive.
  const diehards = block ? new Waiter<RawGreenlet[]>(hub) : null;
  hub.runCallback(() => {
    const alive: RawGreenlet[] = [];
    for (const g of started) {
      if (g.state === DEAD) continue;
      hub.throwInto(g, killError(exception));
      if (g.state !== DEAD) alive.push(g);
    }
    diehards?.switch(alive);
  });
  if (diehards === null) return;
  return killAllOp(diehards, options.timeout);
}
