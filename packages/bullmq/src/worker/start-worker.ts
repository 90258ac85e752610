import { availableParallelism, hostname } from 'node:os';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { bounded } from '../bounded.js';
import { bullConnection, describeConnection, redisOptions, type RedisConnection } from '../connection.js';
import { count, duration, queueName } from '../options.js';
import { keysOf } from '../payload.js';
import { rootUrl } from '../task-names.js';
import { localRunner } from './local-runner.js';
import { startMarks } from './start-marks.js';
import { ABORTED_BY_SUBMITTER, abortRunning, makeProcessor, type Running } from './processor.js';

/**
 * Options of {@link startWorker} (the flags of `coro-worker`).
 *
 * @example
 * ```ts
 * const options: WorkerOptions = { queue: 'primes', executor: 'thread', size: 4 };
 * ```
 */
export interface WorkerOptions {
  /** Where Redis is; default `REDIS_URL`, else `redis://127.0.0.1:6379`. */
  readonly connection?: RedisConnection;
  /** The queue to serve; default `'coro'`. */
  readonly queue?: string;
  /** BullMQ's key prefix; default `'bull'`. */
  readonly prefix?: string;
  /** Where jobs run: `'thread'` (default), `'process'` or `'coroutine'` (this thread: I/O-bound tasks only). */
  readonly executor?: 'thread' | 'process' | 'coroutine';
  /** How many jobs at once: threads or processes (default the CPU count), or coroutines (default 100). */
  readonly size?: number;
  /** The project root task paths are relative to (the executors' `root`); default the current directory. */
  readonly root?: string | URL;
  /**
   * Thread and process executors: how long an aborted job may take to stop by itself (it sees its
   * `jobSignal()`) before its thread or process is ended; default 1000 ms.
   */
  readonly abortGrace?: number;
  /** At shutdown, how long running jobs may take before they are handed back to the queue; default 10000 ms. */
  readonly grace?: number;
  /** BullMQ's lock duration: a lost worker's jobs run again this long after it stopped renewing; default 30000 ms. */
  readonly lockDuration?: number;
  /** How often to look for jobs of lost workers; default 30000 ms (BullMQ's stalledInterval). */
  readonly stalledInterval?: number;
  /** The worker's name in BullMQ and in errors; default `host:pid`. */
  readonly name?: string;
}

/**
 * A running worker: {@link startWorker}'s result.
 *
 * @example
 * ```ts
 * const worker: CoroWorker = await startWorker({ queue: 'primes' });
 * await worker.close();
 * ```
 */
export interface CoroWorker extends AsyncDisposable {
  /** The worker's name (`host:pid` unless given). */
  readonly name: string;
  /** How many jobs it is running now. */
  readonly running: number;
  /**
   * Stop taking jobs, let the running ones finish for up to `grace` ms, hand the rest back to the
   * queue (another worker runs them), then release the executor and Redis.
   */
  close(grace?: number): Promise<void>;
  /** `coro-worker NAME (queue 'Q' on redis://…, thread executor × 4)`. */
  toString(): string;
}

const executorKinds = ['thread', 'process', 'coroutine'] as const;
const known = ['connection', 'queue', 'prefix', 'executor', 'size', 'root', 'abortGrace', 'grace', 'lockDuration', 'stalledInterval', 'name'];

/**
 * Serve a queue: take the jobs a {@link BullExecutor} adds and run them on this machine's thread,
 * process or coroutine executor. Resolves once the worker is connected and taking jobs.
 *
 * @example
 * ```ts
 * import { startWorker } from '@coro/bullmq';
 *
 * const worker = await startWorker({ connection: 'redis://127.0.0.1:6379', queue: 'primes', executor: 'thread', size: 4 });
 * process.once('SIGTERM', () => void worker.close());
 * ```
 */
