import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { receiveError } from './error-transport.js';
import { setLongTimeout } from './long-timer.js';
import { FATAL, type FromWorker, type WorkerSetup } from './protocol.js';
import type { Unit, UnitEvents, UnitFactory } from './unit.js';

const entry = fileURLToPath(new URL('./worker/process-entry.js', import.meta.url));

/** How each child process is started. */
export interface ProcessUnitOptions {
  readonly setup: WorkerSetup;
  readonly execArgv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Start child processes on the compiled process entry, talking over IPC with advanced serialization. */
export function processUnits(options: ProcessUnitOptions): UnitFactory {
  return (events: UnitEvents): Unit => {
    const child = fork(entry, [], {
      serialization: 'advanced',
      env: { ...(options.env ?? process.env), CORO_COMPARE_SETUP: JSON.stringify(options.setup) },
      ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
    });
    let fatal: unknown;
    let held = true;
    const gone = new Promise<void>((resolve) => {
      child.on('exit', (code, signal) => {
        events.exit(code, signal, fatal);
        resolve();
      });
    });
    child.on('message', (message: FromWorker) => {
      if (typeof message !== 'number' && message[0] === FATAL) fatal = receiveError(message[1]);
      else events.message(message);
    });
    // A child that fails to start (or whose channel breaks) also exits; 'exit' reports it.
    child.on('error', (error) => {
      fatal ??= error;
    });
    return {
      post: (message) => {
        child.send(message);
      },
      hold(busy) {
        if (busy === held) return;
        held = busy;
        if (busy) {
          child.ref();
          child.channel?.ref();
        } else {
          child.unref();
          child.channel?.unref();
        }
      },
      async stop(timeout) {
        if (child.exitCode !== null || child.signalCode !== null) return gone;
        child.ref(); // an idle child is unref'd: without this the parent could exit before 'exit' arrives
        const timer = setLongTimeout(() => child.kill('SIGKILL'), timeout);
        if (child.connected) child.disconnect();
        else child.kill('SIGTERM');
        await gone;
        timer.clear();
      },
      async kill() {
        child.ref();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await gone;
      },
    };
  };
}
