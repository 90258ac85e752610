import childProcess, { type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { bindOperation, ownerNow } from './owner.js';
import { installOwnership } from './ownership.js';
import { isAreaPatched, markPatched, replace } from './registry.js';

const ASYNC_APIS = ['spawn', 'exec', 'execFile', 'fork'] as const;

function bindChild(child: ChildProcess): ChildProcess {
  const owner = ownerNow();
  if (owner === undefined) return child;
  const binding = bindOperation(owner, true);
  binding.signal.addEventListener('abort', () => child.kill(), { once: true });
  // The child is the greenlet's operation for its whole life: it never outlives the greenlet.
  child.once('exit', () => binding.settle()).once('error', () => binding.settle());
  return child;
}

/**
 * Bind child processes to greenlets: `spawn`, `exec`, `execFile` and `fork` called inside a
 * greenlet are killed (`SIGTERM`, or the `killSignal` you gave) when that greenlet ends or is
 * interrupted (`kill()`, `Timeout`), so no child outlives the greenlet that started it.
 * Idempotent.
 *
 * @example
 * ```ts
 * import { spawn as spawnChild } from 'node:child_process';
 * import { once } from 'node:events';
 * import { spawn, wait, withTimeout } from '@coro/gevent';
 * import { patchChildProcess } from '@coro/gevent/monkey';
 *
 * patchChildProcess();
 * spawn(function* () {
 *   const child = spawnChild('sleep', ['10']);
 *   yield* wait(once(child, 'exit')); // killed if this greenlet is killed
 * });
 * ```
 */
export function patchChildProcess(): void {
  installOwnership();
  if (isAreaPatched('childProcess')) return;
  for (const name of ASYNC_APIS) {
    const original = childProcess[name] as ((...args: unknown[]) => ChildProcess) & { [promisify.custom]?: (...args: unknown[]) => Promise<unknown> & { child: ChildProcess } };
    const patched = function (this: unknown, ...args: unknown[]) {
      return bindChild(original.apply(this, args));
    };
    // promisify(exec) and promisify(execFile) use a custom form that resolves { stdout, stderr }; bind it too.
    const custom = original[promisify.custom];
    if (custom) {
      Object.defineProperty(patched, promisify.custom, {
        value: function (this: unknown, ...args: unknown[]) {
          const promise = custom.apply(this, args);
          bindChild(promise.child);
          return promise;
        },
      });
    }
    replace('node:child_process', childProcess, name, patched as unknown as (typeof childProcess)[typeof name]);
  }
  markPatched('childProcess');
}
