/*
 * `await sleep(100)` from ordinary code: core's built-in operations are thenables. Awaiting one
 * runs it as a root task on the default scheduler (as gevent's blocking calls run in its main
 * greenlet), so the one rule "`yield*` inside a coroutine, `await` outside" holds in every
 * package. `then` lives on the operations' prototypes and the promise is made on the first
 * `then`, so an operation that is only ever `yield*`-ed costs nothing more.
 */
import { defaultScheduler } from './default-scheduler.js';
import { describeInstruction } from './describe.js';
import { claim } from './dropped-operation.js';
import type { Operation } from './operation.js';
import { createTask } from './spawn.js';

/**
 * An {@link Operation} that can also be awaited from ordinary code: `yield*` it inside a
 * coroutine, `await` it outside (it then runs as a root task on the default scheduler). Every
 * built-in operation of core is one — `sleep`, `wait`, `suspend`, `all`, `race`, `timeout`,
 * channel, semaphore, mutex and event waits — and so is anything made with `operation()` or
 * `action()`. Like an async function's result, it starts when it is awaited. The
 * `coro/no-dropped-operation` lint rule reports one dropped without `await` in ordinary code, as
 * it reports one dropped without `yield*` inside a coroutine.
 *
 * @example
 * ```ts
 * import { sleep, type AwaitableOperation } from '@coro/core';
 *
 * const pause: AwaitableOperation<void> = sleep(100);
 * await pause; // from ordinary code: waits 100 ms
 * ```
 *
 * @typeParam T - what `yield*` and `await` evaluate to.
 */
export interface AwaitableOperation<T> extends Operation<T>, PromiseLike<T> {}

// An operation awaited twice runs once, as a promise would: the run is remembered per operation.
let runs: WeakMap<object, Promise<unknown>> | undefined; // made on first await: nothing runs at import

/**
 * The `then` of core's operations: run `op` as a root task of the default scheduler (once,
 * however often it is awaited) and settle with its outcome.
 *
 * @internal
 */
export function runWhenAwaited<T, R1, R2>(
  op: Operation<T>,
  onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
  onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
): Promise<R1 | R2> {
  runs ??= new WeakMap();
  let promise = runs.get(op) as Promise<T> | undefined;
  if (promise === undefined) {
    claim(op);
    const scheduler = defaultScheduler();
    const task = createTask(scheduler, scheduler, () => op, [], describeInstruction(op));
    promise = task.promise() as Promise<T>;
    runs.set(op, promise);
  }
  return promise.then(onfulfilled, onrejected);
}
