// Child exports of case noop-jobs, each run by inChild in a fresh Node process: rounds of no-op jobs
// submitted all at once and awaited, through bare BullMQ or through @coro/bullmq.
//
// In both, the worker serving the queue lives in the same process as its producer (one event loop,
// pinned to one CPU, Redis on the other). Jobs still travel through Redis either way, so this costs
// neither side a shortcut; a separate worker process would only add a third process competing with
// Redis for the 2 CPUs, and measure the scheduler more than the libraries.
import { randomUUID } from 'node:crypto';
import { BullExecutor, startWorker } from '@coro/bullmq';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { connectionOf, freshQueue, obliterate } from './queues.js';
import { benchRoot, noop } from './task-refs.js';

/** Jobs per round, all submitted at once. */
export const JOBS = 2_000;
export type Rate = { opsPerSec: number; runs: number; spread: number };

/** Timed rounds per child (after one untimed warm-up round); the case runs PAIRS children of each side, alternating. */
export const ROUNDS = 3;
/** Children per side, bare and ours alternating, so a slow spell of the shared machine hits both. */
export const PAIRS = 3;
/** Jobs one worker runs at once, the same on both sides (the coroutine executor's default). */
export const CONCURRENCY = 100;
/** A round that takes longer than this is stuck, not slow. */
const ROUND_TIMEOUT_MS = 60_000;
/** What BullExecutor keeps of finished jobs; the bare side keeps the same, so Redis does the same work. */
const RETENTION = { removeOnComplete: { age: 3600 }, removeOnFail: { age: 86_400 } };


/** One round's queue, producer and worker: `submit` runs one job and settles with its result. */
interface Round {
  submit(): Promise<unknown>;
  close(): Promise<void>;
}

/** Bare BullMQ: Queue.add, a Worker running a no-op, and QueueEvents to learn of each completion. */
async function bareRound(url: string, name: string): Promise<Round> {
  const connection = connectionOf(url);
  const queue = new Queue(name, { connection });
  // A fresh queue's event stream is empty, so reading it from the start misses nothing.
  const events = new QueueEvents(name, { connection, lastEventId: '0' });
  const worker = new Worker(name, async () => {}, { connection, concurrency: CONCURRENCY });
  queue.on('error', () => {});
  events.on('error', () => {});
  worker.on('error', () => {});
  const waiting = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  events.on('completed', ({ jobId, returnvalue }) => {
    waiting.get(jobId)?.resolve(returnvalue);
    waiting.delete(jobId);
  });
  events.on('failed', ({ jobId, failedReason }) => {
    waiting.get(jobId)?.reject(new Error(failedReason));
    waiting.delete(jobId);
  });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()]);
  return {
    // Our own id, registered before the add, as BullExecutor does: no completion can come first.
    submit: () =>
      new Promise((resolve, reject) => {
        const jobId = randomUUID();
        waiting.set(jobId, { resolve, reject });
        queue.add('noop', {}, { jobId, ...RETENTION }).catch(reject);
      }),
    async close() {
      await worker.close();
      await events.close();
      await queue.close();
    },
  };
}

/** @coro/bullmq: BullExecutor.submit, served by startWorker with a coroutine executor. */
async function coroRound(url: string, name: string): Promise<Round> {
  const worker = await startWorker({ connection: url, queue: name, executor: 'coroutine', size: CONCURRENCY, root: benchRoot });
  const executor = new BullExecutor({ connection: url, queue: name, root: benchRoot });
  return {
    submit: () => executor.submit(noop),
    async close() {
      await executor.close();
      await worker.close();
    },
  };
}

async function allWithin<T>(jobs: Promise<T>[], ms: number): Promise<T[]> {
  let settled = 0;
  for (const job of jobs) void job.then(() => settled++, () => settled++);
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`round stuck: ${settled} of ${jobs.length} jobs settled after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.all(jobs), stuck]);
  } finally {
    clearTimeout(timer);
  }
}

/** One round on a fresh queue: set up, one untimed job (connections and reader live), then JOBS timed. */
async function round(start: (url: string, name: string) => Promise<Round>, url: string): Promise<number> {
  const name = freshQueue('noop');
  try {
    const r = await start(url, name);
    try {
      await allWithin([r.submit()], ROUND_TIMEOUT_MS);
      const began = process.hrtime.bigint();
      await allWithin(Array.from({ length: JOBS }, () => r.submit()), ROUND_TIMEOUT_MS);
      return JOBS / (Number(process.hrtime.bigint() - began) / 1e9);
    } finally {
      await r.close();
    }
  } finally {
    await obliterate(url, name);
  }
}

/** The jobs-per-second of each timed round. */
async function rounds(start: (url: string, name: string) => Promise<Round>, url: string): Promise<number[]> {
  await round(start, url); // warm-up: JIT, module loads
  const rates: number[] = [];
  for (let i = 0; i < ROUNDS; i++) rates.push(await round(start, url));
  return rates;
}

/** Rounds of both sides in one child, alternating which goes first: paired, so drift hits both alike. */
export async function pairedRounds(url: string): Promise<{ bare: number[]; coro: number[] }> {
  await round(bareRound, url); // warm-up of both: JIT, module loads
  await round(coroRound, url);
  const bare: number[] = [];
  const coro: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2 === 0) {
      bare.push(await round(bareRound, url));
      coro.push(await round(coroRound, url));
    } else {
      coro.push(await round(coroRound, url));
      bare.push(await round(bareRound, url));
    }
  }
  return { bare, coro };
}

/** Child export: rounds through bare BullMQ. */
export function bareRounds(url: string): Promise<number[]> {
  return rounds(bareRound, url);
}

/** Child export: rounds through @coro/bullmq. */
export function coroRounds(url: string): Promise<number[]> {
  return rounds(coroRound, url);
}
