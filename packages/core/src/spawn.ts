import { describeValue } from './describe.js';
import type { Coroutine, Instruction } from './operation.js';
import { defaultScheduler } from './default-scheduler.js';
import { currentTask, type Scheduler } from './scheduler.js';
import { captureSpawnStack } from './spawn-stack.js';
import { Task } from './task.js';
import type { Owner } from './task-tree.js';

/**
 * Options for {@link spawnWith} (and `scheduler.spawnWith`, `scope.spawnWith`, `runWith`): a
 * signal that cancels the task when it aborts, and a name. Options always come first, in their
 * own call, so an argument of `fn` is never mistaken for them.
 *
 * @example
 * ```ts
 * spawnWith({ signal: AbortSignal.timeout(5000), name: 'poller' }, poll, url);
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
 * {@link Task} is joined with `yield* task` or awaited. Every argument after `fn` goes to `fn`;
 * to name the task or bind a signal, use {@link spawnWith}.
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
export function spawn<T, A extends unknown[]>(fn: (...args: A) => Coroutine<T>, ...args: NoInfer<A>): Task<T>;
export function spawn(fn: (...args: unknown[]) => Coroutine<unknown>): Task<unknown> {
  // eslint-disable-next-line prefer-rest-params -- `arguments` spares an array per spawn without arguments
  const args = restArgs(arguments, 1);
  const parent = currentTask();
  if (parent === undefined) {
    const scheduler = defaultScheduler();
    return createTask(scheduler, scheduler, fn, args);
  }
  return createTask(parent.scheduler, parent, fn, args);
}

/**
 * {@link spawn} with options: `spawnWith({ name, signal }, fn, ...args)`. The task is named
 * `name` (default `fn`'s name) and cancelled with the signal's reason when `signal` aborts; any
 * number of tasks may share one signal cheaply.
 *
 * @example
 * ```ts
 * import { run, sleep, spawnWith } from '@coro/core';
 *
 * const stop = new AbortController();
 * await run(function* () {
 *   const poller = spawnWith({ name: 'poller', signal: stop.signal }, function* (ms: number) {
 *     for (;;) yield* sleep(ms);
 *   }, 100);
 *   stop.abort();
 *   console.log(poller.name); // poller
 * });
 * ```
 *
 * @typeParam T - the task's result.
 * @typeParam A - `fn`'s parameters.
 */
export function spawnWith<T, A extends unknown[]>(options: SpawnOptions, fn: (...args: A) => Coroutine<T>, ...args: NoInfer<A>): Task<T>;
export function spawnWith(options: SpawnOptions, fn: (...args: unknown[]) => Coroutine<unknown>): Task<unknown> {
  // eslint-disable-next-line prefer-rest-params -- `arguments` spares an array per spawn without arguments
  const args = restArgs(arguments, 2);
  const { name, signal } = checkSpawnOptions('spawnWith', options);
  const parent = currentTask();
  if (parent === undefined) {
    const scheduler = defaultScheduler();
    return createTask(scheduler, scheduler, fn, args, name, signal);
  }
  return createTask(parent.scheduler, parent, fn, args, name, signal);
}

const noArgs: unknown[] = [];

/** The arguments from index `from` on, without allocating when there are none. @internal */
export function restArgs(args: IArguments, from: number): unknown[] {
  return args.length <= from ? noArgs : (Array.prototype.slice.call(args, from) as unknown[]);
}

/** Validate spawn options, naming the call and the bad key or value. @internal */
export function checkSpawnOptions(where: string, options: unknown): SpawnOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object like { name, signal }, got ${describeValue(options)} (the function comes second: ${where}(options, fn, ...args))`);
  }
  // for…in, not Object.keys: no array per spawn (options are checked on every spawnWith).
  for (const key in options) {
    if (key !== 'name' && key !== 'signal' && Object.hasOwn(options, key)) throw new TypeError(`${where}: unknown option '${key}' (options are name and signal)`);
  }
  const { name, signal } = options as SpawnOptions;
  if (name !== undefined && typeof name !== 'string') throw new TypeError(`${where}: options.name must be a string, got ${describeValue(name)}`);
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError(`${where}: options.signal must be an AbortSignal, got ${describeValue(signal)}`);
  return options;
}

/** Make, link and queue a task. @internal */
export function createTask(
  scheduler: Scheduler,
  owner: Owner,
  fn: (...args: unknown[]) => Coroutine<unknown>,
  args: unknown[],
  name?: string,
  signal?: AbortSignal,
): Task<unknown> {
  if (typeof fn !== 'function') throw new TypeError(`spawn: fn must be a generator function (function*), got ${describeValue(fn)}`);
  // A generator function is called on the task's first step: until then the task holds only
  // `fn` and its arguments, which keeps spawning cheap (no generator object kept alive in the queue).
  const lazy = Object.getPrototypeOf(fn) === GeneratorFunction;
  if (!lazy) rejectAsync(fn);
  const body = lazy ? fn : start(args.length === 0 ? fn() : fn(...args), fn);
  const task = new Task(owner, body, name ?? fn);
  if (lazy && args.length > 0) task.value = args;
  scheduler.countSpawned();
  if (scheduler.traceSpawns) task.ext().spawnStack = captureSpawnStack();
  scheduler.enqueue(task);
  if (signal !== undefined) scheduler.bindSignal(task, signal);
  return task;
}

// Marked pure so a bundler can drop them (and the whole file) when nothing of it is used.
const GeneratorFunction: unknown = /* @__PURE__ */ Object.getPrototypeOf(function* () {});
const AsyncFunction: unknown = /* @__PURE__ */ Object.getPrototypeOf(async function () {});
const AsyncGeneratorFunction: unknown = /* @__PURE__ */ Object.getPrototypeOf(async function* () {});

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
