// Coroutine-specific probes (switch, spawn, memory) on @coro/core's scheduler.
import { run, sleep, spawn, type Task } from '@coro/core';

/** Spawn and join `count` coroutines one after another. */
export async function spawnAndJoin(count: number): Promise<void> {
  await run(function* () {
    for (let i = 0; i < count; i++) yield* spawn(function* () {});
  });
}

/** Two coroutines handing the turn to each other (a bare `yield`) `rounds` times; returns the milliseconds. */
export async function pingPongCoroutines(rounds: number): Promise<number> {
  function* player() {
    for (let i = 0; i < rounds; i++) yield;
  }
  const start = performance.now();
  await run(function* () {
    const a = spawn(player);
    const b = spawn(player);
    yield* a;
    yield* b;
  });
  return performance.now() - start;
}

/** Park `count` coroutines on a long timer; returns how to cancel them. */
export async function parkedCoroutines(count: number): Promise<() => Promise<void>> {
  const tasks: Task<void>[] = [];
  for (let i = 0; i < count; i++) {
    tasks.push(
      spawn(function* () {
        yield* sleep(600_000);
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 0)); // let every task start and park
  return async () => {
    for (const task of tasks) task.cancel();
    await Promise.allSettled(tasks);
  };
}
