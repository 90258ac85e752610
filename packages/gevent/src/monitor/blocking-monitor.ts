import { Greenlet } from '../greenlet/greenlet.js';
import type { HubTracer } from '../hub/hub.js';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { isSpawned, patchedHub } from '../monkey/current.js';
import { EventLoopBlocked, notify } from './events.js';
import { Watchdog } from './watchdog.js';

/** Options for {@link startBlockingMonitor}. */
export interface BlockingMonitorOptions {
  /** A greenlet holding the thread longer than this many milliseconds without switching is reported (gevent's `max_blocking_time`, 100). */
  maxBlockingTime?: number;
  /** Also start the watchdog thread that reports while the block is still going on (default true). */
  watchdog?: boolean;
  /** Print each report to the hub's exception stream (gevent's `print_blocking_reports`, default true). */
  print?: boolean;
}

/** A running blocking monitor; stop it with {@link BlockingMonitor.stop} or `await using`. */
export interface BlockingMonitor {
  /** Resolves once the watchdog thread is running (at once without one): blocks before that are only reported after the fact. */
  readonly ready: Promise<void>;
  /** Remove the tracer and stop the watchdog thread. */
  stop(): Promise<void>;
  /** Same as {@link BlockingMonitor.stop}. */
  [Symbol.asyncDispose](): Promise<void>;
}

// Where each greenlet started while a monitor runs was spawned: captured only while monitoring, it costs nothing otherwise.
const spawnStacks = new WeakMap<RawGreenlet, string>();
function recordSpawn(g: Greenlet<unknown>): void {
  const stack = new Error().stack ?? '';
  // Drop the Error line and the frames of this callback and of Greenlet.start itself.
  spawnStacks.set(g, stack.split('\n').slice(4).join('\n'));
}

function report(g: RawGreenlet, blockingTime: number, resumedBy: string): EventLoopBlocked {
  const info = [
    `${new Date().toISOString()} : Greenlet ${g.name} blocked the hub for ${blockingTime.toFixed(1)} ms without switching`,
    `  resumed by: ${resumedBy}`,
  ];
  const stack = spawnStacks.get(g);
  if (stack !== undefined) info.push('  spawned at:', ...stack.split('\n').map((line) => `    ${line.trim()}`));
  return new EventLoopBlocked(g, blockingTime, info);
}

/**
 * gevent's blocking monitor (`config.monitor_thread` + `max_blocking_time`), opt-in. A switch
 * tracer times every slice a greenlet runs; when one greenlet held the thread longer than
 * `maxBlockingTime`, an {@link EventLoopBlocked} event names it, its spawn stack and how it was
 * resumed, as soon as it switches out. A watchdog worker thread, sharing a switch counter through
 * a `SharedArrayBuffer`, prints `… appears to be blocked` to stderr while the block is still
 * going on. The thread is unref'd: it never keeps the process alive.
 *
 * @example
 * ```ts
 * import { spawn } from '@coro/gevent';
 * import { startBlockingMonitor, subscribe } from '@coro/gevent/monkey';
 *
 * await using monitor = startBlockingMonitor({ maxBlockingTime: 100 });
 * subscribe((event) => console.log(event));
 * spawn(function* () { const end = Date.now() + 300; while (Date.now() < end); }); // reported
 * ```
 */
export function startBlockingMonitor(options: BlockingMonitorOptions = {}): BlockingMonitor {
  const limit = options.maxBlockingTime ?? 100;
  if (typeof limit !== 'number' || !(limit > 0)) {
    throw new RangeError(`startBlockingMonitor(options): options.maxBlockingTime must be a positive number of milliseconds, got ${String(limit)}`);
  }
  const print = options.print ?? true;
  const watchdog = options.watchdog === false ? undefined : new Watchdog(limit);
  const hub = patchedHub();
  let sliceStart = 0;
  let sliceOwner: RawGreenlet | null = null;
  let resumedBy = '';
  const previous = hub.setTrace(null);
  const tracer: HubTracer = (event, origin, target) => {
    const now = performance.now();
    if (origin === sliceOwner && now - sliceStart > limit) {
      const blocked = report(origin, now - sliceStart, resumedBy);
      if (print) hub.exceptionStream?.write(`${blocked.info.join('\n')}\n`);
      notify(blocked);
    }
    sliceOwner = isSpawned(target) ? target : null;
    if (sliceOwner !== null) {
      sliceStart = now;
      resumedBy = `${event} from ${origin.name}`;
    }
    watchdog?.switchedTo(isSpawned(target) ? target : undefined, () => target.name);
    previous?.(event, origin, target);
  };
  hub.setTrace(tracer);
  Greenlet.addSpawnCallback(recordSpawn);
  const stop = async (): Promise<void> => {
    Greenlet.removeSpawnCallback(recordSpawn);
    const top = hub.setTrace(null);
    hub.setTrace(top === tracer ? previous : top);
    await watchdog?.stop();
  };
  return { ready: watchdog?.online ?? Promise.resolve(), stop, [Symbol.asyncDispose]: stop };
}
