/*
 * all, race and timeout, each running in the calling task. `timeout` drives its operation right
 * there and throws a Timeout into it where it waits (timed.ts); `all` and `race` park the caller
 * on every operation at once, single waits in place and others in child tasks (joined.ts). So a
 * value an operation was handed reaches the caller through one Wake, and the rule of hand-off.ts
 * holds end to end: the completion wins; what a cancelled caller was handed goes back.
 */
import type { AwaitableOperation } from './awaitable.js';
import { claim } from './dropped-operation.js';
import { checkDuration } from './duration.js';
import { Joined } from './joined.js';
import type { Operation } from './operation.js';
import { operation } from './operation-factory.js';
import { Timed } from './timed.js';

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
 * Run operations concurrently and return all results in order. A single wait (a receive, an
 * acquire, a sleep) waits in place; any other operation runs in a child task. The first failure
 * cancels the others and is thrown. If `all` fails or is cancelled after some waits finished,
 * what they were handed (a channel message, a semaphore permit) goes back.
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
    return (yield* new Joined(list, false)) as Results<T>;
  }, 'all([…])');
}

/**
 * Run operations concurrently and return the first to finish (or throw the first to fail); the
 * others are cancelled at that moment. Single waits (receive, send, acquire, sleep, …) race in
 * place, like Go's `select`: exactly one of them completes, so a race never takes two messages,
 * nor sends and also reports that the other operation won.
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
    return (yield* new Joined(list, true)) as T;
  }, 'race([…])');
}

/**
 * Run `op`, but throw {@link Timeout} if it has not finished within `ms` milliseconds (on the
 * coroutine's clock); `op` is then cancelled where it waits and its `finally` blocks run first.
 * `op` runs in the calling task. The completion wins: if `op` was handed its value (a message,
 * a permit) by the time the timer fires, `timeout` returns it. A timer that fires while the
 * task is being cancelled is ignored, so a cancelled task never fails with `Timeout`.
 * `timeout(Infinity, op)` sets no timer.
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
  checkDuration('timeout', 'ms', ms, true);
  checkOperations('timeout', [op]);
  return operation<T>(() => new Timed(ms, op), `timeout(${ms}, …)`);
}
