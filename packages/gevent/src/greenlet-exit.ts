/**
 * Raised inside a greenlet to ask it to exit (the default `kill()` exception). A greenlet that ends
 * with it counts as successful. JavaScript's `catch` catches everything, so code that catches
 * broadly must re-throw it: `catch (e) { if (e instanceof GreenletExit) throw e; … }`.
 *
 * @example
 * ```ts
 * import { spawn, sleep, GreenletExit } from '@coro/gevent';
 * const g = spawn(function* () { yield* sleep(1000); });
 * await g.kill();
 * console.log(g.value instanceof GreenletExit, g.successful()); // true true
 * ```
 */
export class GreenletExit extends Error {
  override readonly name: string = 'GreenletExit';
}
