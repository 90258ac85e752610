import type { Instruction } from '@coro/core';
import { getHub } from './current.js';

/**
 * Run `main` as gevent's main greenlet and resolve with what it returns. Inside it, block with
 * `yield*`: each blocking call switches to the hub and main is resumed from the callback queue,
 * round-robin with the other greenlets and before the timers — gevent's exact ordering for
 * top-level code, written as a generator. (A plain `await` of a gevent call from ordinary code
 * runs as main too; `run` keeps a whole script in the hub, with no promise job between steps.)
 *
 * @typeParam T - what `main` returns.
 * @param main - a generator function: the main greenlet's code.
 * @example
 * ```ts
 * import { run, sleep, spawn } from '@coro/gevent';
 * const result = await run(function* main() {
 *   const g = spawn(function* () { yield* sleep(10); return 'worker done'; });
 *   yield* sleep(0);
 *   return yield* g.get();
 * });
 * console.log(result); // worker done
 * ```
 */
export function run<T>(main: () => Generator<Instruction, T, any>): Promise<T> {
  if (typeof main !== 'function') throw new TypeError(`run: main must be a generator function, got ${main === null ? 'null' : typeof main}`);
  return getHub().runRoot({ [Symbol.iterator]: main }) as Promise<T>;
}
