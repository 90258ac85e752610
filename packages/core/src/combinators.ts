import type { AwaitableOperation } from './awaitable.js';
import { claim } from './dropped-operation.js';
import { Timeout } from './errors.js';
import type { Operation } from './operation.js';
import { operation } from './operation-factory.js';
import { sleep } from './sleep.js';
import { spawn } from './spawn.js';
import { action } from './suspend-operation.js';
import type { Task } from './task.js';
import { checkDuration } from './duration.js';

/**
 * The results of a tuple or array of operations, element by element.
 *
 * @example
 * ```ts
 * type R = Results<[Operation<number>, Operation<string>]>; // [number, string]
 * ```
 *
 * @typeParam T - the operations.
 */
export type Results<T extends readonly Operation<unknown>[]> = { -readonly [K in keyof T]: T[K] extends Operation<infer R> ? R : never };

function checkOperations(where: string, ops: unknown): readonly Operation<unknown>[] {
  if (!Array.isArray(ops)) throw new TypeError(`${where}: ops must be an array of Operations, got ${typeof ops}`);
  ops.forEach((op: unknown, i) => {
    if (op === null || typeof op !== 'object' || typeof (op as Partial<Operation<unknown>>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`${where}: ops[${i}] is not an Operation (something to yield*), got ${op === null ? 'null' : typeof op}`);
    }
    claim(op);
  });
  return ops as readonly Operation<unknown>[];
}

/**
 * Run operations concurrently (each in a child task) and return all results in order. The
 * first failure cancels the others and is thrown.
 *
 * @example
 * ```ts
 * const [a, b] = yield* all([fetchUser(1), fetchUser(2)]);
 * ```
 *
 * @typeParam T - the operations.
 */
export function all<T extends readonly Operation<unknown>[]>(ops: T): AwaitableOperation<Results<T>> {
  const list = checkOperations('all', ops);
  return operation(function* () {
    return (yield* spawn(function* all() {
      const tasks = list.map((op) => spawn(() => op));
      const results: unknown[] = [];
      for (const task of tasks) results.push(yield* task);
      return results;
    })) as Results<T>;
  }, 'all([…])');
}

/**
 * Run operations concurrently and return the first to finish (or throw the first to fail);
 * the others are cancelled.
 *
 * @example
 * ```ts
 * const winner = yield* race([fetchFrom(mirrorA), fetchFrom(mirrorB)]);
 * ```
 *
 * @typeParam T - the operations' result.
 */
export function race<T>(ops: readonly Operation<T>[]): AwaitableOperation<T> {
  const list = checkOperations('race', ops) as readonly Operation<T>[];
  if (list.length === 0) throw new RangeError('race: ops must not be empty (a race of nothing would never end)');
  return operation(function* () {
    return yield* spawn(function* race() {
      const tasks = list.map((op) => spawn(() => op));
      return yield* firstOf(tasks);
    });
  }, 'race([…])');
}

function firstOf<T>(tasks: Task<T>[]): Operation<T> {
  return action<T>((resume, host) => {
    const teardowns = tasks.map((task) => task.enter(resume, host));
    return () => {
      for (const teardown of teardowns) teardown?.();
    };
  }, 'the first of a race');
}

/**
 * Run `op`, but throw {@link Timeout} if it has not finished within `ms` milliseconds (on the
 * coroutine's clock); `op` is then cancelled and its `finally` blocks run first.
 *
 * @example
 * ```ts
 * try {
 *   yield* timeout(1000, channel.receive());
 * } catch (e) {
 *   if (!(e instanceof Timeout)) throw e;
 * }
 * ```
 *
 * @typeParam T - `op`'s result.
 */
export function timeout<T>(ms: number, op: Operation<T>): AwaitableOperation<T> {
  checkDuration('timeout', 'ms', ms);
  checkOperations('timeout', [op]);
  return operation(function* () {
    return yield* spawn(function* timeout() {
      spawn(function* timer() {
        yield* sleep(ms);
        throw new Timeout(ms);
      });
      return yield* op;
    });
  }, `timeout(${ms}, …)`);
}
