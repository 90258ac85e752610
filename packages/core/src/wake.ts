import type { Clock } from './clock.js';
import type { Host, Resume, Suspend, Teardown } from './operation.js';
import type { Task } from './task.js';
import { SUSPENDED } from './task-state.js';
import { HandOffTarget } from './hand-off.js';

const signals = new WeakMap<Wake, AbortController>();

/**
 * One parking of one task: the {@link Resume} and the {@link Host} handed to a Suspend's `enter`.
 * Only the first resolve/reject/cancel takes effect, so a late timer or promise cannot resume a
 * later step. The abort controller behind `signal` is made only when someone reads it.
 *
 * @internal
 */
export class Wake<T = unknown> extends HandOffTarget implements Resume<T>, Host {
  /** What the task waits on; null once resumed or cancelled. */
  instruction: Suspend<T> | null;
  teardown: Teardown | void = undefined;

  constructor(
    readonly task: Task<any>,
    instruction: Suspend<T>,
  ) {
    super();
    this.instruction = instruction;
  }

  get clock(): Clock {
    return this.task.scheduler.clock;
  }

  get signal(): AbortSignal {
    let controller = signals.get(this);
    if (controller === undefined) {
      controller = new AbortController();
      signals.set(this, controller);
    }
    return controller.signal;
  }

  get active(): boolean {
    return this.instruction !== null;
  }

  resolve(value: T): void {
    if (this.instruction === null) return;
    this.instruction = null;
    this.task.resumeFromWake(false, value);
    this.runTeardown();
  }

  reject(error: unknown): void {
    if (this.instruction === null) return;
    this.instruction = null;
    this.task.resumeFromWake(true, error);
    this.runTeardown();
  }

  /** The task is cancelled while parked here: undo the arrangement and abort `signal`. */
  cancel(reason: unknown): void {
    if (this.instruction === null) return;
    this.instruction = null;
    signals.get(this)?.abort(reason);
    this.runTeardown();
  }

  /**
   * Cut the wait short by throwing `error` at it (a timeout): undo the arrangement, abort
   * `signal` with `error` (so a `fetch` given it stops too), and resume the task with the throw.
   */
  interrupt(error: unknown): void {
    if (this.instruction === null) return;
    this.instruction = null;
    signals.get(this)?.abort(error);
    this.task.resumeFromWake(true, error);
    this.runTeardown();
  }

  /** Run the teardown once; a throwing teardown is thrown into the task instead of lost. */
  runTeardown(): void {
    const teardown = this.teardown;
    if (teardown === undefined) return;
    this.teardown = undefined;
    try {
      teardown();
    } catch (error) {
      this.task.resumeFromWake(true, error);
    }
  }
}

/**
 * Throw `error` into `task` where it waits, if it is parked (on a Wake, or in `suspend()`):
 * true if it was. A task that is ready or running is left alone — what it was handed wins.
 *
 * @internal
 */
export function interruptTask(task: Task<any>, error: unknown): boolean {
  if (task.st !== SUSPENDED) return false;
  const wake = task.value;
  if (wake instanceof Wake) wake.interrupt(error);
  else task.resumeFromWake(true, error); // parked in suspend(): nothing to undo
  return true;
}
