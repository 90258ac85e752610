// The entry file of every ProcessExecutor child (a build entry of its own, started by fork).
import { sendError } from '../error-transport.js';
import { FATAL, LATE, type FromWorker, type ToWorker, type WorkerSetup } from '../protocol.js';
import { createWorkerLoop } from './worker-loop.js';

const setup = JSON.parse(process.env.CORO_COMPARE_SETUP ?? '{}') as WorkerSetup;
delete process.env.CORO_COMPARE_SETUP;

const onMessage = createWorkerLoop(setup, (message: FromWorker) => {
  process.send!(message);
});
process.on('message', (message: ToWorker) => onMessage(message));
// When the pool closes the channel there is nothing left to do: leave, even if a task module left
// a timer running. (The pool kills us after its terminate timeout if this never happens.)
process.on('disconnect', () => process.exit(0));
// A rejection nobody handled (a job's floating promise) surfaces after its job settled: report it
// for the task that ran last, instead of dying and failing whichever job runs next.
process.on('unhandledRejection', (reason) => {
  process.send!([LATE, sendError(reason), onMessage.lastTask()] satisfies FromWorker);
});
// A throw outside any job: tell the pool what it was, so the job's WorkerCrashed carries it, then die.
process.on('uncaughtException', (error) => {
  process.exitCode = 1;
  try {
    process.send!([FATAL, sendError(error)] satisfies FromWorker, () => process.exit(1));
  } catch {
    process.exit(1);
  }
});
