// Runs in a worker thread for realm.test.ts: the simple test of test_greenlet.py, in a realm of its own.
import { parentPort } from 'node:worker_threads';
import { getCurrent, greenlet } from '../src/greenlet.js';

const lst: number[] = [];
const main = getCurrent();
const g = new greenlet(function* f() {
  lst.push(1);
  yield* getCurrent().parent!.switch();
  lst.push(3);
});
lst.push(0);
g.switch();
lst.push(2);
g.switch();
lst.push(4);
parentPort!.postMessage({ lst, mainIsCurrent: getCurrent() === main, mainParent: main.parent === undefined, printed: String(main) });
