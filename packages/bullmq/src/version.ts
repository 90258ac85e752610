declare const __CORO_VERSION__: string;

/**
 * The version of @coro/bullmq, taken from its package.json at build time.
 *
 * @example
 * ```ts
 * import { version } from '@coro/bullmq';
 * console.log(version); // "0.0.0"
 * ```
 */
export const version: string = __CORO_VERSION__;
