import type { FromWorker, ToWorker } from './protocol.js';

/** What a unit reports to its pool. */
export interface UnitEvents {
  message(message: FromWorker): void;
  /** The unit is gone. `error` is what killed it, when known (an uncaught throw, out of memory). */
  exit(exitCode: number | null, signal: NodeJS.Signals | null, error: unknown): void;
}

/**
 * One worker thread or child process as the pool sees it. The pool holds the policy (queue,
 * crashes, aborts, recycling); a unit only moves messages and ends its worker.
 */
export interface Unit {
  /** Send a message; throws synchronously when an argument cannot be cloned. */
  post(message: ToWorker, transfer?: readonly object[]): void;
  /** Let an idle unit stop holding the process open, or make a busy one hold it. */
  hold(busy: boolean): void;
  /** Ask the worker to leave; end it by force after `timeout` ms. Resolves once it is gone. */
  stop(timeout: number): Promise<void>;
  /** End the worker now. Resolves once it is gone. */
  kill(): Promise<void>;
}

/** Starts units for a pool. */
export type UnitFactory = (events: UnitEvents) => Unit;
