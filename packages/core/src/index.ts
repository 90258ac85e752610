export type { Clock, TimerHandle } from './clock.js';
export type { Executor, JobOptions, MapOptions, TaskRef, TaskResult } from './executor.js';
export type { Coroutine, Host, Instruction, Operation, Resume, Suspend, Teardown } from './operation.js';
export type { AwaitableOperation } from './awaitable.js';
export { version } from './version.js';

export { RunQueue } from './run-queue.js';
export { Timer, TimerHeap } from './timer-heap.js';
export { RealClock } from './real-clock.js';
export { VirtualClock, type VirtualClockOptions } from './virtual-clock.js';

export { beginStep, claim, droppedOperationError, endStep, track, type Trackable } from './dropped-operation.js';
export { action, SuspendOperation } from './suspend-operation.js';
export { operation } from './operation-factory.js';
export { Cancelled, ChannelClosed, SchedulerError, Timeout } from './errors.js';

export { Task } from './task.js';
export type { TaskState } from './task-state.js';
export { currentTask, Scheduler, type SchedulerOptions } from './scheduler.js';
export type { SchedulerStats, TaskSnapshot } from './scheduler-stats.js';
export { defaultScheduler } from './default-scheduler.js';
export { spawn, spawnWith, type SpawnOptions } from './spawn.js';
export { run, runWith } from './run.js';
export { main } from './main.js';
export { Scope, withScope, type ScopeOptions } from './scope.js';

export { sleep } from './sleep.js';
export { suspend } from './suspend.js';
export { wait } from './wait.js';
export { all, race, timeout, type Results } from './combinators.js';
export { forEach } from './for-each.js';
export { Channel } from './channel.js';
export { Event } from './event.js';
export { Semaphore } from './semaphore.js';
export { Mutex } from './mutex.js';

export { task } from './task-ref.js';
export { jobSignal, withJobSignal } from './job-signal.js';
export { CoroutineExecutor, type CoroutineExecutorOptions } from './coroutine-executor.js';