export async function startWorker(options: WorkerOptions = {}): Promise<CoroWorker> {
  const owner = 'startWorker';
  if (typeof options !== 'object' || options === null) throw new TypeError(`${owner}: options must be an object, got ${String(options)}`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${owner}: unknown option '${key}' (known: ${known.join(', ')})`);
  }
  const kind = options.executor ?? 'thread';
  if (!executorKinds.includes(kind)) throw new TypeError(`${owner}: executor must be one of ${executorKinds.join(', ')}, got ${typeof kind === 'string' ? `'${kind}'` : String(kind)}`);
  let stopping = false;
  let disconnecting = false; // from here on a lost connection is not retried
  const connection = redisOptions(owner, options.connection, () => disconnecting);
  const queue = queueName(owner, 'queue', options.queue, 'coro');
  const prefix = queueName(owner, 'prefix', options.prefix, 'bull');
  const size = count(owner, 'size', options.size, kind === 'coroutine' ? 100 : availableParallelism());
  const root = rootUrl(owner, options.root ?? process.cwd());
  const defaultGrace = duration(owner, 'grace', options.grace, 10_000);
  const abortGrace = duration(owner, 'abortGrace', options.abortGrace, 1000);
  const lockDuration = duration(owner, 'lockDuration', options.lockDuration, 30_000);
  const stalledInterval = duration(owner, 'stalledInterval', options.stalledInterval, 30_000);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  if (typeof name !== 'string' || name === '') throw new TypeError(`${owner}: name must be a non-empty string, got ${String(name)}`);

  const runner = localRunner(kind, size, abortGrace, name);
  const keys = keysOf(prefix, queue);
  const jobKey = (id: string) => `${prefix}:${queue}:${id}`; // BullMQ's job hash
  const running = new Map<string, Running>();
  const abortedRecently = new Map<string, number>();
  const redis = new Redis(connection);
  redis.on('error', () => {}); // ioredis reconnects; commands wait
  const starts = startMarks(redis);
  const subscriber = new Redis(connection);
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, id: string) => {
    abortedRecently.set(id, Date.now());
    if (abortedRecently.size > 10_000) abortedRecently.delete(abortedRecently.keys().next().value!);
    const job = running.get(id);
    if (job) abortRunning(job, ABORTED_BY_SUBMITTER);
  });
  await subscriber.subscribe(keys.abortChannel);

  let emptied: (() => void) | undefined;
  // Back to the queue first (the lock goes with it), then stop the local run: whatever the run ends
  // with can no longer finish the job. If Redis refuses, the job stays ours and runs to its end.
  const handBack = async (job: Running, started: boolean): Promise<boolean> => {
    const key = jobKey(job.job.id!);
    if (started) await starts.unmark(key).catch(() => undefined);
    if (!(await job.job.moveToWait(job.token).then(() => true, () => false))) {
      if (started) starts.mark(key);
      return false;
    }
    job.handedBack = true;
    if (started) abortRunning(job, `coro-worker ${name} is shutting down`);
    return true;
  };
  const processor = makeProcessor({
    closing: () => stopping,
    handBack,
    emptied: () => emptied?.(),
    runner,
    root,
    where: `coro-worker ${name}`,
    running,
    abortedRecently,
    abortedBefore: async (id) => (await redis.exists(keys.abortedKey(id))) === 1,
    markStarted: (id) => starts.mark(jobKey(id)),
    startedBefore: (id) => starts.count(jobKey(id)),
  });
  const bull = new Worker(queue, processor, {
    connection: bullConnection(connection),
    prefix,
    name,
    concurrency: size,
    lockDuration,
    stalledInterval,
    // The processor fails a job lost more often than its `attempts` allow; BullMQ must not do it first.
    maxStalledCount: Number.MAX_SAFE_INTEGER,
  });
  // Connection errors and "Missing lock" after a Redis restart: BullMQ recovers from both (a job
  // whose lock was lost runs again elsewhere; the processor counts only real losses).
  bull.on('error', () => {});
  await bull.waitUntilReady();

  let closing: Promise<void> | undefined;
  // A later close() with a shorter grace cuts the wait short (a second SIGTERM: hand back now).
  let cutShort: (() => void) | undefined;
  const close = (grace = defaultGrace): Promise<void> => {
    if (closing) {
      if (grace === 0) cutShort?.();
      return closing;
    }
    return (closing = (async () => {
      stopping = true;
      await bull.pause(true); // take no more jobs
      if (running.size > 0 && grace > 0) {
        await new Promise<void>((resolve) => {
          const timer = grace === Infinity ? undefined : setTimeout(resolve, grace);
          emptied = cutShort = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      // Still running: back to the queue, where another worker takes them without counting a loss.
      await Promise.all([...running.values()].map((job) => handBack(job, true)));
      // A task that ignores its signal must not hold the shutdown: it is no longer this worker's job.
      disconnecting = true;
      await bounded(bull.close(), 2000);
      await bounded(runner.close(), 2000);
      subscriber.disconnect();
      redis.disconnect();
    })());
  };

  return {
    name,
    get running() {
      return running.size;
    },
    close,
    [Symbol.asyncDispose]: () => close(),
    toString: () => `coro-worker ${name} (queue '${queue}' on ${describeConnection(connection)}, ${kind} executor × ${size})`,
  };
}
