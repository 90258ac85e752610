// Task modules for the Pool-as-Executor tests: named exports, as core's task() refers to them.
import { sleep } from '../src/hub/sleep.js';

export function* double(n: number): Generator<unknown, number, unknown> {
  yield* sleep(10);
  return n * 2;
}

export async function triple(n: number): Promise<number> {
  await Promise.resolve();
  return n * 3;
}

export function* forever(): Generator<unknown, void, unknown> {
  for (;;) yield* sleep(1000);
}
