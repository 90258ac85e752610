import { inChild } from '../child.js';
import { summarise, type Measurement } from '../measurement.js';
import { attempts } from './bullmq/attempts.js';
import type { BenchRedis } from './bullmq/redis-server.js';
import { CONCURRENCY, JOBS, PAIRS, ROUNDS, type Rate } from './bullmq/noop-rounds.js';
import { NOOP_CPU } from './bullmq/placement.js';
import { shareNote } from './bullmq/ratio.js';

const rounds = new URL('./bullmq/noop-rounds.ts', import.meta.url);

function row(impl: string, rate: Rate | Error, note: string): Measurement {
  if (rate instanceof Error) return { suite: 'bullmq', case: 'noop-jobs', impl, runs: 0, spread: 0, note: `failed: ${rate.message.split('\n')[0]}` };
  return { suite: 'bullmq', case: 'noop-jobs', impl, opsPerSec: rate.opsPerSec, runs: rate.runs, spread: rate.spread, note };
}

const measure = (exportName: string, url: string): Promise<number[] | Error> => attempts(() => inChild<number[]>(rounds, exportName, [url], { cpus: NOOP_CPU }));

/** All rounds of one side, or its first failure. */
function rate(samples: (number[] | Error)[]): Rate | Error {
  const failed = samples.find((s) => s instanceof Error);
  if (failed) return failed;
  const { value, runs, spread } = summarise((samples as number[][]).flat());
  return { opsPerSec: value, runs, spread };
}

/**
 * Case `noop-jobs`: no-op jobs per second, 2,000 submitted at once per round and each result
 * awaited, through BullExecutor and a coroutine-executor worker (`@coro/bullmq`) against a bare
 * BullMQ Queue + Worker + QueueEvents doing the same (`bullmq`). Goal: ≥ 90% of bare BullMQ.
 */
export async function* noopJobs(redis: BenchRedis): AsyncIterable<Measurement> {
  const placement = `child process on CPU ${NOOP_CPU} (taskset); ${redis.placement}`;
  const shape = `${JOBS.toLocaleString('en-US')} jobs at once per round, fresh queue each round; ${PAIRS} children per side, alternating, ${ROUNDS} rounds each`;
  const bareSamples: (number[] | Error)[] = [];
  const ourSamples: (number[] | Error)[] = [];
  for (let i = 0; i < PAIRS; i++) {
    bareSamples.push(await measure('bareRounds', redis.url));
    ourSamples.push(await measure('coroRounds', redis.url));
  }
  const bare = rate(bareSamples);
  yield row('bullmq', bare, `Queue.add + Worker (concurrency ${CONCURRENCY}) + QueueEvents in one process; ${shape}; ${placement}`);
  const ours = rate(ourSamples);
  const share = bare instanceof Error || ours instanceof Error ? 'no ratio (a figure is missing)' : shareNote(ours.opsPerSec, bare.opsPerSec, 'bullmq', 90);
  yield row('@coro/bullmq', ours, `${share}; BullExecutor.submit + startWorker (coroutine × ${CONCURRENCY}) in one process; ${shape}; ${placement}`);
}
