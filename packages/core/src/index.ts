export type { Clock, TimerHandle } from './clock.js';
export type { Executor, JobOptions, MapOptions, TaskRef, TaskResult } from './executor.js';
export type { Host, Instruction, Operation, Resume, Suspend, Teardown } from './operation.js';
export { version } from './version.js';
