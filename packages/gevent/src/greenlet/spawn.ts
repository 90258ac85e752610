import { describeValue } from '../describe-value.js';
import type { TaskResult } from '@coro/core';
import { getHub } from '../hub/current.js';
import { Greenlet } from './greenlet.js';
import { RawGreenlet, SCHEDULED, START } from '../hub/raw-greenlet.js';

function checkFunction(fn: unknown, name: string): void {
  if (typeof fn !== 'function') throw new TypeError(`${name}: the first argument must be a function (a generator function, an async function or a plain one), got ${describeValue(fn)}`);
}

/**
 * Create a {@link Greenlet} running `fn(...args)` and start it. Nothing runs until the current
 * greenlet blocks (or, from ordinary code, until the hub gets a turn); greenlets start in the
 * order they were spawned.
 *
 * @typeParam F - the function's type.
 * @example
 * ```ts
 * import { spawn, sleep } from '@coro/gevent';
 * const g = spawn(function* (name: string) {
 *   yield* sleep(10);
 *   return `hello ${name}`;
 * }, 'world');
 * console.log(await g.get()); // "hello world"
 * ```
 */
export function spawn<F extends (...args: any[]) => unknown>(fn: F, ...args: Parameters<F>): Greenlet<TaskResult<F>> {
  checkFunction(fn, 'spawn');
  const g = new Greenlet<TaskResult<F>>(fn, ...args);
  g.start();
  return g;
}

/**
 * Create a {@link Greenlet} and start it `ms` milliseconds from now.
 *
 * @typeParam F - the function's type.
 * @example
 * ```ts
 * import { spawnLater } from '@coro/gevent';
 * const g = spawnLater(100, () => 'a bit later');
 * ```
 */
export function spawnLater<F extends (...args: any[]) => unknown>(ms: number, fn: F, ...args: Parameters<F>): Greenlet<TaskResult<F>> {
  if (typeof ms !== 'number' || Number.isNaN(ms)) throw new TypeError(`spawnLater: ms must be a number of milliseconds, got ${typeof ms}`);
  checkFunction(fn, 'spawnLater');
  const g = new Greenlet<TaskResult<F>>(fn, ...args);
  g.startLater(ms);
  return g;
}

/**
 * Schedule a bare greenlet (parent: the hub) running `fn(...args)`: no result, links, join or
 * kill — the cheapest way to run something. Its errors are only reported by the hub.
 *
 * @example
 * ```ts
 * import { spawnRaw } from '@coro/gevent';
 * spawnRaw(function* () { console.log('raw'); });
 * ```
 */
export function spawnRaw<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): RawGreenlet {
  checkFunction(fn, 'spawnRaw');
  const hub = getHub();
  const g = new RawGreenlet(hub, fn as (...args: unknown[]) => unknown, args);
  g.state = SCHEDULED;
  hub.schedule(g, START);
  return g;
}
