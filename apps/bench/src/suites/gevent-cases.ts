// Child-process workloads of the `gevent` suite: each export runs in a fresh Node process.
import { type Greenlet, joinAll, killAll, sleep, spawn } from '@coro/gevent';
import { bytesPerUnit, opsPerSecond, type Rate } from '../timing.js';

export const SLEEP0_TOTAL = 4_000_000;
export const SPAWNS = 100_000;
export const SLEEPERS = 10_000;
/** Runs per child; the suite runs several children per case (rounds.ts). */
export const RUNS = 5;

function* yielder(times: number): Generator<unknown, void, unknown> {
  for (let i = 0; i < times; i++) yield* sleep(0);
}

/** sleep0-N: N greenlets each calling sleep(0) in a loop; the rate counts sleep(0) calls (= switches). */
export function geventSleep0(greenlets: number, total: number, runs: number): Promise<Rate> {
  const each = Math.floor(total / greenlets);
  return opsPerSecond(each * greenlets, runs, async () => {
    const all: Greenlet<void>[] = [];
    for (let i = 0; i < greenlets; i++) all.push(spawn(yielder, each));
    await joinAll(all);
  }, 'cpu');
}

function one(): number {
  return 1;
}

/** spawn-100k: spawn 100,000 greenlets and joinAll them, end to end. */
export function geventSpawn(count: number, runs: number): Promise<Rate> {
  return opsPerSecond(count, runs, async () => {
    const all: Greenlet<number>[] = [];
    for (let i = 0; i < count; i++) all.push(spawn(one));
    await joinAll(all);
  }, 'cpu');
}

/** Spawn `n` greenlets asleep in sleep(60 s); return how to kill them. */
async function sleepers(n: number): Promise<() => Promise<void>> {
  const all: Greenlet<void>[] = [];
  for (let i = 0; i < n; i++) all.push(spawn(() => sleep(60_000)));
  await sleep(0); // every greenlet has started and is parked on its timer
  return async () => {
    await killAll(all);
  };
}

/**
 * sleep-10k: heap bytes per greenlet while `count` greenlets are all asleep in sleep(60 s). One
 * warm-up hold first, as the rate cases warm up: the first one also creates the hub (its queue and
 * timer heap) and compiles the code, 30–50 bytes per greenlet at 10,000 that no later hold costs.
 */
export async function geventSleepBytes(count: number, runs: number): Promise<number[]> {
  await (await sleepers(count))();
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) samples.push(await bytesPerUnit(count, sleepers));
  return samples;
}
