import type { JobOptions, TaskRef } from '@coro/core';
import type * as tasks from './tasks.js';

const module = new URL('./harness-tasks.js', import.meta.url).href;

function ref<F extends (...args: any[]) => any>(exportName: string, options: JobOptions = {}): TaskRef<F> {
  return { module, exportName, options, with: (next) => ref<F>(exportName, next) };
}

/** The harness's tasks, by URL (the built `harness-tasks.js` next to `index.js`). */
export const harnessTasks = {
  noop: ref<typeof tasks.noop>('noop'),
  countPrimes: ref<typeof tasks.countPrimes>('countPrimes'),
  sleepFor: ref<typeof tasks.sleepFor>('sleepFor'),
  fetchMany: ref<typeof tasks.fetchMany>('fetchMany'),
  pingPong: ref<typeof tasks.pingPong>('pingPong'),
};
