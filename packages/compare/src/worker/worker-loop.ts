import { getEventListeners } from 'node:events';
import { sendError } from '../error-transport.js';
import { ABORT, DONE, FAIL, RUN, SKIPPED, TASK_SLOTS, type FromWorker, type ToWorker, type WorkerSetup } from '../protocol.js';
import { invokeTask } from './invoke-task.js';
import { loadTask } from './load-task.js';

type TaskFunction = (...args: unknown[]) => unknown;

/** A task as the pool numbered it; `fn` once its module has loaded in this worker. */
interface KnownTask {
  readonly module: string;
  readonly exportName: string;
  /** "export (module)", for reports of errors that surface after a job settled. */
  readonly label: string;
  fn: TaskFunction | undefined;
}

const NO_ARGS: unknown[] = [];

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
  const tasks: KnownTask[] = [];
  // A new AbortController costs about 4 µs on Node 20, as much as the rest of a no-op job's trip.
  // A pool without abortGrace never sends ABORT (it ends the worker instead), so no job signal here
  // can ever abort: every job may then share one, until a job leaves a listener on it (which
  // would pile up, job after job, on a shared signal).
  let neverAborted = setup.gracefulAbort ? undefined : new AbortController();
  const memory =
    setup.reportMemory === 'rss' ? () => process.memoryUsage.rss() : setup.reportMemory === 'heap' ? () => process.memoryUsage().heapUsed : undefined;

  function reply(kind: typeof DONE | typeof FAIL, id: number, payload: unknown): void {
    if (running.size > 0) running.delete(id);
    if (neverAborted && getEventListeners(neverAborted.signal, 'abort').length > 0) neverAborted = new AbortController();
    const message = (memory ? [kind, id, payload, memory()] : kind === DONE && payload === undefined ? id : [kind, id, payload]) as FromWorker;
    try {
      send(message);
    } catch (error) {
      const why = new TypeError(`the job's ${kind === DONE ? 'result' : 'error'} cannot be sent back to the pool: ${(error as Error).message}`, { cause: error });
      send([FAIL, id, sendError(why)]);
    }
  }

  function start(id: number, task: KnownTask, args: unknown[], signal: AbortSignal): void {
    if (signal.aborted) {
      running.delete(id);
      send([SKIPPED, id]); // aborted while its module loaded: its body never starts
      return;
    }
    lastTask = task.label;
    let result: unknown;
    let thenable: boolean;
    try {
      result = invokeTask(task.fn!, task.module, task.exportName, args, signal);
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

  function run(id: number, task: KnownTask, args: unknown[]): void {
    // Registered before loading, so an abort that arrives while the module loads is not lost. (With
    // the shared never-aborted signal there is nothing to abort, so nothing to register.)
    const controller = neverAborted ?? new AbortController();
    if (!neverAborted) running.set(id, controller);
    if (task.fn) start(id, task, args, controller.signal);
    else
      loadTask(task.module, task.exportName, setup.loadTimeout).then(
        (loaded) => {
          task.fn = loaded;
          start(id, task, args, controller.signal);
        },
        (error: unknown) => reply(FAIL, id, sendError(error)),
      );
  }

  const onMessage = (message: ToWorker): void => {
    if (typeof message === 'number') {
      // The hot path: a known task without arguments (see runNumber).
      const task = message % TASK_SLOTS;
      run((message - task) / TASK_SLOTS, tasks[task]!, NO_ARGS);
    } else if (message[0] === RUN) {
      const [, id, number, args, module, exportName] = message;
      if (module !== undefined && exportName !== undefined) tasks[number] = { module, exportName, label: `${exportName} (${module})`, fn: undefined };
      run(id, tasks[number]!, args);
    } else if (message[0] === ABORT) {
      running.get(message[1])?.abort(new Error('the job was aborted by its caller'));
    }
  };
  return Object.assign(onMessage, { lastTask: () => lastTask });
}

/** Handles the pool's messages; `lastTask()` names the task that ran last ("export (module)"). */
export type WorkerLoop = ((message: ToWorker) => void) & { lastTask(): string };
