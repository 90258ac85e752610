// What the README's examples need comes from here too, so `npm i @coro/bullmq` alone suffices.
export { ExecutorClosed, JobAborted, jobSignal, task, WorkerCrashed, type Executor, type TaskRef } from '@coro/compare';
export { BullExecutor } from './bull-executor.js';
export type { RedisConnection } from './connection.js';
export { WorkerLost } from './errors.js';
export type { BullExecutorOptions } from './options.js';
export { version } from './version.js';
export { startWorker, type CoroWorker, type WorkerOptions } from './worker/start-worker.js';
