// JavaScript's counterpart of test_greenlet.py's thread tests: a worker thread is a realm of its
// own, with its own main greenlet, and a greenlet cannot be handed to it.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { greenlet } from './index.js';

const workerFile = new URL('../test/realm-worker.ts', import.meta.url).href;
const tsxApi = import.meta.resolve('tsx/esm/api');

function runWorker(): Promise<unknown> {
  const source = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerFile)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('realms (threads in Python)', () => {
  it('test_threads: each worker runs the simple test on its own main greenlet', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, runWorker));
    expect(results).toHaveLength(10);
    for (const result of results) {
      expect(result).toEqual({ lst: [0, 1, 2, 3, 4], mainIsCurrent: true, mainParent: true, printed: '<greenlet current active started main>' });
    }
  }, 60_000);

  it('test_switch_to_another_thread: a greenlet cannot be sent to another realm', () => {
    const { port1, port2 } = new MessageChannel();
    try {
      expect(() => port1.postMessage(new greenlet(function* () {}))).toThrow(/could not be cloned/);
    } finally {
      port1.close();
      port2.close();
    }
  });
});
