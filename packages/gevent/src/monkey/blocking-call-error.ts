/**
 * Thrown by a synchronous, thread-blocking API called inside a greenlet when the blocking-call
 * policy is `'throw'` ({@link patchBlockingCalls}). Use the promise form through `yield* wait(...)`
 * instead, or move the work to a worker.
 *
 * @example
 * ```ts
 * import { BlockingCallError } from '@coro/gevent/monkey';
 * try {
 *   readFileSync('big.json');
 * } catch (error) {
 *   if (error instanceof BlockingCallError) console.error(error.api); // "fs.readFileSync"
 * }
 * ```
 */
export class BlockingCallError extends Error {
  /** Always `'BlockingCallError'`. */
  override readonly name = 'BlockingCallError';

  /**
   * @param api the qualified name of the call, e.g. `"fs.readFileSync"`
   * @param greenlet the greenlet that made it
   */
  constructor(
    readonly api: string,
    readonly greenlet: unknown,
  ) {
    super(
      `${api}() blocks the whole thread and was called inside greenlet ${String(greenlet)}; ` +
        `use the promise API with yield* wait(...) instead, or set the blocking policy to 'warn' or 'off'`,
    );
  }
}
