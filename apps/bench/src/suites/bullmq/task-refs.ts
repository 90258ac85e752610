// The suite's tasks as both sides name them: a BullExecutor sends ./src/suites/bullmq/tasks.mjs
// relative to the root, and a worker started with the same --root finds the same file.
import { fileURLToPath } from 'node:url';
import { task } from '@coro/bullmq';

/** apps/bench: the root the executors and the workers agree on. */
export const benchRoot = fileURLToPath(new URL('../../../', import.meta.url));

const tasks = new URL('./tasks.mjs', import.meta.url);
export const noop = task<() => void>(tasks, 'noop');
export const countPrimes = task<(n: number) => number>(tasks, 'countPrimes');
