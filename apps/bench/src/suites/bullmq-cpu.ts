import { inChild } from '../child.js';
import type { Measurement } from '../measurement.js';
import { attempts } from './bullmq/attempts.js';
import { startWorkerProcesses } from './bullmq/coro-workers.js';
import { JOBS, PRIMES_BELOW, ROUNDS } from './bullmq/cpu-rounds.js';
import type { Rate } from './bullmq/noop-rounds.js';
import { freshQueue, obliterate } from './bullmq/queues.js';
import { PRODUCER_CPU, workerCpus } from './bullmq/placement.js';
import type { BenchRedis } from './bullmq/redis-server.js';
import { scalingNote } from './bullmq/ratio.js';
import { benchRoot } from './bullmq/task-refs.js';

const rounds = new URL('./bullmq/cpu-rounds.ts', import.meta.url);

/** Jobs per second with `workers` coro-worker processes on a fresh queue, removed afterwards. */
async function measure(workers: number, url: string): Promise<Rate> {
  const queue = freshQueue('cpu');
  try {
    const running = await startWorkerProcesses(workerCpus(workers), url, queue, benchRoot);
    try {
      return await inChild<Rate>(rounds, 'cpuRounds', [url, queue], { cpus: PRODUCER_CPU });
    } finally {
      await running.stop();
    }
  } finally {
    await obliterate(url, queue).catch(() => undefined);
  }
}

function row(impl: string, rate: Rate | Error, note: string): Measurement {
  if (rate instanceof Error) return { suite: 'bullmq', case: 'cpu-jobs', impl, runs: 0, spread: 0, note: `failed: ${rate.message.split('\n')[0]}` };
  return { suite: 'bullmq', case: 'cpu-jobs', impl, opsPerSec: rate.opsPerSec, runs: rate.runs, spread: rate.spread, note };
}

/**
 * Case `cpu-jobs`: CPU-bound jobs (countPrimes below 350,000, about 30 ms each) per second through
 * BullExecutor, served by one and by two `coro-worker --executor thread --size 1` processes, each
 * pinned to its own CPU. Goal: two workers ≥ 1.7× one worker on this 2-CPU machine.
 */
export async function* cpuJobs(redis: BenchRedis): AsyncIterable<Measurement> {
  const shape = `${JOBS} × countPrimes(${PRIMES_BELOW.toLocaleString('en-US')}) per round via map, ${ROUNDS} rounds`;
  const where = (count: number) =>
    `coro-worker --executor thread --size 1 ${count === 1 ? 'on CPU' : 'one each on CPUs'} ${workerCpus(count).join(' and ')}, producer (child process) on CPU ${PRODUCER_CPU} (taskset); ${redis.placement}`;
  const one = await attempts(() => measure(1, redis.url));
  yield row('@coro/bullmq (1 worker)', one, `${shape}; ${where(1)}`);
  const two = await attempts(() => measure(2, redis.url));
  const cpus = new Set(workerCpus(2)).size;
  const scaling = one instanceof Error || two instanceof Error ? 'no ratio (a figure is missing)' : scalingNote(two.opsPerSec, one.opsPerSec, cpus, 1.7);
  yield row('@coro/bullmq (2 workers)', two, `${scaling}; ${shape}; ${where(2)}`);
}
