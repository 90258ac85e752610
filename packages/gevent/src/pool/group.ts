import type { Instruction, Operation, TaskResult } from '@coro/core';
import { Greenlet } from '../greenlet/greenlet.js';
import { type Blocking, blocking } from '../hub/operation.js';
import type { Timeout } from '../timeout.js';
import { GreenletSet } from './greenlet-set.js';

export { GreenletSet, type GroupJoinOptions } from './greenlet-set.js';

const roomOp = /* @__PURE__ */ blocking('room', function* (): Generator<Instruction, number, unknown> {
  return 1;
});

const spawnNowOp = function* spawnNow(group: Group, fn: (...args: any[]) => unknown, args: unknown[]): Operation<Greenlet<unknown>> {
  return group.spawn(fn, ...args);
};

/**
 * A set of greenlets that tracks its members until they finish: join them all, kill them all,
 * map over inputs. Spawning into a Group never blocks (see {@link Pool} for a bounded one).
 *
 * @example
 * ```ts
 * import { Group, sleep } from '@coro/gevent';
 * const group = new Group();
 * group.spawn(function* () { yield* sleep(10); });
 * group.spawn(function* () { yield* sleep(20); });
 * await group.join();
 * ```
 */
export class Group extends GreenletSet {
  /**
   * Track `g` (add it before starting it).
   *
   * @example
   * ```ts
   * group.add(new Greenlet(work));
   * ```
   */
  add(g: Greenlet<unknown>): void {
    this.track(g);
  }

  /**
   * Track `g` and start it.
   *
   * @example
   * ```ts
   * group.start(new Greenlet(work));
   * ```
   */
  start(g: Greenlet<unknown>): void {
    this.track(g);
    g.start();
  }

  /**
   * Spawn `fn(...args)` as a member.
   *
   * @typeParam F - the function's type.
   * @example
   * ```ts
   * const g = group.spawn((x: number) => x * 2, 21);
   * ```
   */
  spawn<F extends (...args: any[]) => unknown>(fn: F, ...args: Parameters<F>): Greenlet<TaskResult<F>> {
    if (typeof fn !== 'function') throw new TypeError('Group.spawn: fn must be a function');
    const g = new Greenlet<TaskResult<F>>(fn, ...args);
    this.start(g as Greenlet<unknown>);
    return g;
  }

  /** Always false: a Group has no size limit. */
  full(): boolean {
    return false;
  }

  /** Always 1, like an unlimited {@link Pool}: there is always room. */
  freeCount(): number {
    return 1;
  }

  /**
   * Returns at once with {@link Group.freeCount} (a Group never waits for room).
   *
   * @example
   * ```ts
   * yield* group.waitAvailable(); // 1
   * ```
   */
  waitAvailable(_timeout?: number | Timeout): Blocking<number> {
    return roomOp();
  }

  protected spawnMember(fn: (...args: any[]) => unknown, args: unknown[]): Operation<Greenlet<unknown>> {
    return spawnNowOp(this, fn, args);
  }

  protected spawnNow(fn: (...args: any[]) => unknown, args: unknown[]): Greenlet<unknown> {
    return this.spawn(fn, ...args);
  }

  /** Waits for every member: `await using group = new Group()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.join();
  }
}
