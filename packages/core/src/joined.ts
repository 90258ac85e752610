/*
 * The waiting half of all() and race(): one child task per operation (an Arm), and one Suspend
 * that parks the caller on all of them at once. It settles the caller's Wake exactly once —
 * every result, the first result, or the first failure — and in the same moment cancels the
 * arms still running, so a loser that was handed a message or a permit but had not taken it
 * gives it back at once (hand-off.ts). A value the finished arms took (an arm whose operation
 * is a single wait, like `channel.receive()`) travels to the caller inside a HandOff, so it goes
 * back too if all() or race() fails, or if the caller is cancelled before it resumes.
 */
import { HandOff } from './hand-off.js';
import type { Host, Instruction, Operation, Resume, Teardown } from './operation.js';
import { spawn } from './spawn.js';
import { SuspendOperation } from './suspend-operation.js';
import type { Task } from './task.js';

/**
 * One operation of an all() or race(), run by its own child task. When the operation is a single
 * wait, the Arm is the task's iterator and remembers the HandOff it finished with.
 *
 * @internal
 */
export class Arm<T = unknown> implements Iterator<Instruction, T, any> {
  /** What the operation finished with, while it can still be given back. */
  handOff: HandOff | null = null;
  readonly task: Task<T>;
  private readonly iterator: Iterator<Instruction, T, any> | null = null;

  constructor(op: Operation<T>) {
    if (op instanceof SuspendOperation) {
      this.iterator = (op as SuspendOperation<T>)[Symbol.iterator]();
      this.task = spawn(armOf, this) as Task<T>;
    } else {
      this.task = spawn(opOf, op) as Task<T>;
    }
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(value?: unknown): IteratorResult<Instruction, T> {
    const result = this.iterator!.next(value);
    if (result.done === true && value instanceof HandOff) this.handOff = value;
    return result;
  }

  throw(error: unknown): IteratorResult<Instruction, T> {
    return this.iterator!.throw!(error);
  }

  return(value?: unknown): IteratorResult<Instruction, T> {
    return this.iterator!.return!(value as T);
  }

  /** The caller will not get this arm's value: give back what the arm took. */
  giveBack(): void {
    const handOff = this.handOff;
    this.handOff = null;
    handOff?.giveBack();
  }
}

function armOf<T>(arm: Arm<T>): Arm<T> {
  return arm;
}

function opOf<T>(op: Operation<T>): Operation<T> {
  return op;
}

/** Start one child task per operation. @internal */
export function startArm(op: Operation<unknown>): Arm {
  return new Arm(op);
}

/** The values the arms took, handed to the caller together. */
class ArmsHandOff extends HandOff {
  constructor(
    value: unknown,
    private readonly arms: readonly Arm[],
  ) {
    super(value);
  }
  giveBack(): void {
    for (const arm of this.arms) arm.giveBack();
  }
}

const PENDING = 0;
const RESOLVED = 1;
const FAILED = 2;

/**
 * Park the caller until every arm has finished (all) or the first has (race); the first failure
 * settles it too. Its teardown cancels the arms still running.
 *
 * @internal
 */
export class Joined extends SuspendOperation<unknown> {
  constructor(
    private readonly arms: readonly Arm[],
    private readonly first: boolean,
  ) {
    super();
  }

  enter(resume: Resume<unknown>, host: Host): Teardown | void {
    const arms = this.arms;
    if (arms.length === 0) return resume.resolve([]);
    const results: unknown[] = new Array<unknown>(arms.length);
    let left = arms.length;
    let outcome = PENDING;
    const teardowns: (Teardown | void)[] = [];
    const settle = (value: unknown, took: readonly Arm[]): void => {
      outcome = RESOLVED;
      resume.resolve(took.some((arm) => arm.handOff !== null) ? new ArmsHandOff(value, took) : value);
    };
    arms.forEach((arm, i) => {
      if (outcome !== PENDING) return;
      const joiner: Resume<unknown> = {
        resolve: (value) => {
          if (outcome !== PENDING) return;
          if (this.first) return settle(value, [arm]);
          results[i] = value;
          if (--left === 0) settle(results, arms);
        },
        reject: (error) => {
          if (outcome !== PENDING) return;
          outcome = FAILED;
          resume.reject(error);
        },
      };
      teardowns.push(arm.task.enter(joiner, host));
    });
    return () => {
      for (const teardown of teardowns) teardown?.();
      for (const arm of arms) arm.task.cancel();
      // Failed or cancelled: the caller gets none of the values, so the finished arms give theirs back.
      if (outcome !== RESOLVED) for (const arm of arms) arm.giveBack();
    };
  }

  override toString(): string {
    return this.first ? 'the first of a race' : 'all of its operations';
  }
}
