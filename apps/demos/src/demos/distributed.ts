/**
 * Beyond one machine: @coro/compare's CPU-bound task (counting primes) as jobs on a BullMQ queue in
 * Redis, run by `coro-worker` processes — first one, then two — timed, and the speed-up the second
 * one brings. Each worker is a separate process that could as well run on another machine.
 *
 * Redis: REDIS_URL's when set, else a redis-server of our own (see local-redis.ts). Without either,
 * the demo prints one line saying how to enable it: run alone it exits 1, in the tour
 * (CORO_DEMO_IN_TOUR=1) it exits 0 so `npm start` keeps working on a fresh machine.
 */
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BullExecutor, task } from '@coro/bullmq';
import { startWorkerProcess, type WorkerProcess } from './coro-worker-process.js';
import { demoRedis, howToEnable, type DemoRedis } from './local-redis.js';
import { busyNote, speedUpLine } from './speed-up.js';

const JOBS = 16;
const LIMIT = 800_000; // about 0.1 s a job on a laptop core: the demo takes a few seconds

// The root both sides agree on is @coro/compare's package folder. The task is compare's own,
// in its built dist/harness-tasks.js; the executor sends it as './dist/harness-tasks.js' (relative
// to its root) and each coro-worker resolves that under its --root, the same folder, where the
// module's own imports (@coro/core) resolve as they do for compare. The demos folder would not do:
// the task module lies outside it, and a file: task must lie under the root.
const compareRoot = dirname(createRequire(import.meta.url).resolve('@coro/compare/package.json'));
const countPrimes = task<(from: number, to: number) => number>(pathToFileURL(join(compareRoot, 'dist', 'harness-tasks.js')), 'countPrimes');

let redis: DemoRedis | undefined;
let executor: BullExecutor | undefined;
const workers: WorkerProcess[] = [];
let stopping: Promise<void> | undefined;
/** Aborted on Ctrl-C: what is still starting is killed at once (the rest is stopped by stopAll). */
const interrupted = new AbortController();

/** Stop what we started, in the order that lets each part shut down cleanly: callers, workers, Redis. */
function stopAll(): Promise<void> {
  return (stopping ??= (async () => {
    await executor?.close();
    await Promise.all(workers.map((worker) => worker.stop()));
    await redis?.stop();
  })());
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\ndistributed: ${signal}, stopping the workers and Redis`);
    interrupted.abort();
    void stopAll().finally(() => process.exit(130));
  });
}

/** Start one more `coro-worker --executor thread --size 1` on the demo's queue. */
async function addWorker(url: string, queue: string): Promise<void> {
  const name = `worker-${workers.length + 1}`;
  const args = ['--redis', url, '--queue', queue, '--executor', 'thread', '--size', '1', '--root', compareRoot, '--name', name, '--grace', '2000'];
  workers.push(await startWorkerProcess(args, compareRoot, interrupted.signal));
}

/** Run the same JOBS jobs on whatever workers serve the queue; seconds taken and primes counted. */
async function timeJobs(on: BullExecutor): Promise<{ seconds: number; counts: number[] }> {
  // Warm every worker's thread and JIT first, so the timing compares running jobs, not starting threads.
  await Promise.all(Array.from({ length: 2 * workers.length }, () => on.submit(countPrimes, 0, LIMIT / 4)));
  const start = performance.now();
  const counts = await Promise.all(Array.from({ length: JOBS }, () => on.submit(countPrimes, 0, LIMIT)));
  return { seconds: (performance.now() - start) / 1000, counts };
}

function rateLine(label: string, run: { seconds: number }): string {
  return `${label}: ${JOBS} jobs in ${run.seconds.toFixed(2)} s, ${(JOBS / run.seconds).toFixed(1)} jobs/s`;
}

async function main(): Promise<number> {
  const loadBefore = loadavg()[0] ?? 0; // before we add load of our own
  redis = await demoRedis(process.env, interrupted.signal);
  if (redis === undefined) {
    if (process.env.CORO_DEMO_IN_TOUR === '1') {
      console.log(howToEnable);
      return 0;
    }
    console.error(howToEnable);
    return 1;
  }
  const queue = `coro-demo-distributed-${process.pid}`;
  const cpus = availableParallelism();
  console.log(`Redis: ${redis.description}`);
  console.log(`Jobs: ${JOBS} × countPrimes(0, ${LIMIT.toLocaleString('en-US')}) from @coro/compare, queue '${queue}', on coro-worker processes (--executor thread --size 1)\n`);
  executor = new BullExecutor({ connection: redis.url, queue, root: compareRoot, closeTimeout: 2000 });

  await addWorker(redis.url, queue);
  const one = await timeJobs(executor);
  console.log(rateLine('1 coro-worker ', one));

  await addWorker(redis.url, queue);
  const two = await timeJobs(executor);
  console.log(rateLine('2 coro-workers', two));

  const counts = new Set([...one.counts, ...two.counts]);
  if (counts.size !== 1) throw new Error(`distributed: the jobs disagree on how many primes lie below ${LIMIT}: ${[...counts].join(', ')}`);
  console.log(`(each job found ${[...counts][0]} primes)\n`);
  console.log(speedUpLine(2, one.seconds / two.seconds, cpus));
  const note = busyNote(loadBefore, cpus);
  if (note) console.log(note);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  // Interrupted: what failed is what the signal handler stopped; it has said so already.
  if (!interrupted.signal.aborted) {
    console.error(error instanceof Error ? error.message : error);
    workers.forEach((worker, i) => console.error(`--- what worker-${i + 1} printed:\n${worker.output()}`));
  }
  process.exitCode = interrupted.signal.aborted ? 130 : 1;
} finally {
  await stopAll();
}
