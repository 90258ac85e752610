/**
 * The four kinds of unit the harness compares: operating-system processes and threads, core's
 * generator coroutines, and greenlets (as gevent runs them).
 *
 * @example
 * ```ts
 * const kind: Kind = 'coroutine';
 * ```
 */
export type Kind = 'process' | 'thread' | 'coroutine' | 'greenlet';

/**
 * Every kind, in the seed's order (heaviest first).
 *
 * @example
 * ```ts
 * for (const kind of kinds) console.log(kind); // process, thread, coroutine, greenlet
 * ```
 */
export const kinds: readonly Kind[] = ['process', 'thread', 'coroutine', 'greenlet'];
