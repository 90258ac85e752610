/**
 * Reported when one greenlet kept the thread longer than the limit without switching (gevent's
 * `gevent.events.EventLoopBlocked`). The in-thread tracer sends it once the greenlet switches out;
 * the watchdog thread prints its own report while the block is still going on.
 *
 * @example
 * ```ts
 * import { subscribe, EventLoopBlocked } from '@coro/gevent/monkey';
 * subscribe((event) => {
 *   if (event instanceof EventLoopBlocked) console.error(event.info.join('\n'));
 * });
 * ```
 */
export class EventLoopBlocked {
  /**
   * @param greenlet the greenlet that held the thread
   * @param blockingTime how long it held it, in milliseconds
   * @param info report lines: who, for how long, where it was spawned, where it resumed
   */
  constructor(
    readonly greenlet: unknown,
    readonly blockingTime: number,
    readonly info: readonly string[],
  ) {}
}

/**
 * Reported when a synchronous, thread-blocking API (`fs.readFileSync`, `child_process.execSync`,
 * `zlib.gzipSync`, `crypto.pbkdf2Sync`, …) is called inside a greenlet while the blocking-call
 * patch is installed ({@link patchBlockingCalls}).
 *
 * @example
 * ```ts
 * import { subscribe, BlockingCall } from '@coro/gevent/monkey';
 * subscribe((event) => {
 *   if (event instanceof BlockingCall) console.error(`${event.api} blocked ${String(event.greenlet)}`);
 * });
 * ```
 */
export class BlockingCall {
  /**
   * @param api the qualified name of the call, e.g. `"fs.readFileSync"`
   * @param greenlet the greenlet that made it
   */
  constructor(
    readonly api: string,
    readonly greenlet: unknown,
  ) {}
}

/** What {@link subscribe} listeners receive. */
export type MonitorEvent = EventLoopBlocked | BlockingCall;

/** A listener for {@link MonitorEvent}s. It must not throw: errors are reported and swallowed. */
export type MonitorListener = (event: MonitorEvent) => void;

const listeners = new Set<MonitorListener>();

/**
 * Listen to blocking reports (gevent's `gevent.events.subscribers`). Returns the unsubscribe
 * function.
 *
 * @example
 * ```ts
 * import { subscribe } from '@coro/gevent/monkey';
 * const unsubscribe = subscribe((event) => console.error(event));
 * unsubscribe();
 * ```
 */
export function subscribe(listener: MonitorListener): () => void {
  if (typeof listener !== 'function') throw new TypeError(`subscribe(listener): listener must be a function, got ${typeof listener}`);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Deliver `event` to every listener; a throwing listener cannot stop the others (or the patched call). */
export function notify(event: MonitorEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      process.emitWarning(`a monitor listener threw: ${String(error)}`, 'MonitorListenerError');
    }
  }
}
