// Greenlet-specific probes (switch, spawn, memory) on @coro/greenlet, loaded only when measured.
import { getCurrent, greenlet } from '@coro/greenlet';

/** Create `count` greenlets one after another, each run to its end by one switch. */
export function spawnAndFinishGreenlets(count: number): void {
  for (let i = 0; i < count; i++) new greenlet(function* () {}).switch();
}

/** Two greenlets switching to each other `rounds` times; returns the milliseconds it took. */
export function pingPongGreenlets(rounds: number): number {
  const pong = new greenlet(function* () {
    for (;;) yield* ping.switch();
  });
  const ping = new greenlet(function* () {
    for (let i = 0; i < rounds; i++) yield* pong.switch();
  });
  const start = performance.now();
  ping.switch();
  return performance.now() - start;
}

/** Suspend `count` greenlets (each switched back to main once); returns how to drop them. */
export function suspendedGreenlets(count: number): () => Promise<void> {
  const main = getCurrent();
  const parked = Array.from({ length: count }, () => new greenlet(function* () {
    yield* main.switch();
  }));
  for (const g of parked) g.switch();
  return () => {
    parked.length = 0;
    return Promise.resolve();
  };
}
