// Runs in a worker thread for realm.test.ts: the simple test of test_greenlet.py, in a realm of its own.
import { parentPort } from 'node:worker_threads';
import { getCurrent } from '../src/greenlet.js';
import { doSimpleTest } from './ported.js';

const main = getCurrent();
const lst = doSimpleTest();
parentPort!.postMessage({ lst, mainIsCurrent: getCurrent() === main, mainParent: main.parent === undefined, printed: String(main) });
