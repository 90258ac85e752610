import { CoroutineExecutor, task, withJobSignal, type TaskRef } from '@coro/core';

// A generator export runs as a coroutine on core's executor, exactly as in-process. A plain or
// async export is called directly (no task, no promise for a plain value: this is the hot path of
// a no-op job), with its signal where core's jobSignal() finds it during the synchronous part.
const executor = new CoroutineExecutor();
const refs = new Map<string, TaskRef>();
const GeneratorFunction = Object.getPrototypeOf(function* () {}) as object;

/**
 * Run `fn`, the export `exportName` of `module`, with `args`, as compare's workers do: a generator
 * export as a coroutine on core's executor, a plain or async export called directly with `signal`
 * where core's `jobSignal()` finds it (a function making the signal is called only if the task asks
 * for it). Returns the value, or a promise of it.
 *
 * @example
 * ```ts
 * const url = new URL('./primes.js', import.meta.url).href;
 * const n = await invokeTask(await loadTask(url, 'countPrimes'), url, 'countPrimes', [1000], AbortSignal.timeout(1000));
 * ```
 */
export function invokeTask(fn: (...args: unknown[]) => unknown, module: string, exportName: string, args: unknown[], signal: AbortSignal | (() => AbortSignal)): unknown {
  if (Object.getPrototypeOf(fn) !== GeneratorFunction) return withJobSignal(signal, () => fn(...args));
  const key = `${module}#${exportName}`;
  let ref = refs.get(key);
  if (!ref) refs.set(key, (ref = task(module, exportName)));
  return executor.submit(ref.with({ signal: typeof signal === 'function' ? signal() : signal }), ...args);
}
