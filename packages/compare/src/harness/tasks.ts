// The task module every executor runs unchanged (a build entry of its own, loaded by URL): the
// harness swaps executors and nothing else. Waiting tasks are coroutines (generator functions on
// core's operations), so coroutine and greenlet executors wait without a thread or process each.
import { sleep, wait, type Operation } from '@coro/core';

/** Does nothing: dispatch cost only. */
export function noop(): void {}

/** How many primes lie in [from, to): CPU-bound work with nothing to wait for. */
export function countPrimes(from: number, to: number): number {
  let count = 0;
  for (let n = Math.max(from, 2); n < to; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/** Wait `ms` without using the CPU. */
export function* sleepFor(ms: number): Operation<number> {
  yield* sleep(ms);
  return ms;
}

/** GET `url` `count` times, one after another; returns the bytes received. */
export function* fetchMany(url: string, count: number): Operation<number> {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const response = yield* wait(fetch(url));
    bytes += (yield* wait(response.arrayBuffer())).byteLength;
  }
  return bytes;
}

/**
 * One end of a ping-pong over shared memory: side 0 writes odd numbers, side 1 even ones, each
 * waiting (Atomics.wait) for the other's turn. Returns the milliseconds the rounds took.
 */
export function pingPong(shared: SharedArrayBuffer, side: 0 | 1, rounds: number): number {
  const cell = new Int32Array(shared);
  const start = performance.now();
  for (let turn = side; turn < 2 * rounds; turn += 2) {
    for (let seen = Atomics.load(cell, 0); seen !== turn; seen = Atomics.load(cell, 0)) Atomics.wait(cell, 0, seen);
    Atomics.store(cell, 0, turn + 1);
    Atomics.notify(cell, 0);
  }
  return performance.now() - start;
}
