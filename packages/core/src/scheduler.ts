import type { Clock } from './clock.js';
import { describeValue, unknownInstruction } from './describe.js';
import { beginStep, beginTracing, droppedOperationError, endStep, endTracing } from './dropped-operation.js';
import { SchedulerError } from './errors.js';
import type { Coroutine, Suspend } from './operation.js';
import { RealClock } from './real-clock.js';
import { RunQueue } from './run-queue.js';
import { forever } from './suspend.js';
import { checkSpawnOptions, createTask, restArgs, startBody, type SpawnOptions } from './spawn.js';
import { traceSpawnsByDefault } from './spawn-stack.js';
import { CANCELLED, DONE, FAILED, READY_NEXT, READY_RETURN, READY_THROW, READY_YIELD, RUNNING, SUSPENDED, type TaskState } from './task-state.js';
import { Task } from './task.js';
import { TaskSignals } from './task-signals.js';
import { unlink } from './task-tree.js';
import type { VirtualClock } from './virtual-clock.js';
import { Wake } from './wake.js';
import { inspectWith } from './inspect-hook.js';
import { liveTasks, type SchedulerStats, type TaskSnapshot } from './scheduler-stats.js';

let current: Task<any> | null = null;
const NOT_STARTED: IteratorResult<unknown, unknown> = { done: true, value: undefined };

/**
 * The task whose step is running right now, or `undefined` in ordinary code.
 *
 * @example
 * ```ts
 * run(function* main() { currentTask()?.name; }); // 'main'
 * ```
 */
export function currentTask(): Task<any> | undefined {
  return current ?? undefined;
}

/**
 * Options for a {@link Scheduler}.
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler({ clock: new VirtualClock(), traceSpawns: true });
 * ```
 */
export interface SchedulerOptions {
  /** Where time comes from; default a new {@link RealClock}. */
  readonly clock?: Clock;
  /** How long (ms of real time) the scheduler runs tasks before letting the event loop in. Default 10. */
  readonly slice?: number;
  /** Called before every step of every task (tracing, profiling). Unset, it costs one check per step. */
  readonly onSwitch?: (task: Task<any>) => void;
  /** Capture a stack for every spawn, shown in failed tasks' errors. Default: env `CORO_TRACE_SPAWNS=1`. */
  readonly traceSpawns?: boolean;
}

function checkSchedulerOptions(options: unknown): asserts options is SchedulerOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`Scheduler: options must be an object, got ${describeValue(options)}`);
  const { clock, slice, onSwitch, traceSpawns } = options as Record<string, unknown>;
  if (clock !== undefined) {
    const c = clock as Partial<Clock> | null; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- narrows unknown for the checks below
    if (c === null || typeof c !== 'object' || typeof c.now !== 'function' || typeof c.setTimer !== 'function' || typeof c.clearTimer !== 'function') {
      throw new TypeError(`Scheduler: options.clock must be a Clock (now, setTimer, clearTimer) such as new RealClock() or new VirtualClock(), got ${describeValue(clock)}`);
    }
  }
  if (slice !== undefined && (typeof slice !== 'number' || !(slice > 0))) {
    throw new RangeError(`Scheduler: options.slice must be a number of milliseconds > 0, got ${describeValue(slice)}`);
  }
  if (onSwitch !== undefined && typeof onSwitch !== 'function') throw new TypeError(`Scheduler: options.onSwitch must be a function, got ${describeValue(onSwitch)}`);
  if (traceSpawns !== undefined && typeof traceSpawns !== 'boolean') throw new TypeError(`Scheduler: options.traceSpawns must be a boolean, got ${describeValue(traceSpawns)}`);
}

type IdleWaiter = { resolve: () => void; reject: (error: unknown) => void };
// In a pure IIFE: reading a global at import is a side effect a bundler must keep.
const yieldToEventLoop: (callback: () => void) => void = /* @__PURE__ */ (() =>
  (globalThis as { setImmediate?: (cb: () => void) => void }).setImmediate ?? ((cb) => setTimeout(cb, 0)))();

