import { patchBlockingCalls, resetBlockingPolicy, type BlockingPolicy } from './patch-blocking-calls.js';
import { patchChildProcess } from './patch-child-process.js';
import { patchDns } from './patch-dns.js';
import { DidPatchAll, DidPatchModule, DoNotPatch, notifyPatch, WillPatchAll, WillPatchModule } from './patch-events.js';
import { patchFetch } from './patch-fetch.js';
import { patchFs } from './patch-fs.js';
import { patchHttp } from './patch-http.js';
import { patchNet } from './patch-net.js';
import { patchTime } from './patch-time.js';
import { patchTimers } from './patch-timers.js';
import { uninstallOwnership } from './ownership.js';
import { isAreaPatched, restoreAll, type PatchArea } from './registry.js';

/**
 * What {@link patchAll} patches: every area is on unless set to `false`. `blocking` takes the
 * policy for synchronous blocking calls made inside greenlets (`'warn'` by default).
 */
export interface PatchAllOptions {
  /** `time.sleep` becomes the hub's sleep (gevent's `patch_time`). */
  time?: boolean;
  /** Timers created in a greenlet are cleared when it ends. */
  timers?: boolean;
  /** `fetch` and body reads are bound to the calling greenlet. */
  fetch?: boolean;
  /** `net.connect`/`createConnection` are bound until connected. */
  net?: boolean;
  /** `http(s).request`/`get` are bound until the response headers arrive. */
  http?: boolean;
  /** `dns.promises` look-ups are bound (lookup is detached). */
  dns?: boolean;
  /** `fs/promises` calls are bound (most are detached). */
  fs?: boolean;
  /** Child processes are killed with the greenlet that started them. */
  childProcess?: boolean;
  /** Policy for `fs.*Sync`, `child_process.*Sync`, `zlib.*Sync`, `crypto.*Sync` inside greenlets; `false` leaves them alone. */
  blocking?: BlockingPolicy | false;
}

const AREAS: ReadonlyArray<readonly [Exclude<PatchArea, 'blocking'>, () => void]> = [
  ['time', patchTime],
  ['timers', patchTimers],
  ['fetch', patchFetch],
  ['net', patchNet],
  ['http', patchHttp],
  ['dns', patchDns],
  ['fs', patchFs],
  ['childProcess', patchChildProcess],
];
const KNOWN = /* @__PURE__ */ (() => new Set<string>([...AREAS.map(([area]) => area), 'blocking']))();

let firstCall: string | undefined;

function check(options: PatchAllOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError(`patchAll(options): options must be an object, got ${String(options)}`);
  for (const [key, value] of Object.entries(options)) {
    if (!KNOWN.has(key)) throw new TypeError(`patchAll(options): unknown option ${JSON.stringify(key)}; known: ${[...KNOWN].join(', ')}`);
    if (key !== 'blocking' && typeof value !== 'boolean' && value !== undefined) throw new TypeError(`patchAll(options): options.${key} must be a boolean`);
  }
}

/**
 * gevent's `monkey.patch_all()` for Node: make `time.sleep` cooperative and bind platform
 * operations started inside greenlets (timers, fetch and its body reads, net, http/https, dns,
 * fs/promises, child processes) to those greenlets, so `kill()` and `Timeout` abort them and
 * release their handles; and detect synchronous blocking calls made inside greenlets.
 *
 * Call it early. Repeated calls only add patches (a `false` never un-patches) and warn when the
 * options differ from the first call's. Subscribers ({@link subscribePatches}) may veto an area
 * by throwing {@link DoNotPatch}. Returns `false` if the whole call was vetoed. It does not start
 * the hub.
 *
 * @example
 * ```ts
 * import { spawn, joinAll } from '@coro/gevent';
 * import { patchAll, time } from '@coro/gevent/monkey';
 *
 * patchAll();
 * function* work(name: string) {
 *   for (let i = 0; i < 10; i++) {
 *     console.log(`${name}---${i}`);
 *     yield* time.sleep(100);
 *   }
 * }
 * await joinAll([spawn(work, 'Work1'), spawn(work, 'Work2')]); // ≈1.0 s, interleaved
 * ```
 */
export function patchAll(options: PatchAllOptions = {}): boolean {
  check(options);
  const key = JSON.stringify(Object.entries(options).sort());
  if (firstCall !== undefined && key !== firstCall) {
    process.emitWarning('Patching more than once will result in the union of all enabled options being patched', 'MonkeyPatchWarning');
  }
  firstCall ??= key;
  const wanted = AREAS.filter(([area]) => options[area] !== false && !isAreaPatched(area));
  const blocking = options.blocking ?? 'warn';
  const wantsBlocking = blocking !== false && !isAreaPatched('blocking');
  if (wanted.length === 0 && !wantsBlocking) return true;
  try {
    notifyPatch(new WillPatchAll(options));
  } catch (error) {
    if (error instanceof DoNotPatch) return false;
    throw error;
  }
  const steps: Array<readonly [PatchArea, () => void]> = [...wanted];
  if (wantsBlocking) steps.push(['blocking', () => patchBlockingCalls({ policy: blocking })]);
  for (const [area, patch] of steps) {
    try {
      notifyPatch(new WillPatchModule(area));
    } catch (error) {
      if (error instanceof DoNotPatch) continue;
      throw error;
    }
    patch();
    notifyPatch(new DidPatchModule(area));
  }
  notifyPatch(new DidPatchAll(options));
  return true;
}

/**
 * Undo every patch: put back every original, unbind the hub's owner tracking, forget the first
 * `patchAll()` options. For tests; production code patches once, early, and never unpatches.
 *
 * @example
 * ```ts
 * import { patchAll, unpatchAll, isPatched } from '@coro/gevent/monkey';
 * patchAll();
 * unpatchAll();
 * console.log(isPatched('time')); // false
 * ```
 */
export function unpatchAll(): void {
  restoreAll();
  uninstallOwnership();
  resetBlockingPolicy();
  firstCall = undefined;
}
