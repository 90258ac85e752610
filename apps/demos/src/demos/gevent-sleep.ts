/**
 * The seed's gevent listing: spawn + join of work1 and work2, each printing and sleeping with
 * `time.sleep(0.1)`. Run twice with the same code: first unpatched, where `time.sleep` blocks the
 * whole thread (work1 runs to the end, then work2: ≈2.0 s), then after `monkey.patchAll()`, where
 * it becomes the hub's sleep and the two interleave (≈1.0 s).
 */
import { spawn } from '@coro/gevent';
import { patchAll, time } from '@coro/gevent/monkey';

function* work1() {
  for (let i = 0; i < 10; i++) {
    console.log(`Work1---${i}`);
    // 只有使用了gevent.sleep()方法，协程之间才会切换上下文；或者打完补丁后也不需要使用gevent.sleep()方法也可以切换
    // yield* gevent.sleep(100);
    yield* time.sleep(100);
  }
}

function* work2() {
  for (let i = 0; i < 10; i++) {
    console.log(`Work2---${i}`);
    // yield* gevent.sleep(100);
    yield* time.sleep(100);
  }
}

async function main(): Promise<void> {
  // 创建两个协程
  const g1 = spawn(work1);
  const g2 = spawn(work2);

  // 让线程等待协程执行,默认不会切换,在work中使用了gevent.sleep()方法协程之间才会切换
  await g1.join();
  await g2.join();
}

// 统计函数运行时间 (the seed's count_time format)
async function countTime(func: () => Promise<void>): Promise<void> {
  const startTime = time.time();
  await func();
  const endTime = time.time();
  console.log(`总耗时: ${endTime - startTime}`);
}

console.log('# 未打补丁: time.sleep() 阻塞整个线程 (unpatched: time.sleep blocks the thread)');
await countTime(main);

patchAll();
console.log('# monkey.patchAll() 之后: time.sleep() 只让出当前协程 (patched: time.sleep parks only its greenlet)');
await countTime(main);