/**
 * Drives coroutines: an O(1) FIFO run queue, timers on its {@link Clock}, and a time slice so
 * that a busy scheduler still lets I/O in. Tasks it spawns with {@link Scheduler.spawn} are
 * roots; `run()` resolves when every root has ended.
 *
 * @example
 * ```ts
 * import { Scheduler } from '@coro/core';
 *
 * const scheduler = new Scheduler();
 * function* work(name: string) {
 *   for (let i = 0; i < 3; i++) { console.log(`${name}---${i}`); yield; }
 * }
 * scheduler.spawn(work, 'Work1');
 * scheduler.spawn(work, 'Work2');
 * await scheduler.run(); // Work1---0, Work2---0, Work1---1, …
 * ```
 */
export class Scheduler implements AsyncDisposable {
  /** The clock every timer of this scheduler's tasks uses. */
  readonly clock: Clock;
  /** Whether spawns capture a stack (see {@link SchedulerOptions.traceSpawns}). */
  readonly traceSpawns: boolean;
  /** The first root task. @internal */
  firstChild: Task<any> | null = null;
  private readonly queue = new RunQueue<Task<any>>(1024);
  private readonly slice: number;
  private readonly onSwitch: ((task: Task<any>) => void) | undefined;
  private scheduled = false;
  private pumping = false;
  private idleWaiters: IdleWaiter[] = [];
  private failures: unknown[] = [];
  private readonly counts = { switches: 0, spawned: 0, done: 0, failed: 0, cancelled: 0 };
  private signals: TaskSignals | null = null;

  constructor(options: SchedulerOptions = {}) {
    checkSchedulerOptions(options);
    this.clock = options.clock ?? new RealClock();
    this.slice = options.slice ?? 10;
    this.onSwitch = options.onSwitch;
    this.traceSpawns = options.traceSpawns ?? traceSpawnsByDefault();
  }

  /**
   * Spawn a root task: `fn(...args)` must return a generator (or any Operation). Every argument
   * after `fn` goes to `fn`; for a name or a signal use {@link Scheduler.spawnWith}.
   *
   * @typeParam T - the task's result.
   * @typeParam A - `fn`'s parameters.
   */
  spawn<T, A extends unknown[]>(fn: (...args: A) => Coroutine<T>, ...args: NoInfer<A>): Task<T>;
  spawn(fn: (...args: unknown[]) => Coroutine<unknown>): Task<unknown> {
    // eslint-disable-next-line prefer-rest-params -- `arguments` spares an array per spawn without arguments
    return createTask(this, this, fn, restArgs(arguments, 1));
  }

  /**
   * Spawn a root task with options: `scheduler.spawnWith({ name, signal }, fn, ...args)`.
   *
   * @typeParam T - the task's result.
   * @typeParam A - `fn`'s parameters.
   */
  spawnWith<T, A extends unknown[]>(options: SpawnOptions, fn: (...args: A) => Coroutine<T>, ...args: NoInfer<A>): Task<T>;
  spawnWith(options: SpawnOptions, fn: (...args: unknown[]) => Coroutine<unknown>): Task<unknown> {
    const { name, signal } = checkSpawnOptions('scheduler.spawnWith', options);
    // eslint-disable-next-line prefer-rest-params -- `arguments` spares an array per spawn without arguments
    return createTask(this, this, fn, restArgs(arguments, 2), name, signal);
  }

  /**
   * Resolves when every root task has ended; rejects with the first root failure nobody
   * awaited. Calling it from inside one of this scheduler's tasks is an error (join the tasks).
   */
  run(): Promise<void> {
    if (current !== null && current.scheduler === this) {
      throw new SchedulerError(`scheduler.run() was called from inside its own task "${current.name}": the scheduler is already running; join the tasks with yield* instead`);
    }
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a task's failure is whatever it threw
    if (this.firstChild === null) return this.failures.length > 0 ? Promise.reject(this.failures.shift()) : Promise.resolve();
    return new Promise((resolve, reject) => this.idleWaiters.push({ resolve, reject }));
  }

