/*
 * The entry of a program (Effection's `main`). The process is the root's: a signal cancels the
 * root so every `finally` runs before the exit, a failure is printed once with its task chain,
 * and the exit code says how it ended. In a browser (no `process`) it only runs the root.
 */
import { defaultScheduler } from './default-scheduler.js';
import { describeValue } from './describe.js';
import { Cancelled } from './errors.js';
import type { Coroutine } from './operation.js';

type Signal = 'SIGINT' | 'SIGTERM';

interface NodeProcess {
  on(event: Signal, listener: () => void): unknown;
  off(event: Signal, listener: () => void): unknown;
  exit(code: number): never;
}

/** The conventional exit codes of a process ended by a signal: 128 + its number. */
const EXIT_CODES: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Run a program's top-level operation as the root task of the default scheduler, and end the
 * process with it:
 *
 * - done → exit code 0 (even if something else, such as a forgotten server, would keep Node alive);
 * - failed → the error is printed to stderr with the chain of tasks it ran in, exit code 1;
 * - SIGINT or SIGTERM → the root is cancelled, every `finally` block runs (and may `yield*`),
 *   then exit code 130 or 143. A second signal during that cleanup exits at once.
 *
 * Without a Node `process` (a browser) it runs the root and resolves or rejects with it.
 *
 * @example
 * ```ts
 * import { main, sleep } from '@coro/core';
 *
 * await main(function* () {
 *   try {
 *     console.log('serving; press Ctrl-C to stop');
 *     yield* sleep(Infinity);
 *   } finally {
 *     console.log('closed cleanly'); // runs on Ctrl-C, then the process exits with 130
 *   }
 * });
 * ```
 *
 * @typeParam T - the root's result (ignored: a program's outcome is its exit code).
 */
export async function main<T>(fn: () => Coroutine<T>): Promise<void> {
  if (typeof fn !== 'function') throw new TypeError(`main: fn must be a generator function (function*), got ${describeValue(fn)}`);
  const root = defaultScheduler().spawnWith({ name: 'main' }, fn);
  const proc = (globalThis as { process?: Partial<NodeProcess> }).process;
  if (proc === undefined || typeof proc.on !== 'function' || typeof proc.exit !== 'function') {
    await root;
    return;
  }
  const node = proc as NodeProcess;
  let signalled: Signal | undefined;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = (): void => {
      if (signalled !== undefined) node.exit(EXIT_CODES[signalled]); // a second signal: stop waiting for cleanup
      signalled = signal;
      root.cancel(new Cancelled(`main received ${signal}`));
    };
    node.on(signal, handler);
    return [signal, handler] as const;
  });
  let code = 0;
  try {
    await root;
  } catch (error) {
    if (!(error instanceof Cancelled && signalled !== undefined)) {
      console.error(error); // its stack carries the task chain ("in task … ← spawned by …")
      code = 1;
    }
  } finally {
    for (const [signal, handler] of handlers) node.off(signal, handler);
  }
  node.exit(signalled !== undefined && code === 0 ? EXIT_CODES[signalled] : code);
}
