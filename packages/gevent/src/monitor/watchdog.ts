import { writeSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import { SLOT, watchdogMain, type NameMessage } from './watchdog-thread.js';

/**
 * The main thread's side of the watchdog: a shared counter it bumps on every switch, the id of the
 * greenlet now running, and a channel for telling the thread each greenlet's name once.
 */
export class Watchdog {
  readonly #view = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  readonly #worker: Worker;
  readonly #names: MessageChannel['port1'];
  readonly #ids = new WeakMap<object, number>();
  #nextId = 1;
  /** Resolves once the thread runs (starting a worker takes tens of milliseconds, more on a busy machine). */
  readonly online: Promise<void>;

  constructor(periodMs: number) {
    const { port1, port2 } = new MessageChannel();
    this.#names = port1;
    // The program travels as source text: a separate worker file would need a path that resolves
    // the same from src/ under the test runner and from dist/ when installed; text has no path.
    const source = `const { workerData, receiveMessageOnPort } = require('node:worker_threads');
      const { writeSync } = require('node:fs');
      (${watchdogMain.toString()})(workerData.view, workerData.periodMs, workerData.names, receiveMessageOnPort, (text) => writeSync(2, text));`;
    this.#worker = new Worker(source, { eval: true, execArgv: [], workerData: { view: this.#view, periodMs, names: port2 }, transferList: [port2] });
    // Referenced until it runs, so `await monitor.ready` cannot let the process end; never after.
    this.online = new Promise((resolve) =>
      this.#worker.once('online', () => {
        this.#worker.unref();
        resolve();
      }),
    );
    this.#names.unref();
    this.#worker.on('error', (error) => writeSync(2, `the blocking watchdog thread failed: ${String(error)}\n`));
  }

  /** Record a switch to `greenlet` (`undefined` for the hub or the main greenlet). Hot path: no allocation after the first sight. */
  switchedTo(greenlet: object | undefined, name: () => string): void {
    Atomics.add(this.#view, SLOT.switches, 1);
    Atomics.store(this.#view, SLOT.active, greenlet === undefined ? 0 : this.#idOf(greenlet, name));
  }

  #idOf(greenlet: object, name: () => string): number {
    let id = this.#ids.get(greenlet);
    if (id === undefined) {
      id = this.#nextId++;
      this.#ids.set(greenlet, id);
      this.#names.postMessage({ id, name: name() } satisfies NameMessage);
    }
    return id;
  }

  /** Stop the thread and wait until it is gone. */
  async stop(): Promise<void> {
    Atomics.store(this.#view, SLOT.stop, 1);
    Atomics.notify(this.#view, SLOT.stop);
    this.#names.close();
    await this.#worker.terminate();
  }
}
