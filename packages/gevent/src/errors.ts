/**
 * The hub had nothing left that could wake the waiting caller: no callbacks, no timers, no bridged
 * promises. gevent raises it in the main greenlet; here it rejects the `await` (or is thrown at
 * the `yield*`) of the root that would otherwise wait forever.
 *
 * @example
 * ```ts
 * import { Queue, LoopExit } from '@coro/gevent';
 * try {
 *   await new Queue<number>().get();
 * } catch (error) {
 *   console.log(error instanceof LoopExit); // true: nobody can ever put()
 * }
 * ```
 */
export class LoopExit extends Error {
  /** Always `"LoopExit"`. */
  override readonly name = 'LoopExit';
  /** The hub that ran out of work. */
  readonly hub: unknown;

  /**
   * @param message - what would block forever
   * @param hub - the hub that ran out of work
   */
  constructor(message = 'This operation would block forever', hub?: unknown) {
    super(message);
    this.hub = hub;
  }
}

/**
 * A blocking call was made where blocking is impossible: inside a hub callback (a `rawlink`
 * callback, a `runCallback` function, a timer callback). Use `link` (which runs in its own
 * greenlet) or `spawn` instead.
 *
 * @example
 * ```ts
 * import { BlockingSwitchOutError, getHub, sleep } from '@coro/gevent';
 * getHub().runCallback(() => {
 *   try { sleep(10)[Symbol.iterator]().next(); } catch (e) { console.log(e instanceof BlockingSwitchOutError); }
 * });
 * ```
 */
export class BlockingSwitchOutError extends Error {
  /** Always `"BlockingSwitchOutError"`. */
  override readonly name = 'BlockingSwitchOutError';
  constructor(message = 'Impossible to call blocking function in the event loop callback') {
    super(message);
  }
}

/**
 * A blocked greenlet was resumed by something other than the waker it registered.
 *
 * @example
 * ```ts
 * import { InvalidSwitchError } from '@coro/gevent';
 * const error = new InvalidSwitchError('Invalid switch into <Greenlet "a">');
 * console.log(error.name); // "InvalidSwitchError"
 * ```
 */
export class InvalidSwitchError extends Error {
  /** Always `"InvalidSwitchError"`. */
  override readonly name = 'InvalidSwitchError';
}

/**
 * Two greenlets waited on an object that serves one waiter at a time.
 *
 * @example
 * ```ts
 * import { ConcurrentObjectUseError } from '@coro/gevent';
 * console.log(new ConcurrentObjectUseError('already waiting').name); // "ConcurrentObjectUseError"
 * ```
 */
export class ConcurrentObjectUseError extends Error {
  /** Always `"ConcurrentObjectUseError"`. */
  override readonly name = 'ConcurrentObjectUseError';
}

/**
 * Python's `KeyboardInterrupt`: what the default {@link signalHandler} raises in the main
 * greenlet when the signal arrives (gevent raises it in main on Ctrl-C).
 *
 * @example
 * ```ts
 * import { KeyboardInterrupt, signalHandler, sleep } from '@coro/gevent';
 * signalHandler('SIGINT');
 * try {
 *   await sleep(60_000);
 * } catch (e) {
 *   if (e instanceof KeyboardInterrupt) console.log('interrupted');
 * }
 * ```
 */
export class KeyboardInterrupt extends Error {
  /** Always `"KeyboardInterrupt"`. */
  override readonly name = 'KeyboardInterrupt';
}
