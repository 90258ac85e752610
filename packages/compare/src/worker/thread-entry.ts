// The entry file of every ThreadExecutor worker (a build entry of its own, loaded by URL).
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from '../protocol.js';
import { createWorkerLoop } from './worker-loop.js';

const port = parentPort!;
const onMessage = createWorkerLoop(workerData as WorkerSetup, (message: FromWorker) => port.postMessage(message));
port.on('message', (message: ToWorker) => onMessage(message));
