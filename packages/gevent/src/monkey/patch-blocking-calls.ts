import childProcess from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { BlockingCall, notify } from '../monitor/events.js';
import type { RawGreenlet } from '../hub/raw-greenlet.js';
import { BlockingCallError } from './blocking-call-error.js';
import { currentGreenlet, patchedHub } from './current.js';
import { markPatched, replace } from './registry.js';

/** What a synchronous blocking call inside a greenlet does: print a warning, throw {@link BlockingCallError}, or nothing. */
export type BlockingPolicy = 'warn' | 'throw' | 'off';

const POLICIES: readonly BlockingPolicy[] = ['warn', 'throw', 'off'];
let policy: BlockingPolicy = 'warn';
const warned = new Set<string>();
const guards = new WeakSet<object>();

const targets: ReadonlyArray<readonly [string, object]> = [
  ['fs', fs],
  ['child_process', childProcess],
  ['zlib', zlib],
  ['crypto', crypto],
];

function guard(api: string, original: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const guarded = function (this: unknown, ...args: unknown[]): unknown {
    if (policy !== 'off') {
      const greenlet = currentGreenlet();
      if (greenlet !== undefined) reportBlockingCall(api, greenlet);
    }
    return original.apply(this, args);
  };
  Object.defineProperty(guarded, 'name', { value: original.name });
  guards.add(guarded);
  return guarded;
}

function reportBlockingCall(api: string, greenlet: RawGreenlet): void {
  notify(new BlockingCall(api, greenlet));
  if (policy === 'throw') throw new BlockingCallError(api, greenlet);
  // One warning per API keeps a loop of readFileSync calls from flooding stderr; the events still fire each time.
  if (!warned.has(api)) {
    warned.add(api);
    process.emitWarning(`${api}() blocks the whole thread; it was called inside greenlet ${greenlet.name}`, 'BlockingCallWarning');
  }
}

/**
 * Wrap the synchronous, thread-blocking APIs (`fs.*Sync`, `child_process.*Sync`, `zlib.*Sync`,
 * `crypto.*Sync`) so a call made inside a greenlet is detected: it emits a {@link BlockingCall}
 * event and, by policy, prints one warning per API (`'warn'`, the default), throws
 * {@link BlockingCallError} (`'throw'`), or does nothing at all (`'off'`).
 * Calls from ordinary code (outside greenlets) are never reported. Calling it again only changes
 * the policy.
 *
 * @param options.policy what a detected call does; default `'warn'`
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { spawn } from '@coro/gevent';
 * import { patchBlockingCalls } from '@coro/gevent/monkey';
 *
 * patchBlockingCalls({ policy: 'throw' });
 * const g = spawn(function* () { readFileSync('/etc/hostname'); });
 * // g fails with BlockingCallError: fs.readFileSync() blocks the whole thread …
 * ```
 */
export function patchBlockingCalls(options: { policy?: BlockingPolicy } = {}): void {
  const next = options.policy ?? policy;
  if (!POLICIES.includes(next)) {
    throw new RangeError(`patchBlockingCalls(options): options.policy must be 'warn', 'throw' or 'off', got ${JSON.stringify(next)}`);
  }
  policy = next;
  patchedHub();
  for (const [moduleName, module] of targets) {
    const target = module as Record<string, unknown>;
    for (const name of Object.keys(target)) {
      const original = target[name];
      if (typeof original !== 'function' || !name.endsWith('Sync') || guards.has(original)) continue;
      replace(`node:${moduleName}`, target, name, guard(`${moduleName}.${name}`, original as (...args: unknown[]) => unknown));
    }
  }
  markPatched('blocking');
}

/** @internal Forget the warnings already printed and return to the default policy (for undo). */
export function resetBlockingPolicy(): void {
  policy = 'warn';
  warned.clear();
}
