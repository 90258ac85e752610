import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ABORT, DONE, FAIL, RUN, runNumber, type FromWorker } from '../protocol.js';
import { createWorkerLoop } from './worker-loop.js';

// A task module on disk that reads its job signal through the same @coro/core the loop uses.
const dir = mkdtempSync(join(tmpdir(), 'coro-worker-loop-'));
const core = pathToFileURL(createRequire(import.meta.url).resolve('@coro/core')).href;
const tasks = pathToFileURL(join(dir, 'signal-tasks.mjs')).href;
writeFileSync(
  join(dir, 'signal-tasks.mjs'),
  `import { getEventListeners } from 'node:events';
import { jobSignal } from ${JSON.stringify(core)};
export const signals = [];
/** Leaves a listener on its signal and reports how many it finds there. */
export function listen() {
  const signal = jobSignal();
  signals.push(signal);
  signal.addEventListener('abort', () => {});
  return getEventListeners(signal, 'abort').length;
}
/** Settles with the reason once its signal aborts. */
export function untilAborted() {
  const signal = jobSignal();
  signals.push(signal);
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
}
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loop whose replies are collected; `run` sends one job and waits for its reply. */
function loop(gracefulAbort: boolean) {
  // A bare number is the short form of [DONE, id, undefined]; the tests read every reply as an array.
  type Reply = Exclude<FromWorker, number>;
  const replies: Reply[] = [];
  const onMessage = createWorkerLoop(gracefulAbort ? { gracefulAbort: true } : {}, (message) => replies.push(typeof message === 'number' ? [DONE, message, undefined] : message));
  const taskNumbers = new Map<string, number>();
  let nextId = 1;
  const reply = async (id: number) => {
    for (;;) {
      const found = replies.find((message) => message[1] === id);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
  return {
    start(exportName: string) {
      const id = nextId++;
      const known = taskNumbers.get(exportName);
      if (known === undefined) taskNumbers.set(exportName, taskNumbers.size);
      const number = taskNumbers.get(exportName)!;
      // The first job of a task names its module and export; later ones send the task's number only.
      onMessage(known === undefined ? [RUN, id, number, [], tasks, exportName] : runNumber(id, number)!);
      return id;
    },
    abort: (id: number) => onMessage([ABORT, id]),
    reply,
  };
}

describe('createWorkerLoop', () => {
  it('gives no job the listeners an earlier job left on its signal', async () => {
    for (const gracefulAbort of [false, true]) {
      const worker = loop(gracefulAbort);
      const counts: unknown[] = [];
      for (let i = 0; i < 20; i++) counts.push((await worker.reply(worker.start('listen')))[2]);
      expect(counts).toEqual(Array.from({ length: 20 }, () => 1));
    }
  });

  it('never aborts a job signal when the pool ends workers instead of sending ABORT', async () => {
    const worker = loop(false);
    for (let i = 0; i < 5; i++) await worker.reply(worker.start('listen'));
    const { signals } = (await import(tasks)) as { signals: AbortSignal[] };
    expect(signals.some((signal) => signal.aborted)).toBe(false);
  });

  it('aborts only the job named by ABORT when the pool aborts gracefully', async () => {
    const worker = loop(true);
    const { signals } = (await import(tasks)) as { signals: AbortSignal[] };
    const finished = worker.start('listen');
    await worker.reply(finished);
    const earlier = signals.at(-1)!;
    const aborted = worker.start('untilAborted');
    // Abort once the job runs (its signal is recorded); before that, the abort would skip it instead.
    while (signals.at(-1) === earlier) await new Promise((resolve) => setTimeout(resolve, 5));
    worker.abort(aborted);
    const message = await worker.reply(aborted);
    expect([message[0], (message[2] as { message: string }).message]).toEqual([FAIL, 'the job was aborted by its caller']);
    expect(earlier.aborted).toBe(false);
    const after = worker.start('listen');
    expect((await worker.reply(after))[0]).toBe(DONE);
    expect(signals.at(-1)!.aborted).toBe(false);
  });
});
