import { Worker, type ResourceLimits } from 'node:worker_threads';
import { setLongTimeout, type LongTimer } from './long-timer.js';
import type { FromWorker, WorkerSetup } from './protocol.js';
import type { Unit, UnitEvents, UnitFactory } from './unit.js';

const entry = new URL('./worker/thread-entry.js', import.meta.url);

/** How each worker thread is started. */
export interface ThreadUnitOptions {
  readonly setup: WorkerSetup;
  readonly resourceLimits?: ResourceLimits;
  readonly execArgv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Start worker threads on the compiled thread entry. */
export function threadUnits(options: ThreadUnitOptions): UnitFactory {
  return (events: UnitEvents): Unit => {
    const worker = new Worker(entry, {
      workerData: options.setup,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    let fatal: unknown;
    let held = true;
    const gone = new Promise<void>((resolve) => {
      worker.on('exit', (code) => {
        events.exit(code, null, fatal);
        resolve();
      });
    });
    worker.on('message', (message: FromWorker) => events.message(message));
    worker.on('error', (error) => {
      fatal = error;
    });
    return {
      post: (message, transfer) => worker.postMessage(message, transfer as Parameters<Worker['postMessage']>[1]),
      hold(busy) {
        if (busy === held) return;
        held = busy;
        if (busy) worker.ref();
        else worker.unref();
      },
      async stop(timeout) {
        // A worker thread has no "please leave" short of terminate(); the timeout guards a
        // terminate that never completes (a thread stuck in native code), so close() cannot hang.
        worker.ref(); // an idle worker is unref'd: without this the parent could exit before 'exit' arrives
        let timer: LongTimer | undefined;
        const late = new Promise<void>((resolve) => {
          timer = setLongTimeout(() => {
            worker.unref();
            resolve();
          }, timeout);
        });
        await Promise.race([worker.terminate().then(() => gone), late]);
        timer?.clear();
      },
      async kill() {
        worker.ref();
        await worker.terminate();
        await gone;
      },
    };
  };
}
