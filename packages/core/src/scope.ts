import { defaultScheduler } from './default-scheduler.js';
import { drained } from './drained.js';
import { Cancelled } from './errors.js';
import { Event } from './event.js';
import type { AwaitableOperation } from './awaitable.js';
import type { Coroutine, Operation } from './operation.js';
import { operation } from './operation-factory.js';
import { currentTask, type Scheduler } from './scheduler.js';
import { checkSpawnOptions, createTask, restArgs, spawn, type SpawnOptions } from './spawn.js';
import { COMPLETING } from './task-state.js';
import type { Task } from './task.js';

/**
 * Where a {@link Scope} lives.
 *
 * @example
 * ```ts
 * const scope = new Scope({ scheduler, name: 'requests' });
 * ```
 */
export interface ScopeOptions {
  /** The scheduler; default the current task's (the scope is then its child), else the default one. */
  readonly scheduler?: Scheduler;
  /** A name for logs. Default "scope". */
  readonly name?: string;
}

/**
 * A nursery: tasks spawned with `scope.spawn` live no longer than the scope. If one fails (and
 * nobody joined it), the others are cancelled and the scope fails with its error. `join()` waits
 * until every task has ended; `cancel()` ends them all. Inside a coroutine, {@link withScope}
 * is the usual way to get one; from ordinary code, use `await using`.
 *
 * @example
 * ```ts
 * await using scope = new Scope();
 * scope.spawn(serve, connectionA);
 * scope.spawn(serve, connectionB);
 * await scope.join();
 * ```
 */
export class Scope implements AsyncDisposable {
  /** Set by `join()`: the scope may end once its tasks have. Null for {@link withScope}'s scope. */
  private readonly opened: Event | null;
  private readonly holder: Task<void>;

  /**
   * @param options - where the scope lives.
   * @param holder - internal: wrap an existing task (withScope) instead of starting one.
   */
  constructor(options: ScopeOptions = {}, holder?: Task<void>) {
    if (holder !== undefined) {
      this.opened = null;
      this.holder = holder;
      return;
    }
    const opened = (this.opened = new Event());
    const body = function* (): Generator<unknown, void, any> {
      yield* opened.wait();
      yield* drained(currentTask()!);
    };
    const parent = currentTask();
    const scheduler = options.scheduler ?? parent?.scheduler ?? defaultScheduler();
    const owner = parent !== undefined && parent.scheduler === scheduler ? parent : scheduler;
    this.holder = createTask(scheduler, owner, body as () => Operation<void>, [], options.name ?? 'scope') as Task<void>;
  }

  /** The live tasks of the scope, in spawn order. */
  get tasks(): Task<any>[] {
    return this.holder.children;
  }

  /** The scope's state: `suspended` while it has tasks, then `done`, `failed` or `cancelled`. */
  get state(): Task<void>['state'] {
    return this.holder.state;
  }

  /**
   * Spawn a task owned by the scope; every argument after `fn` goes to `fn`.
   *
   * @typeParam T - the task's result.
   * @typeParam A - `fn`'s parameters.
   */
  spawn<T, A extends unknown[]>(fn: (...args: A) => Coroutine<T>, ...args: NoInfer<A>): Task<T>;
  spawn(fn: (...args: unknown[]) => Coroutine<unknown>): Task<unknown> {
    this.checkOpen('spawn');
    // eslint-disable-next-line prefer-rest-params -- `arguments` spares an array per spawn without arguments
    return createTask(this.holder.scheduler, this.holder, fn, restArgs(arguments, 1));
  }

  /**
   * Spawn a task owned by the scope, with options: `scope.spawnWith({ name, signal }, fn, ...args)`.
   *
   * @typeParam T - the task's result.
   * @typeParam A - `fn`'s parameters.
   */
  spawnWith<T, A extends unknown[]>(options: SpawnOptions, fn: (...args: A) => Coroutine<T>, ...args: NoInfer<A>): Task<T>;
  spawnWith(options: SpawnOptions, fn: (...args: unknown[]) => Coroutine<unknown>): Task<unknown> {
    const { name, signal } = checkSpawnOptions('Scope.spawnWith', options);
    this.checkOpen('spawnWith');
    // eslint-disable-next-line prefer-rest-params -- `arguments` spares an array per spawn without arguments
    return createTask(this.holder.scheduler, this.holder, fn, restArgs(arguments, 2), name, signal);
  }

  private checkOpen(method: string): void {
    if (this.holder.st >= COMPLETING) throw new RangeError(`Scope.${method}: the scope "${this.holder.name}" has ended`);
  }

  /** Wait until every task of the scope has ended (no new spawns after that). Throws a task's failure. */
  join(): AwaitableOperation<void> {
    this.opened?.set();
    const holder = this.holder;
    const join = operation(function* () {
      yield* holder;
    }, 'scope.join()');
    // Awaited, wait for the holder where it runs (perhaps not on the default scheduler).
    return Object.assign(join, { then: holder.then.bind(holder) as AwaitableOperation<void>['then'] });
  }

  /** `join()` from ordinary code. */
  then<R1 = void, R2 = never>(onfulfilled?: ((value: void) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    this.opened?.set();
    return this.holder.then(onfulfilled, onrejected);
  }

  /** Cancel every task of the scope (their `finally` blocks run). */
  cancel(reason?: unknown): void {
    this.holder.cancel(reason);
  }

  /** Cancel every task and wait for them to end. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.cancel();
    try {
      await this.holder;
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
    }
  }
}

/**
 * Run `body` with a {@link Scope}; return its result once every task spawned into the scope has
 * ended. A failure of the body or of any task cancels the rest and is thrown here.
 *
 * @example
 * ```ts
 * const pages = yield* withScope(function* (scope) {
 *   const a = scope.spawn(fetchPage, 1);
 *   const b = scope.spawn(fetchPage, 2);
 *   return [yield* a, yield* b];
 * });
 * ```
 *
 * @typeParam T - `body`'s result.
 */
export function withScope<T>(body: (scope: Scope) => Operation<T>): AwaitableOperation<T> {
  if (typeof body !== 'function') throw new TypeError(`withScope: body must be a generator function, got ${typeof body}`);
  return operation(function* () {
    return yield* spawn(function* scope() {
      const self = currentTask()!;
      const result = yield* body(new Scope({}, self as Task<void>));
      yield* drained(self);
      return result;
    });
  }, 'withScope(…)');
}
