// Each start of a job is counted in BullMQ's job hash (our own field), so that a worker taking a
// stalled job can tell a lost worker (the job had started) from a lost reply (it never had). The
// starts of one turn of the event loop travel together, as one script call. (A job that kills its
// worker before the turn ends is not counted; the processor's spare activations bound its retries.)
import type { Redis } from 'ioredis';

/** Our field in BullMQ's job hash: how many times a coro-worker started the job. */
const STARTS_FIELD = 'coro-starts';

// Only where the job still exists: a job removed meanwhile (aborted) must not come back as a stray hash.
const COUNT_STARTS = `for _, key in ipairs(KEYS) do if redis.call('EXISTS', key) == 1 then redis.call('HINCRBY', key, '${STARTS_FIELD}', 1) end end`;

export interface StartMarks {
  /** Count a start of the job whose hash is `jobKey`; sent at the end of this turn, not awaited. */
  mark(jobKey: string): void;
  /** Take back a start: the job was handed back to the queue at shutdown, which loses no worker. */
  unmark(jobKey: string): Promise<unknown>;
  /** How many starts were counted for the job. */
  count(jobKey: string): Promise<number>;
}

export function startMarks(redis: Redis): StartMarks {
  let batch: string[] = [];
  const flush = () => {
    const keys = batch;
    batch = [];
    redis.eval(COUNT_STARTS, keys.length, ...keys).catch(() => undefined);
  };
  return {
    mark(jobKey) {
      if (batch.push(jobKey) === 1) setImmediate(flush);
    },
    unmark(jobKey) {
      return redis.hincrby(jobKey, STARTS_FIELD, -1);
    },
    async count(jobKey) {
      return Number((await redis.hget(jobKey, STARTS_FIELD)) ?? 0);
    },
  };
}
