import { task } from '@coro/core';
import type * as tasks from './tasks.js';

const module = new URL('./harness-tasks.js', import.meta.url);

/** The harness's tasks, by URL (the built `harness-tasks.js` next to `index.js`). */
export const harnessTasks = {
  noop: task<typeof tasks.noop>(module, 'noop'),
  countPrimes: task<typeof tasks.countPrimes>(module, 'countPrimes'),
  sleepFor: task<typeof tasks.sleepFor>(module, 'sleepFor'),
  fetchMany: task<typeof tasks.fetchMany>(module, 'fetchMany'),
  pingPong: task<typeof tasks.pingPong>(module, 'pingPong'),
};
