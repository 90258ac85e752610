import { describeValue } from './describe.js';
import type { Coroutine, Instruction } from './operation.js';
import { defaultScheduler } from './default-scheduler.js';
import { currentTask, type Scheduler } from './scheduler.js';
import { captureSpawnStack } from './spawn-stack.js';
import { Task } from './task.js';
import type { Owner } from './task-tree.js';

/**
 * Options for spawning: a signal that cancels the task when it aborts, and a name.
 *
 * @example
 * ```ts
 * spawn(poll, { signal: AbortSignal.timeout(5000), name: 'poller' });
 * ```
 */
export interface SpawnOptions {
  /** Cancel the task (with the signal's reason) when this aborts. */
  readonly signal?: AbortSignal;
  /** The task's name in logs and errors; default the function's name. */
  readonly name?: string;
}

/**
 * Start a coroutine: `fn(...args)` is a generator function (or returns any Operation). Inside a
 * coroutine the new task is a child of the current one — cancelled when it ends, and failing it
 * if it fails unjoined. In ordinary code it is a root on the default scheduler. The returned
 * {@link Task} is joined with `yield* task` or awaited.
 *
 * @example
 * ```ts
 * import { run, spawn, sleep } from '@coro/core';
 *
 * await run(function* () {
 *   const a = spawn(function* () { yield* sleep(20); return 'a'; });
 *   const b = spawn(function* () { yield* sleep(10); return 'b'; });
 *   console.log(yield* a, yield* b); // a b
 * });
 * ```
 *
 * @typeParam T - the task's result.
 * @typeParam A - `fn`'s parameters.
 */
export function spawn<T>(fn: () => Coroutine<T>, options?: SpawnOptions): Task<T>;
export function spawn<T, A extends unknown[]>(fn: (...args: A) => Coroutine<T>, ...args: A): Task<T>;
export function spawn(fn: (...args: unknown[]) => Coroutine<unknown>): Task<unknown> {
  // eslint-disable-next-line prefer-rest-params -- `arguments` spares an array per spawn without arguments
  const args = restArgs(arguments);
  const parent = currentTask();
  if (parent === undefined) {
    const scheduler = defaultScheduler();
    return createTask(scheduler, scheduler, fn, args);
  }
  return createTask(parent.scheduler, parent, fn, args);
}

const noArgs: unknown[] = [];

/** The arguments after the first, without allocating when there are none. @internal */
export function restArgs(args: IArguments): unknown[] {
  return args.length <= 1 ? noArgs : (Array.prototype.slice.call(args, 1) as unknown[]);
}

/** Make, link and queue a task. @internal */
export function createTask(scheduler: Scheduler, owner: Owner, fn: (...args: unknown[]) => Coroutine<unknown>, args: unknown[]): Task<unknown> {
  if (typeof fn !== 'function') throw new TypeError(`spawn: fn must be a generator function (function*), got ${describeValue(fn)}`);
  let options: SpawnOptions | undefined;
  if (args.length === 1 && fn.length === 0 && isSpawnOptions(args[0])) {
    options = args[0];
    args = [];
  }
  // A generator function is called on the task's first step: until then the task holds only
  // `fn` and its arguments, which keeps spawning cheap (no generator object kept alive in the queue).
  const lazy = Object.getPrototypeOf(fn) === GeneratorFunction;
  if (!lazy) rejectAsync(fn);
  const body = lazy ? fn : start(args.length === 0 ? fn() : fn(...args), fn);
  const task = new Task(owner, body, options?.name ?? (fn.name || 'anonymous'));
  if (lazy && args.length > 0) task.value = args;
  scheduler.countSpawned();
  if (scheduler.traceSpawns) task.ext().spawnStack = captureSpawnStack();
  scheduler.enqueue(task);
  if (options?.signal !== undefined) bindSignal(task, options.signal);
  return task;
}

const GeneratorFunction: unknown = Object.getPrototypeOf(function* () {});
const AsyncFunction: unknown = Object.getPrototypeOf(async function () {});
const AsyncGeneratorFunction: unknown = Object.getPrototypeOf(async function* () {});

function rejectAsync(fn: (...args: unknown[]) => unknown): void {
  const proto: unknown = Object.getPrototypeOf(fn);
  if (proto === AsyncFunction) {
    throw new TypeError(`spawn: ${fn.name || 'fn'} is an async function, but spawn takes a generator function (function*); inside a coroutine wait for a promise with \`yield* wait(promise)\``);
  }
  if (proto === AsyncGeneratorFunction) {
    throw new TypeError(`spawn: ${fn.name || 'fn'} is an async generator function; spawn takes a generator function (function*) — use \`yield* wait(promise)\` where it awaits`);
  }
}

/** Create the generator of a lazily started task (its first step). @internal */
export function startBody(fn: (...args: unknown[]) => unknown, args: unknown): Iterator<Instruction, unknown, unknown> {
  return (args === undefined ? fn() : fn(...(args as unknown[]))) as Iterator<Instruction, unknown, unknown>;
}

function start(made: unknown, fn: (...args: unknown[]) => unknown): Iterator<Instruction, unknown, unknown> {
  const name = fn.name || 'fn';
  if (made !== null && typeof made === 'object') {
    const iterate = (made as Partial<Iterable<unknown>>)[Symbol.iterator];
    if (typeof iterate === 'function') return iterate.call(made) as Iterator<Instruction, unknown, unknown>;
    if (typeof (made as PromiseLike<unknown>).then === 'function') {
      throw new TypeError(`spawn: ${name} returned a Promise, but spawn takes a generator function (function*); inside a coroutine wait for a promise with \`yield* wait(promise)\``);
    }
  }
  throw new TypeError(`spawn: fn must be a generator function (function*) or return an Operation, but ${name} returned ${describeValue(made)}`);
}

function isSpawnOptions(value: unknown): value is SpawnOptions {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'signal' || k === 'name');
}

function bindSignal(task: Task<unknown>, signal: AbortSignal): void {
  if (!(signal instanceof AbortSignal)) throw new TypeError(`spawn: options.signal must be an AbortSignal, got ${describeValue(signal)}`);
  if (signal.aborted) return task.cancel(signal.reason);
  const onAbort = (): void => task.cancel(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  task.ext().signalCleanup = () => signal.removeEventListener('abort', onAbort);
}
