/*
 * Runtime detection of an Operation created and never started (`sleep(100);` without `yield*`).
 * Operations made by core's factories register with `track`; starting one (`[Symbol.iterator]`)
 * or handing it to a combinator calls `claim`. A driver brackets every step of a coroutine with
 * `beginStep`/`endStep`: if an operation created during that step is still unclaimed when the
 * step ends, `endStep` returns it and the driver throws `droppedOperationError(op)` into the
 * coroutine. A step that creates no operation pays a few assignments and a comparison.
 */

/**
 * An operation that can be tracked; the field is owned by this module.
 *
 * @example
 * ```ts
 * class Ping implements Operation<void>, Trackable {
 *   trackedIn = 0;
 *   constructor() { track(this); }
 *   *[Symbol.iterator]() { claim(this); yield; }
 * }
 * ```
 */
export interface Trackable {
  /** The serial of the step that created it while unclaimed, else 0. @internal */
  trackedIn?: number;
}

let serial = 0; // the step running now; 0 outside any step
let nextSerial = 1;
let base = 0; // where this step's operations start in `created`
const created: Trackable[] = []; // operations created in the running steps, innermost last
const outer: number[] = []; // `base` of the steps this one runs inside
// With tracing on (a scheduler's traceSpawns), where each operation was created, so the report
// of a dropped one points at the user's line rather than into the driver. Kept aside (not on
// the operation) so that an untraced operation stays as small as it was.
let tracing = 0; // how many traced steps are running (see beginTracing)
let origins: WeakMap<object, Error> | undefined; // made when tracing first records one

/**
 * Register a freshly created operation so the running driver can report it if it is dropped.
 * Outside a step (in ordinary code) it does nothing. Returns `op`.
 *
 * @example
 * ```ts
 * class Ping implements Operation<void>, Trackable {
 *   constructor() { track(this); }
 *   *[Symbol.iterator]() { claim(this); yield; }
 * }
 * ```
 *
 * @typeParam T - the operation's type.
 */
export function track<T extends Trackable>(op: T): T {
  if (serial !== 0) {
    op.trackedIn = serial;
    created.push(op);
    if (tracing !== 0) (origins ??= new WeakMap()).set(op, captureOrigin());
  }
  return op;
}

/**
 * Mark `op` as started (or adopted by a combinator that will start it): it is no longer a
 * dropped-operation suspect.
 *
 * @example
 * ```ts
 * function all(ops) { for (const op of ops) claim(op); … }
 * ```
 */
export function claim(op: unknown): void {
  const t = op as Trackable;
  if (t.trackedIn !== undefined && t.trackedIn !== 0) t.trackedIn = 0;
}

function captureOrigin(): Error {
  const origin = new Error('created');
  Error.captureStackTrace?.(origin, track);
  return origin;
}

/**
 * Start tracking for one step of a coroutine. Returns a token for {@link endStep}. Steps may
 * nest (a driver stepping another driver synchronously).
 *
 * @example
 * ```ts
 * const token = beginStep();
 * const result = generator.next(value);
 * const dropped = endStep(token);
 * ```
 */
export function beginStep(): number {
  const token = serial;
  if (token !== 0) outer.push(base);
  serial = nextSerial++;
  base = created.length;
  return token;
}

/**
 * Record where operations are created until the matching {@link endTracing}: a driver with
 * tracing on (a scheduler's `traceSpawns`) brackets its steps with these, so the report of a
 * dropped operation points at the user's line (about a microsecond per operation). Apart from
 * beginStep/endStep so that untraced steps, the hot path, pay nothing for it.
 *
 * @internal
 */
export function beginTracing(): void {
  tracing++;
}

/** End what {@link beginTracing} began. @internal */
export function endTracing(): void {
  tracing--;
}

/**
 * End the step begun with `token`; returns an operation created in the step and never started,
 * or `undefined`. Throw {@link droppedOperationError} of it into the coroutine.
 *
 * @example
 * ```ts
 * const dropped = endStep(token);
 * if (dropped !== undefined) generator.throw(droppedOperationError(dropped));
 * ```
 */
export function endStep(token: number): object | undefined {
  let dropped: Trackable | undefined;
  if (created.length !== base) {
    for (let i = base; i < created.length; i++) {
      const op = created[i]!;
      if (dropped === undefined && op.trackedIn === serial) dropped = op;
      op.trackedIn = 0;
    }
    created.length = base;
  }
  serial = token;
  base = token !== 0 ? outer.pop()! : 0;
  return dropped;
}

/**
 * The error a driver throws into a coroutine that created `op` and dropped it.
 *
 * @example
 * ```ts
 * droppedOperationError(sleep(100)).message;
 * // "sleep(100) was created but never started: write `yield* sleep(100)` …"
 * ```
 */
export function droppedOperationError(op: object): TypeError {
  const label = (op as { toString(): string }).toString();
  const error = new TypeError(
    `${label} was created but never started: write \`yield* ${label}\` (an Operation does nothing until you delegate to it with yield*; to start it later, keep a function that creates it instead)`,
  );
  const origin = origins?.get(op)?.stack;
  if (origin !== undefined) error.stack = `${error.name}: ${error.message}\n    ${label} was created:${origin.slice(origin.indexOf('\n'))}`;
  return error;
}
