/**
 * A queued wake-up that raises `error` in the greenlet rather than delivering a value (hub.wakeThrow).
 * Wrapping the rare error costs an object per thrown wake-up; a flag beside the value would cost a
 * field on every greenlet.
 */
export class WakeError {
  constructor(readonly error: unknown) {}
}
