import childProcess from 'node:child_process';
import net from 'node:net';
import * as netNamespace from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getHub } from '../hub/current.js';
import { spawn } from '../greenlet/spawn.js';
import { freshHub } from '../test-support.js';
import {
  DidPatchAll,
  DidPatchModule,
  DoNotPatch,
  getOriginal,
  isModulePatched,
  isObjectPatched,
  isPatched,
  patchAll,
  patchChildProcess,
  subscribePatches,
  time,
  unpatchAll,
  WillPatchAll,
  WillPatchModule,
  type PatchEvent,
} from './index.js';
import { patchableModules } from './modules.js';

// Ported from gevent's src/gevent/tests/test__monkey.py (class TestMonkey), adapted to what patching means in Node.
describe('TestMonkey', () => {
  let events: PatchEvent[];
  const unsubscribers: Array<() => void> = [];
  const listen = (listener: (event: PatchEvent) => void): void => void unsubscribers.push(subscribePatches(listener));

  beforeEach(() => {
    freshHub();
    events = [];
    listen((event) => events.push(event));
  });

  afterEach(() => {
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    unpatchAll();
    vi.restoreAllMocks();
  });

  it('test_time', async () => {
    const { clock } = freshHub();
    const blocking = time.sleep;
    patchAll();
    expect(time.sleep).not.toBe(blocking);
    await spawn(function* () {
      yield* time.sleep(250);
    }).join();
    expect(clock.now()).toBe(250);
  });

  it('test_socket', () => {
    const original = net.createConnection;
    patchAll();
    expect(net.createConnection).not.toBe(original);
    expect(getOriginal('node:net', 'createConnection')).toBe(original);
    // ESM named imports see the patched function (module.syncBuiltinESMExports()).
    expect(netNamespace.createConnection).toBe(net.createConnection);
  });

  it('test_saved', () => {
    patchAll();
    let patched = 0;
    for (const [moduleName, target] of Object.entries(patchableModules)) {
      for (const name of Object.keys(target)) {
        if (!isObjectPatched(moduleName, name)) continue;
        patched++;
        expect(isModulePatched(moduleName)).toBe(true);
        expect(getOriginal(moduleName, name)).not.toBe((target as Record<string, unknown>)[name]);
      }
    }
    expect(patched).toBeGreaterThan(20);
    for (const moduleName of ['time', 'globalThis', 'node:net', 'node:http', 'node:https', 'node:child_process', 'node:fs/promises', 'node:dns/promises', 'node:timers', 'node:fs', 'node:zlib', 'node:crypto']) {
      expect(isModulePatched(moduleName), moduleName).toBe(true);
    }
  });

  it('test_patch_subprocess_twice', () => {
    const spawnBefore = childProcess.spawn;
    expect(getOriginal('node:child_process', 'spawn')).toBe(spawnBefore);
    patchChildProcess();
    expect(getOriginal('node:child_process', 'spawn')).toBe(spawnBefore);
    patchChildProcess();
    expect(getOriginal('node:child_process', 'spawn')).toBe(spawnBefore);
    expect(childProcess.spawn).not.toBe(spawnBefore);
  });

  it('test_patch_twice_warnings_events', () => {
    patchAll();
    const originalFetch = getOriginal('globalThis', 'fetch');
    events.length = 0;
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    // Patching again with a different set of options only warns: turning an area off does nothing, no events are issued.
    expect(patchAll({ dns: false })).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('more than once');
    expect(events).toEqual([]);
    warn.mockClear();
    patchAll({ dns: false });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(events).toEqual([]);
    // Re-patching never overwrote the saved originals.
    expect(getOriginal('globalThis', 'fetch')).toBe(originalFetch);
    expect(isPatched('dns')).toBe(true);
  });

  it('test_patch_events', () => {
    listen((event) => {
      if (event instanceof WillPatchModule && event.area === 'dns') throw new DoNotPatch();
    });
    expect(patchAll({ childProcess: true })).toBe(true);
    expect(events[0]).toBeInstanceOf(WillPatchAll);
    expect((events[0] as WillPatchAll).options).toEqual({ childProcess: true });
    expect(events[1]).toBeInstanceOf(WillPatchModule);
    expect(events[2]).toBeInstanceOf(DidPatchModule);
    expect(events.at(-1)).toBeInstanceOf(DidPatchAll);
    expect(events.some((e) => e instanceof DidPatchModule && e.area === 'dns')).toBe(false);
    expect(isPatched('dns')).toBe(false);
    expect(isPatched('fetch')).toBe(true);
  });

  it('vetoing WillPatchAll patches nothing and returns false', () => {
    listen((event) => {
      if (event instanceof WillPatchAll) throw new DoNotPatch();
    });
    expect(patchAll()).toBe(false);
    expect(isPatched('time')).toBe(false);
  });

  it('repeated calls are additive: a later call can add an area, never remove one', () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    patchAll({ fetch: false });
    expect(isPatched('fetch')).toBe(false);
    expect(isPatched('time')).toBe(true);
    patchAll();
    expect(isPatched('fetch')).toBe(true);
    patchAll({ time: false });
    expect(isPatched('time')).toBe(true);
  });

  it('patching does not start the hub', () => {
    const hub = getHub();
    patchAll();
    expect([hub.queue.length, hub.timers.size, hub.current]).toEqual([0, 0, hub.main]);
  });

  it('unpatchAll puts every original back', () => {
    const originals = { fetch: globalThis.fetch, connect: net.connect, spawn: childProcess.spawn, sleep: time.sleep, setTimeout: globalThis.setTimeout };
    patchAll();
    unpatchAll();
    expect({ fetch: globalThis.fetch, connect: net.connect, spawn: childProcess.spawn, sleep: time.sleep, setTimeout: globalThis.setTimeout }).toEqual(originals);
    expect(netNamespace.connect).toBe(originals.connect);
    expect(isModulePatched('node:net')).toBe(false);
  });

  it('rejects unknown options and modules with errors naming them', () => {
    expect(() => patchAll({ sockets: true } as never)).toThrow(new TypeError('patchAll(options): unknown option "sockets"; known: time, timers, fetch, net, http, dns, fs, childProcess, blocking'));
    expect(() => patchAll({ time: 'yes' } as never)).toThrow(/options\.time must be a boolean/);
    expect(() => getOriginal('node:sockets', 'x')).toThrow(/getOriginal\(moduleName\): unknown module "node:sockets"/);
  });
});
