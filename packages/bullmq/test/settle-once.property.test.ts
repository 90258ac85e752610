// Property: whatever happens around them — aborts at random moments, workers shut down mid-job and
// replaced — every submitted job settles exactly once, with its own value, or with JobAborted only if
// it was aborted. Nothing is lost, nothing is settled twice, nothing is left pending. Seeded.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullExecutor, JobAborted, task } from '../src/index.js';
import { startWorker, type CoroWorker } from '../src/worker/start-worker.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { packageRoot } from './workers.js';

const slow = task<(ms: number, value: string) => Promise<string>>(new URL('./fixtures/tasks.mjs', import.meta.url), 'slow');
const RUNS = Number(process.env.CORO_BULLMQ_PROPERTY_RUNS ?? 20);

let redis: TestRedis;
let trial = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const job = fc.record({ ms: fc.integer({ min: 0, max: 60 }), abortAfter: fc.option(fc.integer({ min: 0, max: 80 }), { freq: 3 }) });
const plan = fc.record({
  jobs: fc.array(job, { minLength: 5, maxLength: 40 }),
  /** Moments (ms) at which one of the workers is shut down at once (its running jobs handed back) and replaced. */
  handBacks: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('every job settles exactly once', () => {
  it(`with random aborts and workers handing back their jobs (${RUNS} seeded trials)`, async () => {
    await fc.assert(
      fc.asyncProperty(plan, async ({ jobs, handBacks }) => {
        const queue = `property-${process.pid}-${++trial}`;
        const start = () => startWorker({ connection: redis.url, queue, executor: 'coroutine', size: 4, root: packageRoot });
        const workers: CoroWorker[] = [await start(), await start()];
        const executor = new BullExecutor({ connection: redis.url, queue, root: packageRoot, abortTimeout: 10_000 });
        const settlements = jobs.map(() => [] as string[]);
        const timers: NodeJS.Timeout[] = [];
        try {
          const promises = jobs.map(({ ms, abortAfter }, i) => {
            const controller = new AbortController();
            if (abortAfter !== null) timers.push(setTimeout(() => controller.abort(`abort ${i}`), abortAfter));
            return executor.submit(slow.with({ signal: controller.signal }), ms, `job-${i}`).then(
              (value) => void settlements[i]!.push(`value ${value}`),
              (error: unknown) => void settlements[i]!.push(error instanceof JobAborted ? `aborted ${String(error.cause)}` : `error ${String(error)}`),
            );
          });
          const churn = handBacks.map(async (at, k) => {
            await sleep(at);
            const victim = workers[k % workers.length]!;
            workers[k % workers.length] = await start();
            await victim.close(0);
          });
          await Promise.all([...promises, ...churn]);
          await sleep(50); // a second settlement, if there were one, would have come by now
          jobs.forEach(({ abortAfter }, i) => {
            const seen = settlements[i]!;
            expect(seen, `job ${i}`).toHaveLength(1);
            const allowed = abortAfter === null ? [`value job-${i}`] : [`value job-${i}`, `aborted abort ${i}`];
            expect(allowed, `job ${i} settled with ${seen[0]}`).toContain(seen[0]);
          });
          expect(executor.size).toBe(0);
        } finally {
          for (const timer of timers) clearTimeout(timer);
          await executor.close();
          await Promise.all(workers.map((worker) => worker.close(0)));
        }
      }),
      { numRuns: RUNS, seed: 20261206, endOnFailure: true },
    );
  }, 120_000);
});
