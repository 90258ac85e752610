/**
 * How the arguments of one transfer travel, without allocating for the common cases.
 * `argc` 0 and 1 carry nothing or `arg0`; `argc > 1` carries the array `args`; `KEYWORDS` carries
 * the positional `args` plus a keyword object in `arg0` (the {@link kw} extension).
 */
export const KEYWORDS = -1;

/**
 * The frozen empty array a bare `switch()` delivers (Python's `()`). Shared: it never changes.
 *
 * @example
 * ```ts
 * import { EMPTY, greenlet, getCurrent } from '@coro/greenlet';
 * const g = new greenlet(function* () { return yield* getCurrent().parent!.switch(); });
 * g.switch();
 * console.log(g.switch().value === EMPTY); // true: resumed by a switch with no arguments
 * ```
 */
export const EMPTY: readonly [] = /* @__PURE__ */ Object.freeze<[]>([]);

/**
 * Keyword arguments for a switch (Python's `g.switch(x=1)`), made with {@link kw}.
 *
 * @example
 * ```ts
 * import { kw, Keywords } from '@coro/greenlet';
 * console.log(kw({ x: 1 }) instanceof Keywords); // true
 * ```
 */
export class Keywords {
  /** @param values the keyword arguments, by name. */
  constructor(readonly values: Readonly<Record<string, unknown>>) {}
}

/**
 * Mark the last argument of `switch()` as keyword arguments, following Python's packing rules:
 * `g.switch(kw({ x: 3 }))` delivers `{ x: 3 }`, `g.switch(2, kw({ x: 3 }))` delivers
 * `[[2], { x: 3 }]`, and an empty object counts as no keywords. A greenlet *started* this way
 * receives the keyword object as its last positional argument (JavaScript has no keyword
 * parameters: destructure it, `function* run({ a, b }) {}`).
 *
 * @example
 * ```ts
 * import { greenlet, kw } from '@coro/greenlet';
 * const g = new greenlet(function* ({ a, b }: { a: number; b: number }) {
 *   return a * 10 + b;
 * });
 * console.log(g.switch(kw({ a: 4, b: 2 })).value); // 42
 * ```
 */
export function kw(values: Readonly<Record<string, unknown>>): Keywords {
  if (values === null || typeof values !== 'object') {
    throw new TypeError(`kw(values): values must be an object of keyword arguments, not ${values === null ? 'null' : typeof values}`);
  }
  return new Keywords(values);
}

/** The value a resumed `switch()` returns for these arguments (greenlet spec §3.3). */
export function pack(argc: number, arg0: unknown, args: unknown[] | undefined): unknown {
  if (argc === 1) return arg0;
  if (argc === 0) return EMPTY;
  if (argc > 1) return Object.freeze(args!);
  return args!.length === 0 ? arg0 : Object.freeze([Object.freeze(args!), arg0]);
}

/** The argument list `run` is started with: unpacked, keywords (if any) last. */
export function spread(argc: number, arg0: unknown, args: unknown[] | undefined): unknown[] {
  if (argc === 0) return [];
  if (argc === 1) return [arg0];
  if (argc > 1) return args!;
  return [...args!, arg0];
}