  /** Cancel every root task (and so every task). */
  cancel(reason?: unknown): void {
    for (let t = this.firstChild; t !== null; t = t.nextSibling) t.cancel(reason);
  }

  /** Cancel every task and wait until their `finally` blocks have run. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.cancel();
    try {
      await this.run();
    } catch {
      // a failure during shutdown was already reported to whoever awaited that task
    }
  }

  /** Counters (switches, spawns, ended tasks) and the live tasks by state. */
  stats(): SchedulerStats {
    const tasks: Record<TaskState, number> = { pending: 0, running: 0, suspended: 0, done: this.counts.done, failed: this.counts.failed, cancelled: this.counts.cancelled };
    let live = 0;
    for (const { task } of liveTasks(this)) {
      tasks[task.state]++;
      live++;
    }
    return { switches: this.counts.switches, spawned: this.counts.spawned, live, tasks };
  }

  /** Every live task, depth first in spawn order, with what it waits on. */
  inspect(): TaskSnapshot[] {
    return [...liveTasks(this)].map(({ task, depth }) => ({
      name: task.name,
      state: task.state,
      depth,
      ...(task.waitingOn === undefined ? {} : { waitingOn: task.waitingOn }),
    }));
  }

  // How Node's `util.inspect` prints a scheduler: `Scheduler (3 live tasks)`, then one task per line (see
  // inspect-hook.ts for why not a method).
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #inspect = /* @__PURE__ */ inspectWith(this, function (this: Scheduler) {
    const lines = this.inspect().map((s) => `${'  '.repeat(s.depth + 1)}${s.name}: ${s.state}${s.waitingOn === undefined ? '' : ` on ${s.waitingOn}`}`);
    return [`Scheduler (${lines.length} live tasks)`, ...lines].join('\n');
  });

  /** Queue `task` to run; starts the pump if it is idle. @internal */
  enqueue(task: Task<any>): void {
    this.queue.push(task);
    if (!this.pumping && !this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.pump);
    }
  }

  /** Cancel `task` when `signal` aborts: one listener per signal, however many tasks share it. @internal */
  bindSignal(task: Task<any>, signal: AbortSignal): void {
    (this.signals ??= new TaskSignals()).bind(task, signal);
  }

  /** @internal */
  countSpawned(): void {
    this.counts.spawned++;
  }

  /** @internal */
  taskEnded(task: Task<any>, outcome: number): void {
    if (this.signals !== null) this.signals.unbind(task);
    if (outcome === DONE) this.counts.done++;
    else if (outcome === FAILED) this.counts.failed++;
    else if (outcome === CANCELLED) this.counts.cancelled++;
  }

  /** An error with nowhere to go: surface it as an unhandled rejection. @internal */
  reportUncaught(error: unknown): void {
    void Promise.reject(error instanceof Error ? error : new Error(String(error), { cause: error }));
  }

  /** @internal */
  adoptFailure(root: Task<any>, error: unknown): void {
    if (this.idleWaiters.length > 0) this.failures.push(error);
    else void root.promise(); // a rejected promise: reported as unhandled unless awaited in this tick
  }

  /** @internal */
  childEnded(root: Task<any>): void {
    unlink(this, root);
    if (this.firstChild !== null || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    const failure = this.failures.length > 0 ? this.failures[0] : undefined;
    const failed = this.failures.length > 0;
    this.idleWaiters = [];
    this.failures = [];
    for (const w of waiters) {
      if (failed) w.reject(failure);
      else w.resolve();
    }
  }

  // The loop: run ready tasks first-in, first-out; when none is ready, a virtual clock may jump.
  private readonly pump = (): void => {
    this.scheduled = false;
    if (this.pumping) return;
    this.pumping = true;
    const queue = this.queue;
    const sliceEnd = performance.now() + this.slice;
    let steps = 0;
    try {
      for (;;) {
        for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
          this.step(task);
          if ((++steps & 1023) === 0 && performance.now() >= sliceEnd) return this.pauseForEventLoop();
        }
        if (!this.advanceVirtualTime()) break;
        if ((++steps & 1023) === 0 && performance.now() >= sliceEnd) return this.pauseForEventLoop();
      }
    } finally {
      this.pumping = false;
    }
  };

  private pauseForEventLoop(): void {
    this.scheduled = true;
    yieldToEventLoop(this.pump);
  }

  private advanceVirtualTime(): boolean {
    // By its shape, not `instanceof`: a value import of VirtualClock would ship it in every real-clock bundle.
    const clock = this.clock as Partial<VirtualClock>;
    return clock.autoAdvance === true && clock.held === false && this.firstChild !== null && typeof clock.jump === 'function' && clock.jump();
  }

  // One resumption of one task, up to its next yield.
  private step(task: Task<any>): void {
    let gen = task.gen!;
    const st = task.st;
    const input = task.value;
    task.st = RUNNING;
    task.value = undefined;
    this.counts.switches++;
    if (this.onSwitch !== undefined) this.onSwitch(task);
    const outer = current;
    current = task;
    const traced = this.traceSpawns;
    if (traced) beginTracing();
    const token = beginStep();
    let result: IteratorResult<unknown, unknown>;
    try {
      if (typeof gen === 'function') {
        if (st === READY_RETURN) {
          task.ext().cancelling = true;
          result = NOT_STARTED; // cancelled before its first step: nothing to unwind
        } else {
          gen = task.gen = startBody(gen, input);
          result = gen.next();
        }
      } else if (st <= READY_NEXT) result = gen.next(input);
      else if (st === READY_THROW) result = gen.throw!(input);
      else {
        task.ext().cancelling = true;
        result = gen.return!(undefined);
      }
    } catch (error) {
      endStep(token);
      if (traced) endTracing();
      current = outer;
      return task.finishGenerator(FAILED, error);
    }
    const dropped = endStep(token);
    if (traced) endTracing();
    current = outer;
    if (result.done === true) {
      if (dropped !== undefined) return task.finishGenerator(FAILED, droppedOperationError(dropped));
      return task.finishGenerator(task.extra !== null && task.extra.cancelling ? CANCELLED : DONE, result.value);
    }
    const x = task.extra;
    if (x !== null && x.cancelPending) {
      x.cancelPending = false;
      return this.requeue(task, READY_RETURN, undefined);
    }
    if (dropped !== undefined) return this.requeue(task, READY_THROW, droppedOperationError(dropped));
    const instruction = result.value;
    if (instruction === undefined) {
      task.st = READY_YIELD;
      this.queue.push(task);
    } else if (typeof (instruction as Suspend).enter === 'function') {
      this.park(task, instruction as Suspend);
    } else {
      this.requeue(task, READY_THROW, unknownInstruction(task, instruction));
    }
  }

  private requeue(task: Task<any>, st: number, value: unknown): void {
    task.st = st;
    task.value = value;
    this.queue.push(task);
  }

  private park(task: Task<any>, instruction: Suspend): void {
    task.st = SUSPENDED;
    if (instruction === forever) {
      task.value = forever; // nothing can resume it, so it needs no Wake
      return;
    }
    const wake = new Wake(task, instruction);
    task.value = wake;
    const outer = current;
    current = task;
    let teardown;
    try {
      teardown = instruction.enter(wake, wake);
    } catch (error) {
      current = outer;
      if (wake.instruction === null) return task.resumeFromWake(true, error);
      wake.instruction = null;
      return this.requeue(task, READY_THROW, error);
    }
    current = outer;
    if (typeof teardown !== 'function') return;
    wake.teardown = teardown;
    if (wake.instruction === null) wake.runTeardown(); // resumed inside enter
  }
}
