// Coroutine-specific probes (switch, spawn, memory) on @coro/core.

/** Spawn and join `count` coroutines one after another. */
export function spawnAndJoin(_count: number): Promise<void> {
  return Promise.reject(new Error('coroutine probes need @coro/core spawn/run'));
}

/** Ping-pong two coroutines `rounds` times; returns the milliseconds it took. */
export function pingPongCoroutines(_rounds: number): Promise<number> {
  return Promise.reject(new Error('coroutine probes need @coro/core spawn/run'));
}

/** Park `count` coroutines on a long timer; returns how to release them. */
export function parkedCoroutines(_count: number): Promise<() => Promise<void>> {
  return Promise.reject(new Error('coroutine probes need @coro/core spawn/run'));
}
