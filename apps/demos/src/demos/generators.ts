/**
 * The seed's first listing, line for line: two generators, work1 and work2, driven by hand with
 * next(). Each prints a line, sleeps 0.1 s (a *blocking* sleep, like Python's time.sleep) and
 * yields; generateWork resumes them in turn until one is exhausted.
 *
 * Python                          →  TypeScript
 *   def work1(): ... yield        →  function* work1() { ... yield; }
 *   next(g1)                      →  g1.next()
 *   except StopIteration: break   →  if (g1.next().done) break;  (JS reports the end, it does not throw)
 *
 * `@coro/core` is this loop grown up: `scheduler.spawn(work1); scheduler.spawn(work2);
 * await scheduler.run()` resumes the same generators round-robin, with timers, cancellation and
 * channels on top.
 */

/** Python's time.sleep(seconds): blocks the whole thread, as the seed's does. */
function timeSleep(seconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
}

function* work1() {
  for (let i = 0; i < 10; i++) {
    console.log(`Work1---${i}`);
    timeSleep(0.1);
    yield;
  }
}

function* work2() {
  for (let i = 0; i < 10; i++) {
    console.log(`Work2---${i}`);
    timeSleep(0.1);
    yield;
  }
}

function generateWork(): void {
  const g1 = work1();
  const g2 = work2();
  while (true) {
    // next() signals the end with done: true where Python raises StopIteration
    if (g1.next().done) break;
    if (g2.next().done) break;
  }
}

// work1()
// work2()

generateWork();
