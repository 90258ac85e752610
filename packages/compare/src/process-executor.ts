import { PoolExecutor } from './pool-executor.js';
import { resolvePoolOptions, type PoolOptions } from './pool-options.js';
import { processUnits } from './process-unit.js';

/**
 * Options of {@link ProcessExecutor}: the pool options plus how each child process starts.
 *
 * @example
 * ```ts
 * const options: ProcessExecutorOptions = { size: 2, env: { ...process.env, DEBUG: '1' }, execArgv: ['--max-old-space-size=128'] };
 * ```
 */
export interface ProcessExecutorOptions extends PoolOptions {
  /** Node flags for each child (default: this process's `execArgv`). */
  readonly execArgv?: readonly string[];
  /** The environment of each child (default: `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * An `Executor` (from @coro/core) on a pool of child processes (`child_process.fork`, IPC with advanced
 * serialization, so typed arrays, Maps and Dates survive). A child that dies fails only its own
 * job with `WorkerCrashed` carrying the exit code or signal, and is replaced.
 *
 * @example
 * ```ts
 * import { task } from '@coro/core';
 * import { ProcessExecutor } from '@coro/compare';
 *
 * const countPrimes = task<(n: number) => number>(new URL('./primes.js', import.meta.url), 'countPrimes');
 * await using processes = new ProcessExecutor({ size: 2 });
 * console.log(await processes.submit(countPrimes, 1e5)); // 9592
 * ```
 */
export class ProcessExecutor extends PoolExecutor {
  constructor(options: ProcessExecutorOptions = {}) {
    const resolved = resolvePoolOptions('ProcessExecutor', options, ['execArgv', 'env']);
    super(
      resolved,
      processUnits({
        setup: {
          ...(resolved.maxMemoryPerWorker === Infinity ? {} : { reportMemory: 'rss' as const }),
          ...(resolved.abortGrace > 0 ? { gracefulAbort: true as const } : {}),
          ...(resolved.loadTimeout === Infinity ? {} : { loadTimeout: resolved.loadTimeout }),
        },
        ...(options.execArgv ? { execArgv: options.execArgv } : {}),
        ...(options.env ? { env: options.env } : {}),
      }),
      'child process',
    );
  }
}
