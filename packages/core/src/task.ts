import { Cancelled, SchedulerError } from './errors.js';
import type { Host, Instruction, Resume, Suspend, Teardown } from './operation.js';
import type { Scheduler } from './scheduler.js';
import { annotateFailure } from './spawn-stack.js';
import { TaskExtra } from './task-extra.js';
import {
  CANCELLED,
  COMPLETING,
  CREATED,
  DONE,
  FAILED,
  READY_NEXT,
  READY_RETURN,
  READY_THROW,
  READY_YIELD,
  SUSPENDED,
  stateName,
  type TaskState,
} from './task-state.js';
import { describeInstruction } from './describe.js';
import { Wake } from './wake.js';
import { canRetract, retract } from './hand-off.js';
import { unlink, type Owner } from './task-tree.js';
import { inspectWith } from './inspect-hook.js';

// The task's whole life (start, wait, cancel, finish, settle) is one state machine; it stays in one
// file so that it can be read in one go.

// Outside the class body on purpose: a class that names itself in its body is renamed `_Task` by the build,
// and Task.name would say so (the pack check asserts the names).
function isTask(value: unknown): value is Task<unknown> {
  return value instanceof Task;
}

/**
 * A coroutine running on a {@link Scheduler}. Await it from ordinary code, `yield*` it inside a
 * coroutine to join it, `cancel()` it. Tasks are structured: a task's children are cancelled
 * when it ends, and a child's failure that nobody joins fails its parent.
 *
 * @example
 * ```ts
 * import { run, spawn, sleep } from '@coro/core';
 *
 * const total = await run(function* () {
 *   const child = spawn(function* work() { yield* sleep(10); return 21; });
 *   return 2 * (yield* child); // join
 * });
 * // total === 42
 * ```
 *
 * @typeParam T - the task's result.
 */
export class Task<T = unknown> implements Suspend<T>, PromiseLike<T> {
  /** The generator; the generator function until the first step; null once ended. @internal */
  gen: Iterator<Instruction, T, unknown> | ((...args: unknown[]) => unknown) | null;
  /** Internal state (see task-state.ts). @internal */ st: number = CREATED;
  /** The value to resume with; while suspended the Wake (or the instruction, for `suspend()`); the result or error once ended. @internal */
  value: unknown = undefined;
  /** @internal */ firstChild: Task<any> | null = null;
  /** @internal */ prevSibling: Task<any> | null = null;
  /** @internal */ nextSibling: Task<any> | null = null;
  /** @internal */ extra: TaskExtra | null = null;
  // The name given, or the function whose name it is: reading `fn.name` costs more than the rest of a spawn.
  private readonly label: string | ((...args: unknown[]) => unknown);

  /** @internal */
  constructor(
    /** @internal */ readonly owner: Owner,
    gen: Iterator<Instruction, T, unknown> | ((...args: unknown[]) => unknown),
    label: string | ((...args: unknown[]) => unknown),
  ) {
    this.gen = gen;
    this.label = label;
    const first = owner.firstChild;
    if (first !== null) {
      first.prevSibling = this;
      this.nextSibling = first;
    }
    owner.firstChild = this;
  }

  /** A name for logs and errors: the generator function's name unless given. */
  get name(): string {
    const label = this.label;
    return typeof label === 'string' ? label : label.name || 'anonymous';
  }

  /** The scheduler running this task (found through its owners, to keep tasks small). */
  get scheduler(): Scheduler {
    const owner = this.owner;
    return isTask(owner) ? owner.scheduler : (owner as Scheduler);
  }

  /** `pending`, `running`, `suspended`, `done`, `failed` or `cancelled`. */
  get state(): TaskState {
    return stateName(this.st);
  }

  /** The return value once `done`, else `undefined`. */
  get result(): T | undefined {
    return this.st === DONE ? (this.value as T) : undefined;
  }

  /** The error once `failed`, the {@link Cancelled} error once `cancelled`, else `undefined`. */
  get error(): unknown {
    return this.st === FAILED || this.st === CANCELLED ? this.value : undefined;
  }

  /** The task that spawned this one; `undefined` for roots and scope members' holders. */
  get parent(): Task<any> | undefined {
    return isTask(this.owner) ? this.owner : undefined;
  }

  /** Live children, in spawn order. */
  get children(): Task<any>[] {
    const list: Task<any>[] = [];
    for (let c = this.firstChild; c !== null; c = c.nextSibling) list.push(c);
    return list.reverse();
  }

