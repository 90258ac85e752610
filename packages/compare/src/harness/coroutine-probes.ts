// Coroutine-specific probes (switch, spawn, memory) on @coro/core's scheduler.
import { run, Scheduler, sleep, spawn, type Task } from '@coro/core';

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

/**
 * Park `count` coroutines on a long timer on a scheduler of their own; returns how to cancel them.
 * Nothing of one run may outlive it: cancelled tasks (each holding its Cancelled error) that stayed
 * reachable from the default scheduler or this closure until the next run were freed in the middle
 * of that run, which then reported a negative size (−568 B per coroutine, issue 13).
 */
export async function parkedCoroutines(count: number): Promise<() => Promise<void>> {
  const scheduler = new Scheduler();
  const tasks: Task<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    tasks.push(
      scheduler.spawn(function* () {
        yield* sleep(600_000);
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 0)); // let every task start and park
  return async () => {
    scheduler.cancel();
    await Promise.allSettled(tasks);
    tasks.length = 0;
  };
}
