import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
import { currentGreenlet } from './current.js';
import { bindOperation, ownerNow, type OperationBinding } from './owner.js';
import { installOwnership } from './ownership.js';
import { isAreaPatched, markPatched, replace } from './registry.js';

type TimerHandle = NodeJS.Timeout | NodeJS.Immediate;
const bindings = new WeakMap<object, OperationBinding>();

function bindTimer(handle: TimerHandle, clear: (handle: TimerHandle) => void): void {
  // Only timers a greenlet sets itself, in its own step. Libraries it calls set timers of their own
  // from later promise jobs (undici's keep-alive and tick timers, shared by every request), and
  // clearing those when one greenlet ends would break the library for everyone.
  const owner = currentGreenlet();
  if (owner === undefined) return;
  // A timer is a lifetime, not a request: it survives an interruption the greenlet catches, not its end.
  const binding = bindOperation(owner, false);
  binding.signal.addEventListener('abort', () => clear(handle), { once: true });
  bindings.set(handle, binding);
}

function settle(handle: unknown): void {
  if (typeof handle !== 'object' || handle === null) return;
  bindings.get(handle)?.settle();
  bindings.delete(handle);
}

function patchOne<Args extends unknown[]>(
  target: object,
  moduleName: string,
  name: 'setTimeout' | 'setInterval' | 'setImmediate',
  clearName: 'clearTimeout' | 'clearInterval' | 'clearImmediate',
  once: boolean,
): void {
  const host = target as Record<string, (...args: unknown[]) => unknown>;
  const original = host[name]!;
  const clear = host[clearName]!;
  replace(moduleName, host, name, function (this: unknown, callback: (...args: Args) => void, ...rest: unknown[]) {
    if (typeof callback !== 'function') return original.call(this, callback, ...rest);
    let handle: TimerHandle | undefined = undefined;
    const run = once
      ? function (this: unknown, ...args: Args) {
          settle(handle);
          callback.apply(this, args);
        }
      : callback;
    handle = original.call(this, run, ...rest) as TimerHandle;
    bindTimer(handle, (h) => clear(h));
    return handle;
  } as (...args: unknown[]) => unknown);
  replace(moduleName, host, clearName, function (this: unknown, handle: unknown) {
    settle(handle);
    clear.call(this, handle);
  });
}

function withOperationSignal<A extends unknown[], R>(original: (...args: A) => Promise<R>, optionsIndex: number) {
  return function (this: unknown, ...args: A): Promise<R> {
    const owner = ownerNow();
    if (owner === undefined) return original.apply(this, args);
    const options = (args[optionsIndex] ?? {}) as { signal?: AbortSignal };
    const binding = bindOperation(owner, true, options.signal);
    args[optionsIndex] = { ...options, signal: binding.signal };
    return original.apply(this, args).finally(() => binding.settle());
  };
}

/**
 * Bind timers to greenlets: `setTimeout`, `setInterval` and `setImmediate` called by a greenlet
 * itself (in its own step, not from a library's later promise job) are cleared when that greenlet
 * ends, so no timer outlives it; and `timers/promises`'
 * `setTimeout`/`setImmediate` get a signal that aborts when the greenlet ends or is interrupted.
 * Timer callbacks still run on Node's loop, outside greenlets, like hub callbacks: they must not
 * block. Outside greenlets nothing changes. Idempotent.
 *
 * @example
 * ```ts
 * import { spawn } from '@coro/gevent';
 * import { patchTimers } from '@coro/gevent/monkey';
 *
 * patchTimers();
 * const g = spawn(function* () { setInterval(() => console.log('tick'), 100); });
 * // when g has finished, the interval is cleared: the process can exit
 * ```
 */
export function patchTimers(): void {
  installOwnership();
  if (isAreaPatched('timers')) return;
  for (const [target, moduleName] of [
    [globalThis, 'globalThis'],
    [timers, 'node:timers'],
  ] as const) {
    patchOne(target, moduleName, 'setTimeout', 'clearTimeout', true);
    patchOne(target, moduleName, 'setInterval', 'clearInterval', false);
    patchOne(target, moduleName, 'setImmediate', 'clearImmediate', true);
  }
  replace('node:timers/promises', timersPromises, 'setTimeout', withOperationSignal(timersPromises.setTimeout, 2));
  replace('node:timers/promises', timersPromises, 'setImmediate', withOperationSignal(timersPromises.setImmediate, 1));
  markPatched('timers');
}