  /** What the task waits on, for logs: `sleep(100)`, `join work2`, `channel.receive()`, … */
  get waitingOn(): string | undefined {
    if (this.st === SUSPENDED) {
      const instruction = this.value instanceof Wake ? this.value.instruction : this.value;
      return isTask(instruction) ? `join ${instruction.name}` : describeInstruction(instruction);
    }
    if (this.st === COMPLETING) return 'its children to end';
    return undefined;
  }

  /**
   * Aborted when the task is cancelled and when it ends, whichever comes first: hand it to
   * `fetch` and friends. (Inside a Suspend, prefer `host.signal`, which aborts only if the
   * task is cancelled while parked there — so it also works inside `finally` cleanup.)
   */
  get signal(): AbortSignal {
    const x = this.ext();
    if (x.controller === null) {
      x.controller = new AbortController();
      if (x.cancelRequested || this.st >= DONE) x.controller.abort(this.cancelError());
    }
    return x.controller.signal;
  }

  /**
   * Cancel the task: it is resumed with `return()` at the point where it waits, so its
   * `finally` blocks run (and may `yield*`). Idempotent: a second cancel, even while cleanup
   * waits, changes nothing. A task already resumed with a value gets it, and the cancel at its
   * next `yield`.
   */
  cancel(reason?: unknown): void {
    if (this.st >= COMPLETING) return;
    const x = this.ext();
    if (x.cancelRequested) return;
    x.cancelRequested = true;
    x.cancelReason = reason;
    x.controller?.abort(this.cancelError());
    const st = this.st;
    if (st === CREATED || st === READY_YIELD) {
      this.st = READY_RETURN; // already queued
    } else if (st === SUSPENDED) {
      const wake = this.value;
      this.st = READY_RETURN;
      this.value = undefined;
      this.scheduler.enqueue(this);
      if (wake instanceof Wake) wake.cancel(this.cancelError());
    } else if ((st === READY_NEXT || st === READY_THROW) && canRetract(this.value)) {
      const pending = this.value; // an item or permit handed over, or a timeout's interrupt (hand-off.ts)
      this.st = READY_RETURN; // already queued
      this.value = undefined;
      retract(pending);
    } else {
      x.cancelPending = true; // RUNNING, READY_NEXT, READY_THROW
    }
  }

  /** Join: `const result = yield* task`. Throws the task's error, or {@link Cancelled}. */
  *[Symbol.iterator](): Generator<Instruction, T, any> {
    if (this.st >= DONE) return this.outcome();
    return (yield this) as T;
  }

  /** The {@link Suspend} behind joining; `yield* task` uses it. */
  enter(resume: Resume<T>, host: Host): Teardown | void {
    if (host instanceof Wake) this.checkJoiner(host.task);
    if (this.st >= DONE) {
      if (this.st === DONE) resume.resolve(this.value as T);
      else resume.reject(this.value);
      return;
    }
    const x = this.ext();
    (x.joiners ??= []).push(resume);
    return () => {
      const joiners = x.joiners;
      const i = joiners === null ? -1 : joiners.indexOf(resume);
      if (i >= 0) joiners!.splice(i, 1);
    };
  }

  /** Await from ordinary code. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.promise().then(onfulfilled, onrejected);
  }

  /** `Task(work1, suspended on sleep(100))`. */
  toString(): string {
    const waiting = this.waitingOn;
    return `Task(${this.name}, ${this.state}${waiting === undefined ? '' : ` on ${waiting}`})`;
  }

