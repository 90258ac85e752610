import { nameClass } from '../class-hooks.js';
import { describeValue } from '../describe-value.js';
import { KeyboardInterrupt } from '../errors.js';
import { getHub } from './current.js';
import { RawGreenlet as RawGreenletBase, SCHEDULED, START } from './raw-greenlet.js';

/**
 * What {@link signalHandler} returns: `cancel()` stops the deliveries.
 *
 * @example
 * ```ts
 * const handle: SignalHandle = signalHandler('SIGTERM', () => console.log('terminating'));
 * handle.cancel();
 * ```
 */
export interface SignalHandle {
  /** The signal it watches. */
  readonly signal: string;
  /** Stop calling the handler for this signal (further signals get Node's default again, if nothing else listens). */
  cancel(): void;
}

interface SignalProcess {
  on(signal: string, listener: () => void): unknown;
  off(signal: string, listener: () => void): unknown;
}

/**
 * The greenlet a delivery runs in. gevent's catches what the handler raises and reports it as
 * `handle_error(None, …)`: printed, then raised in the main greenlet.
 */
class SignalGreenlet extends RawGreenletBase {
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #name = /* @__PURE__ */ nameClass(this, 'RawGreenlet');
  protected override onDeath(value: unknown, failed: boolean): void {
    if (failed) this.hub.reportError(null, value);
  }
}

/**
 * gevent's `signal_handler`: on each delivery of `signal` (`'SIGINT'`, `'SIGTERM'`, …), run
 * `handler(...args)` in a new greenlet of the hub. Without a handler, the signal raises
 * {@link KeyboardInterrupt} in the main greenlet (at the blocking call it is waiting in, or the
 * next one it makes), as gevent does for Ctrl-C. Node only: where there is no `process` it throws.
 * Like gevent's, it does not keep the loop or the process alive.
 *
 * @param signal - a Node signal name.
 * @param handler - run in a new greenlet on each delivery; it may block.
 * @param args - passed to `handler`.
 * @example
 * ```ts
 * import { signalHandler, spawn, sleep } from '@coro/gevent';
 * const server = spawn(function* () { yield* sleep(60_000); });
 * const handle = signalHandler('SIGTERM', () => server.kill());
 * await server.join();
 * handle.cancel();
 * ```
 */
export function signalHandler<A extends unknown[]>(signal: string, handler?: (...args: A) => unknown, ...args: A): SignalHandle {
  if (typeof signal !== 'string' || !/^SIG[A-Z0-9]+$/.test(signal)) throw new TypeError(`signalHandler: signal must be a signal name such as 'SIGINT', got ${describeValue(signal)}`);
  if (handler !== undefined && typeof handler !== 'function') throw new TypeError(`signalHandler: handler must be a function, got ${describeValue(handler)}`);
  const host = (globalThis as { process?: Partial<SignalProcess> }).process;
  if (typeof host?.on !== 'function' || typeof host.off !== 'function') throw new TypeError('signalHandler: signals need Node (there is no process here)');
  const hub = getHub();
  const listener = (): void => {
    if (handler === undefined) {
      hub.runCallback(() => hub.throwInto(hub.main, new KeyboardInterrupt()));
      return;
    }
    const g = new SignalGreenlet(hub, handler as (...a: unknown[]) => unknown, args);
    g.name = `signal ${signal}`;
    g.state = SCHEDULED;
    hub.schedule(g, START);
  };
  host.on(signal, listener);
  let active = true;
  return {
    signal,
    cancel(): void {
      if (!active) return;
      active = false;
      host.off!(signal, listener);
    },
  };
}
