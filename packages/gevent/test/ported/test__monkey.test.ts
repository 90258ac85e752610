// gevent 22.10 src/gevent/tests/test__monkey.py (class TestMonkey), adapted to what patching means
// in Node (see the README's monkey section). Not applicable (README table): test_thread (threads
// and threading.Event), test_os (os.fork), test_patch_queue (the standard library's
// queue.SimpleQueue).
import childProcess from 'node:child_process';
import net from 'node:net';
import * as netNamespace from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn } from '../../src/index.js';
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
} from '../../src/monkey/index.js';
import { useFreshHub } from './support.js';

describe('test__monkey', () => {
  describe('TestMonkey', () => {
    const env = useFreshHub();
    let events: PatchEvent[];
    const unsubscribers: Array<() => void> = [];
    const listen = (listener: (event: PatchEvent) => void): void => void unsubscribers.push(subscribePatches(listener));

    beforeEach(() => {
      events = [];
      listen((event) => events.push(event));
    });

    afterEach(() => {
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      unpatchAll();
      vi.restoreAllMocks();
    });

    it('test_time', async () => {
      const { clock } = env;
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
      // Every saved original belongs to a patched module and a patched object.
      const saved: [string, string][] = [
        ['time', 'sleep'],
        ['globalThis', 'fetch'],
        ['node:net', 'createConnection'],
        ['node:child_process', 'spawn'],
      ];
      for (const [moduleName, name] of saved) {
        expect(isModulePatched(moduleName), moduleName).toBe(true);
        expect(isObjectPatched(moduleName, name), `${moduleName}.${name}`).toBe(true);
        expect(getOriginal(moduleName, name)).toBeTypeOf('function');
      }
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
  });
});
