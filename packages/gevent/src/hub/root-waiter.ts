import type { Instruction } from '@coro/core';
import { WakeError } from './wake-error.js';
import type { Hub } from './hub.js';
import { ACTIVE, DEAD, RawGreenlet, SCHEDULED, START } from './raw-greenlet.js';

/**
 * Runs a blocking call awaited from ordinary code, as the blocking call of the main greenlet:
 * the hub's `main` is one of these, reused for each `await`; a second `await` made while main is
 * still waiting gets a root waiter of its own. When the hub runs out of work while roots wait,
 * each gets `LoopExit`.
 */
export class RootWaiter extends RawGreenlet {
  private settle: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | null = null;
  /** @internal a throw aimed at main while it was not waiting (a Timeout started from top-level code). */
  pendingThrow: { error: unknown } | null = null;

  constructor(
    hub: Hub,
    private readonly isMain: boolean,
  ) {
    super(hub, null, []);
    if (isMain) this.state = ACTIVE;
  }

  override get name(): string {
    return this.isMain ? 'main' : super.name;
  }

  /** True while an awaited blocking call is running or parked. */
  get busy(): boolean {
    return this.settle !== null;
  }

  /** @internal start running `iterator` (its first step `now`, or from the queue); the promise settles with its outcome. */
  runOperation(iterator: Iterator<Instruction, unknown, unknown>, now: boolean): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.gen = iterator;
      this.state = SCHEDULED;
      const pending = this.pendingThrow;
      this.pendingThrow = null;
      if (now) {
        this.hub.resume(this, pending?.error, pending !== null);
      } else if (pending !== null) {
        this.wakeValue = new WakeError(pending.error);
        this.scheduledEpoch = this.epoch;
        this.hub.schedule(this, this.epoch);
      } else {
        this.hub.schedule(this, START);
      }
    });
  }

  protected override onDeath(value: unknown, failed: boolean): void {
    const settle = this.settle!;
    this.settle = null;
    this.hub.rootDone(this);
    if (this.isMain) this.state = ACTIVE; // main never dies; it waits for the next await
    if (failed) settle.reject(value);
    else settle.resolve(value);
  }

  protected override stateWords(): string {
    if (this.isMain) return this.hub.current === this ? 'current active started main' : 'suspended active started main';
    return this.state === DEAD ? 'dead' : 'active started root';
  }
}
