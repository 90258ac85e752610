import type { Timer } from '@coro/core';

/** A core Suspend a greenlet is parked on: its teardown, and the abort controller behind `host.signal`. */
export interface Suspension {
  teardown: (() => void) | void;
  controller: AbortController | null;
}

/**
 * What few greenlets use, allocated on first use so that a plain (sleeping, waiting) greenlet stays
 * small: every field here would otherwise cost 8 bytes on every greenlet (sleep-10k's bytes per
 * sleeping greenlet are one of the performance goals).
 */
export class GreenletExtras {
  /** The core Suspend it is parked on (step.ts). */
  suspension: Suspension | null = null;
  /**
   * The name given with the setter; `null` once the default name was read; `undefined` before
   * either. Printing shows the name when it is not `undefined`, as gevent's repr does.
   */
  assignedName: string | null | undefined = undefined;
  /** Its number for printing, given the first time it is asked for, from 0 (as gevent's minimal_ident); -1 before. */
  id = -1;
  /** Greenlet: the timer of `startLater`. */
  startTimer: Timer | null = null;
  /** Greenlet: the controller behind `signal`. */
  controller: AbortController | null = null;
  /** Greenlet: where it was spawned, when the hub records spawn stacks. */
  spawnStack: Error | undefined = undefined;
  /** Greenlet: what printing shows after the address, fixed the first time it is printed (as gevent caches it). */
  formatted: string | null = null;
}
