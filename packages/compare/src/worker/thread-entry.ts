// The entry file of every ThreadExecutor worker (a build entry of its own, loaded by URL).
import { parentPort, workerData } from 'node:worker_threads';
import { sendError } from '../error-transport.js';
import { LATE, type FromWorker, type ToWorker, type WorkerSetup } from '../protocol.js';
import { createWorkerLoop } from './worker-loop.js';

const port = parentPort!;
const onMessage = createWorkerLoop(workerData as WorkerSetup, (message: FromWorker) => port.postMessage(message));
port.on('message', (message: ToWorker) => onMessage(message));
// A rejection nobody handled (a job's floating promise) surfaces after its job settled: report it
// for the task that ran last, instead of dying and failing whichever job runs next.
process.on('unhandledRejection', (reason) => {
  port.postMessage([LATE, sendError(reason), onMessage.lastTask()] satisfies FromWorker);
});
