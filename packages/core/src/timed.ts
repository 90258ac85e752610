/*
 * timeout(ms, op) runs `op` in the calling task, through this iterator (the task's `yield*`
 * delegates to it, and it to `op`). When the timer fires:
 *
 * - the task waits inside `op`: the wait is interrupted (its teardown runs, its `host.signal`
 *   aborts) and a Timeout is thrown at this iterator, which cancels `op` with `return()` — its
 *   `finally` blocks run — and then throws the Timeout on to the caller;
 * - the task is ready (it was handed its value) or running: the completion wins; if `op` finishes
 *   with that value, timeout() returns it, and if `op` waits again, it is cut short there;
 * - the task is being cancelled: the timer is ignored. An interrupt already thrown but not yet
 *   delivered is dropped by the cancel (hand-off.ts), so a cancelled task never fails with Timeout.
 *
 * Running in the caller's task (as gevent's Timeout and trio's fail_after do) means the value a
 * wait was handed reaches the caller through one Wake, with nothing in between to lose it.
 */
import type { TimerHandle } from './clock.js';
import { Timeout } from './errors.js';
import { retractable } from './hand-off.js';
import type { Instruction, Operation } from './operation.js';
import { currentTask } from './scheduler.js';
import { SchedulerError } from './errors.js';
import type { Task } from './task.js';
import { interruptTask } from './wake.js';

const RUNNING = 0; // op runs; the timer is armed
const CUTTING = 1; // the timer fired: op is being cancelled, then Timeout is thrown
const CLOSED = 2; // op finished, or was cancelled from outside

const NEXT = 0;
const THROW = 1;
const RETURN = 2;

/** The iterator behind `yield* timeout(ms, op)`. @internal */
export class Timed<T> implements Iterator<Instruction, T, any> {
  private inner: Iterator<Instruction, T, any> | null = null;
  private task: Task<any> | null = null;
  private timer: TimerHandle | null = null;
  private mode = RUNNING;
  private expired = false;
  private interrupt: Timeout | null = null;
  private cancelledAtStart = false;

  constructor(
    private readonly ms: number,
    private readonly op: Operation<T>,
  ) {}

  next(value?: unknown): IteratorResult<Instruction, T> {
    if (this.inner === null) return this.start();
    return this.check(this.guard(NEXT, value));
  }

  throw(error: unknown): IteratorResult<Instruction, T> {
    if (error === this.interrupt && error !== null) {
      this.interrupt = null;
      return this.cut();
    }
    const inner = this.inner;
    if (inner === null) throw error;
    if (inner.throw === undefined) {
      this.close(undefined);
      throw error;
    }
    return this.check(this.guard(THROW, error));
  }

  return(value?: unknown): IteratorResult<Instruction, T> {
    return this.close(value);
  }

  private start(): IteratorResult<Instruction, T> {
    const task = currentTask();
    if (task === undefined) throw new SchedulerError('timeout() runs inside a task: yield* it in a coroutine, or await it from ordinary code');
    this.task = task;
    this.cancelledAtStart = task.extra?.cancelRequested === true; // a timeout inside cleanup still works
    this.inner = this.op[Symbol.iterator]();
    if (this.ms !== Infinity) this.timer = task.scheduler.clock.setTimer(this.ms, this.fire);
    return this.check(this.guard(NEXT, undefined));
  }

  private readonly fire = (): void => {
    this.timer = null;
    if (this.mode !== RUNNING || this.beingCancelled()) return;
    this.expired = true;
    const error = new Timeout(this.ms);
    retractable(error);
    if (interruptTask(this.task!, error)) this.interrupt = error;
  };

  // Cancel op where it stands; Timeout follows once its finally blocks are done.
  private cut(): IteratorResult<Instruction, T> {
    this.mode = CUTTING;
    const inner = this.inner!;
    if (inner.return === undefined) return this.check({ done: true, value: undefined as T });
    return this.check(this.guard(RETURN, undefined));
  }

  private check(result: IteratorResult<Instruction, T>): IteratorResult<Instruction, T> {
    if (result.done === true) {
      this.disarm();
      const cut = this.mode === CUTTING;
      this.mode = CLOSED;
      if (!cut) return result; // finished: the completion wins, even past the deadline
      // A cancel arrived while op was being cut: yield once so that it lands here instead.
      if (this.beingCancelled()) return { done: false, value: undefined };
      throw new Timeout(this.ms);
    }
    if (this.mode === RUNNING && this.expired && !this.beingCancelled()) return this.cut();
    return result;
  }

  private close(value: unknown): IteratorResult<Instruction, T> {
    this.mode = CLOSED;
    this.disarm();
    const inner = this.inner;
    if (inner === null || inner.return === undefined) return { done: true, value: value as T };
    return inner.return(value as T);
  }

  // Call into op; if it throws, the timer goes with it.
  private guard(how: typeof NEXT | typeof THROW | typeof RETURN, value: unknown): IteratorResult<Instruction, T> {
    const inner = this.inner!;
    try {
      return how === NEXT ? inner.next(value) : how === THROW ? inner.throw!(value) : inner.return!(value as T);
    } catch (error) {
      this.mode = CLOSED;
      this.disarm();
      throw error;
    }
  }

  private beingCancelled(): boolean {
    const x = this.task!.extra;
    return x !== null && x.cancelRequested && !this.cancelledAtStart;
  }

  private disarm(): void {
    if (this.timer === null) return;
    this.task!.scheduler.clock.clearTimer(this.timer);
    this.timer = null;
  }
}
