export { ExecutorClosed, JobAborted, QueueFull, WorkerCrashed, type AbortMode } from './errors.js';
export { PoolExecutor } from './pool-executor.js';
export type { PoolOptions } from './pool-options.js';
export type { PoolStats } from './pool.js';
export { ProcessExecutor, type ProcessExecutorOptions } from './process-executor.js';
export { ThreadExecutor, type ThreadExecutorOptions } from './thread-executor.js';
export { version } from './version.js';
