// Where a coro-worker runs its jobs. Threads and processes are compare's executors. Coroutines run
// here, in the worker's own thread, the way compare's workers run a job: a plain or async export is
// called directly with its signal (no task, no promise for a plain value: the hot path of a short
// job), a generator export runs as a coroutine on core's executor.
import { invokeTask, loadTask, ProcessExecutor, task, ThreadExecutor } from '@coro/compare';

/** Runs one job at a time per call; `signal` makes the job's signal, on first use (a short coroutine job may never ask). */
export interface LocalRunner {
  /** The value, or a promise of it (a plain export on the coroutine runner returns it at once). */
  run(module: string, exportName: string, args: unknown[], signal: () => AbortSignal): unknown;
  close(): Promise<void>;
}

export type ExecutorKind = 'thread' | 'process' | 'coroutine';

export function localRunner(kind: ExecutorKind, size: number, abortGrace: number, name: string): LocalRunner {
  if (kind === 'coroutine') {
    const loaded = new Map<string, (...args: unknown[]) => unknown>();
    const running = new Set<Promise<unknown>>();
    return {
      run(module, exportName, args, signal) {
        const key = `${module}#${exportName}`;
        const fn = loaded.get(key);
        if (fn === undefined) {
          return loadTask(module, exportName).then((found) => {
            loaded.set(key, found);
            return this.run(module, exportName, args, signal);
          });
        }
        const result = invokeTask(fn, module, exportName, args, signal);
        if (!(result instanceof Promise)) return result;
        running.add(result);
        const forget = () => void running.delete(result);
        result.then(forget, forget);
        return result;
      },
      async close() {
        await Promise.allSettled([...running]);
      },
    };
  }
  const executor = kind === 'thread' ? new ThreadExecutor({ size, name, abortGrace }) : new ProcessExecutor({ size, name, abortGrace });
  return {
    run: (module, exportName, args, signal) => executor.submit(task(module, exportName).with({ signal: signal() }), ...args),
    close: () => executor.close(),
  };
}
