import type { AwaitableOperation } from './awaitable.js';
import type { Resume, Teardown } from './operation.js';
import { SuspendOperation } from './suspend-operation.js';
import { WaiterQueue } from './waiter-queue.js';

/**
 * A flag coroutines can wait for: `wait()` returns at once while it is set, else when `set()` is
 * called (every waiter wakes, in the order they started waiting).
 *
 * @example
 * ```ts
 * const ready = new Event();
 * spawn(function* () { yield* ready.wait(); console.log('go'); });
 * ready.set();
 * ```
 */
export class Event {
  private flag = false;
  private readonly waiters = new WaiterQueue<void>();

  /** Whether the event is set. */
  get isSet(): boolean {
    return this.flag;
  }

  /** Set the flag and wake every waiter. */
  set(): void {
    this.flag = true;
    for (let w = this.waiters.shift(); w !== undefined; w = this.waiters.shift()) w.resume.resolve();
  }

  /** Reset the flag; later `wait()`s wait again. */
  clear(): void {
    this.flag = false;
  }

  /** Wait until the flag is set. */
  wait(): AwaitableOperation<void> {
    return new WaitForEvent(this);
  }

  /** @internal */
  waitInto(resume: Resume<void>): Teardown | void {
    if (this.flag) return resume.resolve();
    return this.waiters.push(resume, undefined).drop;
  }
}

class WaitForEvent extends SuspendOperation<void> {
  constructor(private readonly event: Event) {
    super();
  }
  enter(resume: Resume<void>): Teardown | void {
    return this.event.waitInto(resume);
  }
  override toString(): string {
    return 'event.wait()';
  }
}