  // How Node's `util.inspect` and `console.log` print a task: as toString() does (see inspect-hook.ts for why not a method).
  // eslint-disable-next-line no-unused-private-class-members -- it runs for its effect when the class is defined
  static #inspect = /* @__PURE__ */ inspectWith(this, function (this: Task) {
    return this.toString();
  });

  /** @internal */
  ext(): TaskExtra {
    return (this.extra ??= new TaskExtra());
  }

  /** A parked wait completed (or its teardown threw). @internal */
  resumeFromWake(isError: boolean, value: unknown): void {
    const st = this.st;
    if (st === SUSPENDED) {
      this.st = isError ? READY_THROW : READY_NEXT;
      this.value = value;
      this.scheduler.enqueue(this);
    } else if (isError && (st === READY_NEXT || st === READY_THROW)) {
      if (canRetract(this.value)) retract(this.value); // what was handed over goes back
      this.st = READY_THROW; // a teardown threw after the resume: that error wins
      this.value = value;
    } else if (isError) {
      this.scheduler.reportUncaught(value); // a teardown threw while cancelling
    }
  }

  /** The generator finished with `outcome`. @internal */
  finishGenerator(outcome: number, value: unknown): void {
    const x = this.extra;
    if (x !== null && x.crashed) {
      outcome = FAILED;
      value = x.crashError;
    }
    this.gen = null;
    if (this.firstChild === null) return this.settle(outcome, value);
    const ext = this.ext();
    this.st = COMPLETING;
    ext.pendingOutcome = outcome;
    ext.pendingValue = value;
    const reason = new Cancelled(`the parent task "${this.name}" ended`);
    for (let c: Task<any> | null = this.firstChild; c !== null; c = c.nextSibling) c.cancel(reason);
  }

  /** A child nobody joined failed: fail this task with its error. @internal */
  adoptFailure(_child: Task<any>, error: unknown): void {
    const x = this.ext();
    if (this.st === COMPLETING) {
      if (x.pendingOutcome !== FAILED) {
        x.pendingOutcome = FAILED;
        x.pendingValue = error;
      }
      return;
    }
    if (!x.crashed) {
      x.crashed = true;
      x.crashError = error;
    }
    this.cancel(error);
  }

  /** @internal */
  childEnded(child: Task<any>): void {
    unlink(this, child);
    if (this.firstChild !== null) return;
    const x = this.extra;
    if (x === null) return;
    if (x.drainWaiter !== null) {
      const waiter = x.drainWaiter;
      x.drainWaiter = null;
      waiter.resolve();
    }
    if (this.st === COMPLETING) this.settle(x.pendingOutcome, x.pendingValue);
  }

  private settle(outcome: number, value: unknown): void {
    if (outcome === CANCELLED) value = this.cancelError();
    else if (outcome === FAILED) annotateFailure(value, this);
    this.st = outcome;
    this.value = value;
    this.scheduler.taskEnded(this, outcome);
    let observed = false;
    const x = this.extra;
    if (x !== null) {
      if (x.controller !== null && !x.controller.signal.aborted) x.controller.abort(this.cancelError());
      const joiners = x.joiners;
      x.joiners = null;
      if (joiners !== null) {
        for (const joiner of joiners) {
          if (!(joiner instanceof Wake) || joiner.active) observed = true;
          if (outcome === DONE) joiner.resolve(value);
          else joiner.reject(value);
        }
      }
      if (x.promise !== null) {
        observed = true;
        if (outcome === DONE) x.resolvePromise?.(value);
        else x.rejectPromise?.(value);
        x.resolvePromise = x.rejectPromise = null;
      }
    }
    if (outcome === FAILED && !observed) this.owner.adoptFailure(this, value);
    this.owner.childEnded(this);
  }

  private outcome(): T {
    if (this.st === DONE) return this.value as T;
    throw this.value;
  }

  /** The promise behind `then`, made on first use. @internal */
  promise(): Promise<T> {
    const x = this.ext();
    if (x.promise === null) {
      if (this.st === DONE) x.promise = Promise.resolve(this.value);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a task's failure is whatever it threw
      else if (this.st >= DONE) x.promise = Promise.reject(this.value);
      else
        x.promise = new Promise<T>((resolve, reject) => {
          x.resolvePromise = resolve;
          x.rejectPromise = reject;
        });
    }
    return x.promise as Promise<T>;
  }

  private cancelError(): Cancelled {
    if (this.st === CANCELLED) return this.value as Cancelled;
    const reason = this.extra?.cancelReason;
    return new Cancelled(`the task "${this.name}" was cancelled`, reason === undefined ? undefined : { cause: reason });
  }

  private checkJoiner(joiner: Task<any>): void {
    if (joiner.scheduler !== this.scheduler) {
      throw new SchedulerError(`task "${joiner.name}" cannot join task "${this.name}" of another scheduler: spawn both on one scheduler, or await the task from ordinary code`);
    }
    for (let t: Task<any> | undefined = joiner; t !== undefined; t = t.parent) {
      if (t === this) {
        throw new SchedulerError(`task "${joiner.name}" cannot join ${t === joiner ? 'itself' : `its ancestor "${this.name}"`}: a task only ends after its children, so this would wait forever`);
      }
    }
  }
}
