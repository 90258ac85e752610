import { getEventListeners } from 'node:events';
import { sendError } from '../error-transport.js';
import { ABORT, DONE, FAIL, RUN, SKIPPED, type FromWorker, type RunMessage, type ToWorker, type WorkerSetup } from '../protocol.js';
import { invokeTask } from './invoke-task.js';
import { loadedTask, loadTask } from './load-task.js';

type TaskFunction = (...args: unknown[]) => unknown;

/** Whether `value` is a thenable; reading `then` may throw (a getter), which the caller reports as the job's error. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** How a worker talks back to its pool; `send` throws when a value cannot be cloned. */
export type Send = (message: FromWorker) => void;

/**
 * The job loop every worker thread and child process runs: load the task (once), run it, send
 * back its value or its error. Runs jobs as they arrive; the pool sends one at a time.
 */
export function createWorkerLoop(setup: WorkerSetup, send: Send): WorkerLoop {
  /** The task of the job that ran last, to name in a report of a rejection that surfaces later. */
  let lastTask = '';
  const running = new Map<number, AbortController>();
  // A new AbortController costs about 4 µs on Node 20, as much as the rest of a no-op job's trip.
  // A pool without abortGrace never sends ABORT (it ends the worker instead), so no job signal here
  // can ever abort: every job may then share one, until a job leaves a listener on it (which
  // would pile up, job after job, on a shared signal).
  let neverAborted = setup.gracefulAbort ? undefined : new AbortController();
  const memory =
    setup.reportMemory === 'rss' ? () => process.memoryUsage.rss() : setup.reportMemory === 'heap' ? () => process.memoryUsage().heapUsed : undefined;

  function reply(kind: typeof DONE | typeof FAIL, id: number, payload: unknown): void {
    running.delete(id);
    if (neverAborted && getEventListeners(neverAborted.signal, 'abort').length > 0) neverAborted = new AbortController();
    const message = (memory ? [kind, id, payload, memory()] : [kind, id, payload]) as FromWorker;
    try {
      send(message);
    } catch (error) {
      const why = new TypeError(`the job's ${kind === DONE ? 'result' : 'error'} cannot be sent back to the pool: ${(error as Error).message}`, { cause: error });
      send([FAIL, id, sendError(why)]);
    }
  }

  function start(id: number, fn: TaskFunction, message: RunMessage, signal: AbortSignal): void {
    if (signal.aborted) {
      running.delete(id);
      send([SKIPPED, id]); // aborted while its module loaded: its body never starts
      return;
    }
    lastTask = `${message[3]} (${message[2]})`;
    let result: unknown;
    let thenable: boolean;
    try {
      result = invokeTask(fn, message[2], message[3], message[4], signal);
      thenable = isThenable(result);
    } catch (error) {
      reply(FAIL, id, sendError(error));
      return;
    }
    if (thenable) {
      // A thenable may still throw from its then(): that is the job's error too.
      Promise.resolve(result).then(
        (value) => reply(DONE, id, value),
        (error: unknown) => reply(FAIL, id, sendError(error)),
      );
    } else {
      reply(DONE, id, result);
    }
  }

  const onMessage = (message: ToWorker): void => {
    if (message[0] === RUN) {
      const [, id, module, exportName] = message;
      // Registered before loading, so an abort that arrives while the module loads is not lost.
      const controller = neverAborted ?? new AbortController();
      running.set(id, controller);
      const fn = loadedTask(module, exportName);
      if (fn) start(id, fn, message, controller.signal);
      else
        loadTask(module, exportName, setup.loadTimeout).then(
          (loaded) => start(id, loaded, message, controller.signal),
          (error: unknown) => reply(FAIL, id, sendError(error)),
        );
    } else if (message[0] === ABORT) {
      running.get(message[1])?.abort(new Error('the job was aborted by its caller'));
    }
  };
  return Object.assign(onMessage, { lastTask: () => lastTask });
}

/** Handles the pool's messages; `lastTask()` names the task that ran last ("export (module)"). */
export type WorkerLoop = ((message: ToWorker) => void) & { lastTask(): string };
