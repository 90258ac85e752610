import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { detached } from './abortable.js';
import { bindOperation, ownerNow } from './owner.js';
import { installOwnership } from './ownership.js';
import { isAreaPatched, markPatched, replace } from './registry.js';

type FsCall = (this: unknown, ...args: unknown[]) => Promise<unknown>;

// These accept an AbortSignal in their options (argument 2, or 3 for writeFile/appendFile's data).
const SIGNAL_AWARE: Readonly<Record<string, number>> = { readFile: 1, writeFile: 2, appendFile: 2 };

function isFileHandle(value: unknown): value is FileHandle {
  return typeof value === 'object' && value !== null && typeof (value as FileHandle).close === 'function' && typeof (value as FileHandle).fd === 'number';
}

function bound(name: string, original: FsCall): FsCall {
  const optionsIndex = SIGNAL_AWARE[name];
  return function (this: unknown, ...args: unknown[]) {
    const owner = ownerNow();
    if (owner === undefined) return original.apply(this, args);
    const binding = bindOperation(owner, true);
    if (optionsIndex !== undefined) {
      const given = args[optionsIndex];
      const options = typeof given === 'string' ? { encoding: given } : ((given ?? {}) as { signal?: AbortSignal });
      args[optionsIndex] = { ...options, signal: binding.signal };
    }
    // Other calls are already in the thread pool and cannot be stopped: release the greenlet, close a late file.
    return detached(binding, original.apply(this, args), (late) => {
      if (isFileHandle(late)) void late.close().catch(() => undefined);
    });
  };
}

/**
 * Bind `fs/promises` to greenlets: `readFile`, `writeFile` and `appendFile` started inside a
 * greenlet are aborted when it ends or is interrupted; every other call is detached (the greenlet
 * is released at once; a FileHandle that `open` returns too late is closed). Idempotent.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { spawn, wait } from '@coro/gevent';
 * import { patchFs } from '@coro/gevent/monkey';
 *
 * patchFs();
 * spawn(function* () {
 *   const text = yield* wait(readFile('/etc/hostname', 'utf8'));
 * });
 * ```
 */
export function patchFs(): void {
  installOwnership();
  if (isAreaPatched('fs')) return;
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const name of Object.keys(promises)) {
    const original = promises[name];
    if (typeof original !== 'function' || name === 'constants' || /^[A-Z]/.test(name) || name === 'watch') continue;
    replace('node:fs/promises', promises, name, bound(name, original as FsCall));
  }
  markPatched('fs');
}
