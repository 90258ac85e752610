/**
 * The seed's greenlet listing, line for line: test1 and test2 hand control to each other by name
 * with `switch()`, each sleeping 0.1 s (a *blocking* sleep, like Python's time.sleep) after being
 * switched back to. The program ends when test1 returns to main; test2 is left suspended in its
 * last switch, exactly as in Python.
 *
 * Python                          →  TypeScript
 *   def test1():                  →  function* test1() {
 *       g2.switch()               →      yield* g2.switch();
 *   g1 = greenlet(test1)          →  const g1 = new greenlet(test1);
 *   g1.switch()  (from main)      →  g1.switch();  (synchronous: returns when control is back in main)
 */
import { greenlet } from '@coro/greenlet';

/** Python's time.sleep(seconds): blocks the whole thread, as the seed's does. */
function timeSleep(seconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
}

function* test1() {
  for (let i = 0; i < 10; i++) {
    console.log(i);
    console.log('切换到g2');
    // 协程之间切换
    yield* g2.switch();
    timeSleep(0.1);
  }
}

function* test2() {
  for (let i = 10; i < 20; i++) {
    console.log(i);
    console.log('切换到g1');
    yield* g1.switch();
    timeSleep(0.1);
  }
}

// 创建一个协程
const g1 = new greenlet(test1);
const g2 = new greenlet(test2);

g1.switch();
