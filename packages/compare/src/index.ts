// What the README's examples need comes from here too, so `npm i @coro/compare` alone suffices.
export { jobSignal, task, type Executor, type TaskRef } from '@coro/core';
export { ExecutorClosed, JobAborted, QueueFull, WorkerCrashed, type AbortMode } from './errors.js';
export { evaluateClaims, type Claim } from './harness/claims.js';
export { renderSvg } from './harness/format-svg.js';
export { formatMarkdown, formatTable, type TableOptions } from './harness/format-table.js';
export { kinds, type Kind } from './harness/kinds.js';
export type { MachineLoad } from './harness/machine-load.js';
export type { Measurement, Placement } from './harness/measurement.js';
export type { PythonThreads } from './harness/python-threads.js';
export { runComparison, type ComparisonOptions, type Report } from './harness/run-comparison.js';
export type { WorkloadName } from './harness/workload.js';
export type { Percentiles } from './job-stats.js';
export { PoolExecutor, type PoolExecutorEvents } from './pool-executor.js';
export type { PoolOptions } from './pool-options.js';
export type { PoolStats } from './pool.js';
export { ProcessExecutor, type ProcessExecutorOptions } from './process-executor.js';
export { ThreadExecutor, type ThreadExecutorOptions } from './thread-executor.js';
export { version } from './version.js';
