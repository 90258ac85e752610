/**
 * Thrown into whoever joins or awaits a task that was cancelled. `cause` is the reason given to
 * `cancel()` (or the aborted signal's reason).
 *
 * @example
 * ```ts
 * const task = spawn(function* () { yield* suspend(); });
 * task.cancel('no longer needed');
 * try { yield* task; } catch (e) { e instanceof Cancelled; } // true
 * ```
 */
export class Cancelled extends Error {
  /** Always `"Cancelled"`. */
  override name = 'Cancelled';
  constructor(message = 'the task was cancelled', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Thrown by {@link timeout} when the operation did not finish in time.
 *
 * @example
 * ```ts
 * try { yield* timeout(100, suspend()); } catch (e) { (e as Timeout).ms; } // 100
 * ```
 */
export class Timeout extends Error {
  /** Always `"Timeout"`. */
  override name = 'Timeout';
  /**
   * @param ms - the limit that was exceeded.
   */
  constructor(
    readonly ms: number,
    options?: ErrorOptions,
  ) {
    super(`timed out after ${ms} ms`, options);
  }
}

/**
 * Thrown by sending on a closed {@link Channel}, and by `receive()` once it is closed and empty.
 *
 * @example
 * ```ts
 * channel.close();
 * yield* channel.send(1); // throws ChannelClosed
 * ```
 */
export class ChannelClosed extends Error {
  /** Always `"ChannelClosed"`. */
  override name = 'ChannelClosed';
  constructor(message = 'the channel is closed', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Misuse of a scheduler: re-entering one that is running, or mixing tasks of two schedulers.
 *
 * @example
 * ```ts
 * scheduler.spawn(function* () { yield* wait(scheduler.run()); }); // SchedulerError
 * ```
 */
export class SchedulerError extends Error {
  /** Always `"SchedulerError"`. */
  override name = 'SchedulerError';
}
