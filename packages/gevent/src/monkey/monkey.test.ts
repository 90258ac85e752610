import childProcess from 'node:child_process';
import net from 'node:net';
import * as netNamespace from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getHub } from '../hub/current.js';
import { freshHub } from '../test-support.js';
import {
  DoNotPatch,
  getOriginal,
  isModulePatched,
  isPatched,
  patchAll,
  subscribePatches,
  time,
  unpatchAll,
  WillPatchAll,
  type PatchEvent,
} from './index.js';

// This port's own rules for patching (what patching means in Node). gevent's TestMonkey is ported
// whole in test/ported/test__monkey.test.ts.
describe('monkey patching', () => {
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
