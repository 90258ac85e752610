/**
 * Raised by the greenlet machinery itself: a switch that cannot be made, an Operation created and
 * dropped, a core operation yielded with no host installed. Python's `greenlet.error`.
 *
 * @example
 * ```ts
 * import { GreenletError, getCurrent } from '@coro/greenlet';
 * try {
 *   // ...
 * } catch (e) {
 *   if (e instanceof GreenletError) console.error('greenlet misuse:', e.message);
 * }
 * ```
 */
export class GreenletError extends Error {
  /** Always `"GreenletError"`. */
  override name = 'GreenletError';
}

/**
 * Thrown into a greenlet to ask it to finish: `g.throw()` with no argument throws a new one.
 * When it escapes the greenlet's `run` it does not propagate: the parent receives the instance as
 * an ordinary value (so `g.throw()` is a polite kill that returns to the caller).
 *
 * In Python it derives from `BaseException`, so `except Exception:` lets it through. JavaScript's
 * `catch` catches everything: re-throw it with {@link isExit} (`if (isExit(e)) throw e;`).
 *
 * @example
 * ```ts
 * import { GreenletExit, greenlet, getCurrent } from '@coro/greenlet';
 * const g = new greenlet(function* () {
 *   yield* getCurrent().parent!.switch();
 * });
 * g.switch();
 * const result = g.throw().value; // the GreenletExit instance, returned to main
 * console.log(result instanceof GreenletExit, g.dead); // true true
 * ```
 */
export class GreenletExit extends Error {
  /** Always `"GreenletExit"`. */
  override name = 'GreenletExit';
}

/**
 * True for a {@link GreenletExit} (or a subclass): the idiom `catch (e) { if (isExit(e)) throw e; … }`
 * keeps a catch-all block from swallowing a kill, as Python's `except Exception:` would not.
 *
 * @example
 * ```ts
 * import { isExit } from '@coro/greenlet';
 * function* worker() {
 *   try {
 *     // ... work that may be killed ...
 *   } catch (e) {
 *     if (isExit(e)) throw e;
 *     console.error('work failed', e);
 *   }
 * }
 * ```
 */
export function isExit(error: unknown): error is GreenletExit {
  return error instanceof GreenletExit;
}

/**
 * Python's `AttributeError`: reading `run` after a greenlet started, switching to a greenlet that
 * has no `run`, setting the parent of a main greenlet.
 *
 * @example
 * ```ts
 * import { AttributeError, greenlet } from '@coro/greenlet';
 * try {
 *   new greenlet().switch(); // no run
 * } catch (e) {
 *   console.log(e instanceof AttributeError, (e as Error).message); // true "run"
 * }
 * ```
 */
export class AttributeError extends Error {
  /** Always `"AttributeError"`. */
  override name = 'AttributeError';
}

/**
 * Python's `ValueError`: a parent assignment that would make the parent chain cyclic.
 *
 * @example
 * ```ts
 * import { ValueError, greenlet } from '@coro/greenlet';
 * const g = new greenlet(function* () {});
 * try {
 *   g.parent = g;
 * } catch (e) {
 *   console.log(e instanceof ValueError, (e as Error).message); // true "cyclic parent chain"
 * }
 * ```
 */
export class ValueError extends Error {
  /** Always `"ValueError"`. */
  override name = 'ValueError';
}
