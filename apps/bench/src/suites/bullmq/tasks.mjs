// The tasks the bullmq suite submits. Plain JavaScript, because coro-worker runs them in plain Node
// (no tsx); a worker finds this file as ./src/suites/bullmq/tasks.mjs under its --root (apps/bench).

/** Nothing: what a job costs when the work is free. */
export function noop() {}

/** How many primes lie below `n`, by trial division: fixed CPU work with no allocation. */
export function countPrimes(n) {
  let count = 0;
  for (let k = 2; k < n; k++) {
    let prime = true;
    for (let d = 2; d * d <= k; d++) {
      if (k % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}
