// A real Redis for the tests: a redis-server of our own (tools/redis) with every write on disk, so
// that a restart loses nothing; or the one REDIS_URL names. Stopped when the test file ends.
import { redisAnswers, startRedisServer } from '../../../tools/redis/redis-server.js';

export interface TestRedis {
  readonly url: string;
  /** Whether this Redis is ours (it can be restarted). */
  readonly owned: boolean;
  /** Shut Redis down (saving) and start it again on the same port with the same data. */
  restart(downFor?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const given = process.env.REDIS_URL;
  if (given) {
    if (!(await redisAnswers(given, 5000))) throw new Error(`REDIS_URL is ${given}, but nothing there answers PING`);
    return {
      url: given,
      owned: false,
      restart: () => Promise.reject(new Error('REDIS_URL names a Redis these tests do not own; the restart test needs their own')),
      stop: () => Promise.resolve(),
    };
  }
  const server = await startRedisServer({ persist: true });
  return { url: server.url, owned: true, restart: (downFor) => server.restart(downFor), stop: () => server.stop() };
}
