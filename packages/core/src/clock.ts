/**
 * An opaque handle for a timer set on a {@link Clock}.
 *
 * @example
 * ```ts
 * const handle: TimerHandle = clock.setTimer(10, () => console.log('tick'));
 * clock.clearTimer(handle);
 * ```
 */
export interface TimerHandle {
  /** The clock time (ms) at which the timer is due. */
  readonly deadline: number;
}

/**
 * Where time comes from. Schedulers and hubs take one so that the same code runs against real
 * time or a virtual clock that jumps to the next deadline when every coroutine is waiting.
 * Timers with the same deadline fire in the order they were set.
 *
 * @example
 * ```ts
 * const start = clock.now();
 * clock.setTimer(100, () => console.log(clock.now() - start >= 100)); // true
 * ```
 */
export interface Clock {
  /** Milliseconds on this clock's own time line (monotonic; not wall-clock time). */
  now(): number;
  /** Call `callback` once, `ms` milliseconds from now (`ms >= 0`; `Infinity` means never, and arms nothing). `ref: false` does not keep the process alive. */
  setTimer(ms: number, callback: () => void, options?: { ref?: boolean }): TimerHandle;
  /** Cancel a timer; clearing a fired or cleared timer is a no-op. */
  clearTimer(handle: TimerHandle): void;
}
