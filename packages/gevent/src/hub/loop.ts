import { describeValue } from '../describe-value.js';
import type { Callback } from './callback.js';
import type { Hub } from './hub.js';
import { AsyncWatcher, PhaseWatcher, TimerWatcher } from './watchers.js';

function checkMs(name: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`loop.timer: ${name} must be a number of milliseconds, got ${describeValue(value)}`);
  }
  if (value < 0) throw new RangeError(`loop.timer: ${name} must not be negative, got ${value}`);
  return value;
}

/**
 * The hub's event loop, as gevent exposes it (`get_hub().loop`): watchers that run a callback in
 * the hub, and the callback queue. Each loop iteration runs the prepare watchers, the queued
 * callbacks (FIFO), the check watchers, then the due timers; idle watchers run when nothing else
 * is runnable. Get it with `getHub().loop`.
 *
 * @example
 * ```ts
 * import { getHub } from '@coro/gevent';
 * const loop = getHub().loop;
 * const timer = loop.timer(50);
 * timer.start((who: string) => console.log(`hello ${who}`), 'loop');
 * await getHub().join(); // hello loop
 * ```
 */
export class Loop {
  constructor(
    /** The hub that runs this loop. */
    readonly hub: Hub,
  ) {}

  /**
   * A timer watcher: its callback runs `after` ms after `start()`, then every `repeat` ms.
   *
   * @example
   * ```ts
   * const t = getHub().loop.timer(0);
   * t.start(() => console.log('next iteration, after the callbacks'));
   * ```
   */
  timer(after = 0, repeat = 0): TimerWatcher {
    return new TimerWatcher(this.hub, checkMs('after', after), checkMs('repeat', repeat));
  }

  /**
   * A prepare watcher: its callback runs at the start of every loop iteration.
   *
   * @example
   * ```ts
   * getHub().loop.prepare().start(() => console.log('iteration begins'));
   * ```
   */
  prepare(): PhaseWatcher {
    return new PhaseWatcher(this.hub, 'prepare');
  }

  /**
   * A check watcher: its callback runs every iteration, after the callbacks and before the timers.
   *
   * @example
   * ```ts
   * getHub().loop.check().start(() => console.log('callbacks done'));
   * ```
   */
  check(): PhaseWatcher {
    return new PhaseWatcher(this.hub, 'check');
  }

  /**
   * An idle watcher: its callback runs when nothing else is runnable.
   *
   * @example
   * ```ts
   * const idle = getHub().loop.idle();
   * idle.start(() => idle.stop());
   * ```
   */
  idle(): PhaseWatcher {
    return new PhaseWatcher(this.hub, 'idle');
  }

  /**
   * An async watcher (gevent's `loop.async_`, also `loop.async` there): `send()` from anywhere
   * runs its callback in the hub.
   *
   * @example
   * ```ts
   * const a = getHub().loop.async();
   * a.start(() => console.log('sent'));
   * a.send();
   * ```
   */
  async(): AsyncWatcher {
    return new AsyncWatcher(this.hub);
  }

  /**
   * Queue `fn(...args)` in the hub after the callbacks already queued (gevent's `run_callback`).
   *
   * @example
   * ```ts
   * getHub().loop.runCallback(console.log, 'queued');
   * ```
   */
  runCallback<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Callback {
    return this.hub.runCallback(fn, ...args);
  }

  /**
   * The loop's clock, in milliseconds (gevent's `loop.now()`).
   *
   * @example
   * ```ts
   * const started = getHub().loop.now();
   * ```
   */
  now(): number {
    return this.hub.clock.now();
  }

  /** How many callbacks are queued. */
  get pendingCallbacks(): number {
    return this.hub.queue.length / 2;
  }
}
