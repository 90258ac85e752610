import type { AwaitableOperation } from './awaitable.js';
import type { Resume, Teardown } from './operation.js';
import { SuspendOperation } from './suspend-operation.js';
import { WaiterQueue } from './waiter-queue.js';
import { HandOff, HandOffTarget } from './hand-off.js';

/**
 * A counter of permits. `acquire()` takes one, waiting first-in, first-out while none is free;
 * `release()` hands a permit straight to the longest waiter, so nobody can barge in ahead.
 *
 * @example
 * ```ts
 * const slots = new Semaphore(2);
 * function* download(url: string) {
 *   yield* slots.acquire();
 *   try { yield* wait(fetch(url)); } finally { slots.release(); }
 * }
 * ```
 */
export class Semaphore {
  private permits: number;
  private readonly waiters = new WaiterQueue<void>();
  private handOff: PermitHandOff | undefined = undefined;

  /** @param permits - how many holders at once (an integer >= 0). */
  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 0) throw new RangeError(`Semaphore: permits must be an integer >= 0, got ${String(permits)}`);
    this.permits = permits;
  }

  /** Free permits now. */
  get available(): number {
    return this.permits;
  }

  /** Coroutines waiting for a permit. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** Take a permit, waiting (FIFO) while none is free. */
  acquire(): AwaitableOperation<void> {
    return new Acquire(this);
  }

  /** Take a permit if one is free now. */
  tryAcquire(): boolean {
    if (this.permits === 0) return false;
    this.permits--;
    return true;
  }

  /** Give a permit back (to the longest waiter, if any). */
  release(): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) this.handTo(waiter.resume);
    else this.permits++;
  }

  /** @internal */
  acquireInto(resume: Resume<void>): Teardown | void {
    if (this.tryAcquire()) return this.handTo(resume);
    return this.waiters.push(resume, undefined).drop;
  }

  // A task is handed its permit inside a HandOff: if it is cancelled before it resumes, the permit
  // is released again (hand-off.ts). One per semaphore, made on first use: a permit carries no data.
  private handTo(resume: Resume<void>): void {
    if (resume instanceof HandOffTarget) (resume as Resume<unknown>).resolve((this.handOff ??= new PermitHandOff(this)));
    else resume.resolve();
  }
}

/** A permit handed to a parked task; see hand-off.ts. */
class PermitHandOff extends HandOff<undefined> {
  constructor(private readonly semaphore: Semaphore) {
    super(undefined);
  }
  giveBack(): void {
    this.semaphore.release();
  }
}

class Acquire extends SuspendOperation<void> {
  constructor(private readonly semaphore: Semaphore) {
    super();
  }
  enter(resume: Resume<void>): Teardown | void {
    return this.semaphore.acquireInto(resume);
  }
  override toString(): string {
    return 'semaphore.acquire()';
  }
}
