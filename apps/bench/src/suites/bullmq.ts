import type { Measurement, Suite } from '../measurement.js';
import { cpuJobs } from './bullmq-cpu.js';
import { noopJobs } from './bullmq-noop.js';
import { REDIS_CPU } from './bullmq/placement.js';
import { startRedis } from './bullmq/redis-server.js';

/**
 * Suite `bullmq`: @coro/bullmq over a Redis of its own (or REDIS_URL). `noop-jobs` compares
 * BullExecutor with bare BullMQ on free jobs (goal ≥ 90%); `cpu-jobs` compares one coro-worker
 * process with two on CPU-bound jobs (goal ≥ 1.7×).
 */
export function bullmqSuite(): Promise<Suite> {
  return Promise.resolve({
    name: 'bullmq',
    description: 'BullExecutor vs bare BullMQ on no-op jobs; CPU-bound jobs with 1 and 2 coro-worker processes',
    async *run(): AsyncIterable<Measurement> {
      const redis = await startRedis(REDIS_CPU);
      try {
        yield* noopJobs(redis);
        yield* cpuJobs(redis);
      } finally {
        await redis.stop();
      }
    },
  });
}
