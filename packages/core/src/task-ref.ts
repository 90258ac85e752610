import type { JobOptions, TaskRef } from './executor.js';

/**
 * Name a task by module URL and export name, so any {@link Executor} can run it — in this
 * thread, a worker thread or a child process. The export may be a generator function (run as a
 * coroutine), an async function or a plain function.
 *
 * @example
 * ```ts
 * import { CoroutineExecutor, task } from '@coro/core';
 * import type * as primes from './primes.js';
 *
 * const countPrimes = task<typeof primes.countPrimes>(new URL('./primes.js', import.meta.url), 'countPrimes');
 * await using executor = new CoroutineExecutor();
 * await executor.submit(countPrimes.with({ signal: AbortSignal.timeout(1000) }), 100_000);
 * ```
 *
 * @typeParam F - the type of the exported function.
 */
export function task<F extends (...args: any[]) => any = (...args: any[]) => any>(module: string | URL, exportName: string, options: JobOptions = {}): TaskRef<F> {
  if (typeof module !== 'string' && !(module instanceof URL)) throw new TypeError(`task: module must be a URL or a URL string, got ${typeof module}`);
  const href = module instanceof URL ? module.href : module;
  if (href === '') throw new TypeError('task: module must not be empty');
  if (typeof exportName !== 'string' || exportName === '') throw new TypeError(`task: exportName must be a non-empty string, got ${JSON.stringify(exportName)}`);
  return namedTask<F>(href, exportName, options);
}

// Outside the class body on purpose: a class that names itself in its body is renamed `_NamedTask` by the
// build, and util.inspect would print that name.
function namedTask<F extends (...args: any[]) => any>(module: string, exportName: string, options: JobOptions): TaskRef<F> {
  return new NamedTask<F>(module, exportName, options);
}

class NamedTask<F extends (...args: any[]) => any> implements TaskRef<F> {
  constructor(
    readonly module: string,
    readonly exportName: string,
    readonly options: JobOptions,
  ) {}

  with(options: JobOptions): TaskRef<F> {
    return namedTask<F>(this.module, this.exportName, { ...this.options, ...options });
  }

  toString(): string {
    return `task(${this.module}#${this.exportName})`;
  }
}
