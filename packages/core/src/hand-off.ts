/*
 * Nothing handed over is lost. A waiter queue hands a value (a channel item, a semaphore permit)
 * to a parked task at once, but the task only takes it when it next runs. Between the two, a
 * cancel or a timeout may take effect. The rule: the completion wins — the task gets the value —
 * unless the task is cancelled before it resumed: then the value goes back where it came from.
 *
 * So a queue resolves a task's Wake with a HandOff instead of the bare value. The scheduler
 * passes it into the generator like any resume value; the SuspendOperation at the `yield*`
 * unwraps it (`next`), so user code never sees one. If the task is cancelled while the HandOff
 * still waits in it, `Task.cancel` calls `retract()`, which gives the value back.
 *
 * A timeout's interrupt is retractable the same way: a timer that fired just before a cancel is
 * dropped, so the Timeout never escapes a task that is being cancelled.
 */

/**
 * A value handed to a parked task, with the way to give it back. Subclasses say how.
 *
 * @internal
 */
export abstract class HandOff<T = unknown> {
  constructor(
    /** What the task's `yield*` evaluates to. */
    readonly value: T,
  ) {}

  /** The task was cancelled before it resumed: return the value to where it came from. */
  abstract giveBack(): void;
}

/**
 * A Resume that may be resolved with a {@link HandOff}: a task's Wake (the HandOff reaches the
 * SuspendOperation at its `yield*`, which unwraps it), or a race()/all() arm (which passes it on
 * to its caller's Wake). Queues hand bare values to any other Resume (a promise's, a driver's).
 *
 * @internal
 */
export abstract class HandOffTarget {}

/** The value a SuspendOperation resumes with: a HandOff's value, or the value itself. @internal */
export function unwrap(value: unknown): unknown {
  return value instanceof HandOff ? value.value : value;
}

// Interrupts are errors thrown into a task (a timeout's Timeout); they are remembered here until
// delivered, so that a cancel arriving first can drop them.
const interrupts = new WeakSet<object>();

/** Mark `error` as an interrupt a cancel may drop before it is delivered. @internal */
export function retractable(error: object): void {
  interrupts.add(error);
}

/**
 * Whether the resume value still waiting in a task that is being cancelled can be taken back
 * (the task is then resumed with `return()` instead, and {@link retract} takes it back).
 *
 * @internal
 */
export function canRetract(pending: unknown): boolean {
  return pending instanceof HandOff || (typeof pending === 'object' && pending !== null && interrupts.has(pending));
}

/** Take back what {@link canRetract} accepted: give a HandOff's value back, drop an interrupt. @internal */
export function retract(pending: unknown): void {
  if (pending instanceof HandOff) pending.giveBack();
  else if (typeof pending === 'object' && pending !== null) interrupts.delete(pending);
}
