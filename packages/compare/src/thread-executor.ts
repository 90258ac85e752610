import type { ResourceLimits } from 'node:worker_threads';
import { PoolExecutor } from './pool-executor.js';
import { resolvePoolOptions, type PoolOptions } from './pool-options.js';
import { threadUnits } from './thread-unit.js';

/**
 * Options of {@link ThreadExecutor}: the pool options plus how each worker thread starts.
 *
 * @example
 * ```ts
 * const options: ThreadExecutorOptions = { size: 2, resourceLimits: { maxOldGenerationSizeMb: 64 } };
 * ```
 */
export interface ThreadExecutorOptions extends PoolOptions {
  /** V8 heap limits of each worker; a worker that runs out rejects its job with `WorkerCrashed`. */
  readonly resourceLimits?: ResourceLimits;
  /** Node flags for each worker (default: the main thread's). */
  readonly execArgv?: readonly string[];
  /** The environment each worker sees (default: a copy of `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * An `Executor` (from @coro/core) on a pool of worker threads. Arguments and results are structured-cloned
 * (or transferred: `task.with({ transfer: [buffer] })`); errors arrive intact; a crashed worker
 * fails only its own job and is replaced.
 *
 * @example
 * ```ts
 * import { task } from '@coro/core';
 * import { ThreadExecutor } from '@coro/compare';
 *
 * const countPrimes = task<(n: number) => number>(new URL('./primes.js', import.meta.url), 'countPrimes');
 * await using threads = new ThreadExecutor({ size: 2 });
 * console.log(await threads.map(countPrimes, [1e5, 2e5])); // [9592, 17984]
 * ```
 */
export class ThreadExecutor extends PoolExecutor {
  constructor(options: ThreadExecutorOptions = {}) {
    const resolved = resolvePoolOptions('ThreadExecutor', options, ['resourceLimits', 'execArgv', 'env']);
    super(
      resolved,
      threadUnits({
        setup: {
          ...(resolved.maxMemoryPerWorker === Infinity ? {} : { reportMemory: 'heap' as const }),
          ...(resolved.abortGrace > 0 ? { gracefulAbort: true as const } : {}),
          ...(resolved.loadTimeout === Infinity ? {} : { loadTimeout: resolved.loadTimeout }),
        },
        ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
        ...(options.execArgv ? { execArgv: options.execArgv } : {}),
        ...(options.env ? { env: options.env } : {}),
      }),
      'worker thread',
    );
  }
}
