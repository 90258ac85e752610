// The Redis the bullmq suite measures against: a redis-server of its own (tools/redis) with
// persistence off (a benchmark measures the queue, not the disk), pinned with taskset like the other
// suites' servers; or the one REDIS_URL names, which it leaves alone.
import { redisAnswers, startRedisServer } from '../../../../../tools/redis/redis-server.js';

export interface BenchRedis {
  readonly url: string;
  /** Where it runs, for the rows' notes. */
  readonly placement: string;
  stop(): Promise<void>;
}

/** Start redis-server pinned to `cpus` (a `taskset -c` list), or use REDIS_URL. */
export async function startRedis(cpus: string): Promise<BenchRedis> {
  const given = process.env.REDIS_URL;
  if (given) {
    if (!(await redisAnswers(given, 5000))) throw new Error(`REDIS_URL is ${given}, but nothing there answers PING`);
    return { url: given, placement: 'Redis from REDIS_URL (placement unknown)', stop: () => Promise.resolve() };
  }
  const server = await startRedisServer({ cpus });
  return { url: server.url, placement: `redis-server on CPU ${cpus} (taskset)`, stop: () => server.stop() };
}
