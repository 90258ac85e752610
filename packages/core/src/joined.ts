/*
 * The waiting half of all() and race(): one Suspend that parks the caller on every operation at
 * once and settles the caller's Wake exactly once — with every result, the first result, or the
 * first failure — tearing down the other waits in that same moment.
 *
 * A single wait (a SuspendOperation: receive, send, acquire, sleep, …) is entered in place, as
 * Go's select does: its waiter sits in its queue on behalf of the caller, and the first to be
 * resolved removes the others from their queues before anything else can hand them a value. So a
 * race never takes two messages, nor sends and also reports that it slept. A value such a wait
 * was handed travels to the caller inside its HandOff, so it goes back if all() fails, or if the
 * caller is cancelled before it resumes (hand-off.ts). Any other operation runs in a child task
 * of the caller, cancelled when the race is decided or all() fails.
 */
import { HandOff, HandOffTarget } from './hand-off.js';
import type { Clock } from './clock.js';
import type { Host, Operation, Resume, Teardown } from './operation.js';
import { spawn } from './spawn.js';
import { SuspendOperation } from './suspend-operation.js';
import type { Task } from './task.js';

const PENDING = 0;
const RESOLVED = 1;
const FAILED = 2;

/**
 * Park the caller until every operation has finished (all) or the first has (race); the first
 * failure settles it too.
 *
 * @internal
 */
export class Joined extends SuspendOperation<unknown> {
  constructor(
    private readonly ops: readonly Operation<unknown>[],
    private readonly first: boolean,
  ) {
    super();
  }

  enter(resume: Resume<unknown>, host: Host): Teardown | void {
    if (this.ops.length === 0) return resume.resolve([]);
    const join = new Join(resume, this.first, this.ops.length);
    try {
      this.ops.forEach((op, i) => {
        if (join.outcome === PENDING) join.start(op, i, host);
      });
    } catch (error) {
      join.rejected(error); // an enter threw: the waits already entered are undone with the rest
    }
    return join.teardown;
  }

  override toString(): string {
    return this.first ? 'race([…])' : 'all([…])';
  }
}

class Join {
  outcome = PENDING;
  private readonly results: unknown[];
  private readonly handOffs: (HandOff | undefined)[];
  private readonly waits: InPlace[] = [];
  private readonly tasks: Task<unknown>[] = [];
  private readonly unjoin: (Teardown | void)[] = [];
  private left: number;

  constructor(
    private readonly caller: Resume<unknown>,
    private readonly first: boolean,
    count: number,
  ) {
    this.results = new Array<unknown>(count);
    this.handOffs = new Array<HandOff | undefined>(count);
    this.left = count;
  }

  start(op: Operation<unknown>, i: number, host: Host): void {
    if (op instanceof SuspendOperation) {
      const wait = new InPlace(this, i, host.clock);
      this.waits.push(wait);
      wait.teardown = (op as SuspendOperation<unknown>).enter(wait, wait);
      if (this.outcome !== PENDING || wait.settled) wait.close(); // settled inside enter
    } else {
      const task = spawn(opOf, op);
      this.tasks.push(task);
      this.unjoin.push(task.enter({ resolve: (value) => this.resolved(i, value), reject: (error) => this.rejected(error) }, host));
    }
  }

  resolved(i: number, value: unknown): void {
    if (this.outcome !== PENDING) return;
    if (this.first) {
      this.outcome = RESOLVED;
      return this.caller.resolve(value); // a HandOff goes on as it is
    }
    if (value instanceof HandOff) {
      this.handOffs[i] = value;
      value = value.value;
    }
    this.results[i] = value;
    if (--this.left > 0) return;
    this.outcome = RESOLVED;
    const took = this.handOffs.filter((h) => h !== undefined);
    this.caller.resolve(took.length === 0 ? this.results : new AllHandOff(this.results, took));
  }

  rejected(error: unknown): void {
    if (this.outcome !== PENDING) return;
    this.outcome = FAILED;
    this.caller.reject(error);
  }

  /** Decided, failed or cancelled: undo every wait, cancel the child tasks, give back what is not delivered. */
  readonly teardown = (): void => {
    for (const wait of this.waits) wait.close();
    for (const unjoin of this.unjoin) unjoin?.();
    for (const task of this.tasks) task.cancel();
    if (this.outcome === RESOLVED) return;
    for (const handOff of this.handOffs) handOff?.giveBack();
  };
}

/** What the finished waits of an all() took, handed to the caller together. */
class AllHandOff extends HandOff {
  constructor(
    value: unknown,
    private readonly took: readonly HandOff[],
  ) {
    super(value);
  }
  giveBack(): void {
    for (const handOff of this.took) handOff.giveBack();
  }
}

function opOf<T>(op: Operation<T>): Operation<T> {
  return op;
}

/** One wait entered in place: the Resume and Host its `enter` gets. */
class InPlace extends HandOffTarget implements Resume<unknown>, Host {
  settled = false;
  teardown: Teardown | void = undefined;
  private controller: AbortController | null = null;

  constructor(
    private readonly join: Join,
    private readonly index: number,
    readonly clock: Clock,
  ) {
    super();
  }

  /** Aborts when this wait is undone without having settled (it lost, or the caller was cancelled). */
  get signal(): AbortSignal {
    return (this.controller ??= new AbortController()).signal;
  }

  resolve(value: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.join.resolved(this.index, value);
  }

  reject(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.join.rejected(error);
  }

  close(): void {
    const teardown = this.teardown;
    this.teardown = undefined;
    if (!this.settled) {
      this.settled = true;
      this.controller?.abort();
    }
    teardown?.();
  }
}
