import childProcess from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn } from '../greenlet/spawn.js';
import { freshHub } from '../test-support.js';
import { BlockingCall, BlockingCallError, patchBlockingCalls, subscribe, unpatchAll, type MonitorEvent } from './index.js';

const packageJson = new URL('../../package.json', import.meta.url);

describe('synchronous blocking calls inside greenlets', () => {
  let events: MonitorEvent[];
  let unsubscribe: () => void;

  beforeEach(() => {
    freshHub();
    events = [];
    unsubscribe = subscribe((event) => events.push(event));
  });

  afterEach(() => {
    unsubscribe();
    unpatchAll();
    vi.restoreAllMocks();
  });

  it("policy 'throw': the greenlet fails with a BlockingCallError naming the call", async () => {
    patchBlockingCalls({ policy: 'throw' });
    const g = spawn(function* () {
      fs.readFileSync(packageJson);
    });
    g.name = 'reader';
    await g.join();
    expect(g.exception).toBeInstanceOf(BlockingCallError);
    const error = g.exception as BlockingCallError;
    expect([error.name, error.api, error.greenlet]).toEqual(['BlockingCallError', 'fs.readFileSync', g]);
    expect(error.message).toMatch(/^fs\.readFileSync\(\) blocks the whole thread and was called inside greenlet .*reader.*; use the promise API with yield\* wait\(\.\.\.\) instead/);
  });

  it("policy 'warn' (the default): the call runs, a BlockingCall event fires each time, one warning per API", async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    patchBlockingCalls();
    const g = spawn(function* () {
      const a = fs.readFileSync(packageJson, 'utf8');
      const b = fs.readFileSync(packageJson, 'utf8');
      return a === b;
    });
    expect(await g.get()).toBe(true);
    expect(events.map((e) => [e instanceof BlockingCall, (e as BlockingCall).api, (e as BlockingCall).greenlet])).toEqual([
      [true, 'fs.readFileSync', g],
      [true, 'fs.readFileSync', g],
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toBe('BlockingCallWarning');
  });

  it('detects child_process, zlib and crypto Sync calls too', async () => {
    patchBlockingCalls({ policy: 'throw' });
    const apis: string[] = [];
    const calls: Array<() => unknown> = [
      () => childProcess.execSync('true'),
      () => zlib.gzipSync('x'),
      () => crypto.pbkdf2Sync('pw', 'salt', 1, 8, 'sha256'),
    ];
    const g = spawn(function* () {
      for (const call of calls) {
        try {
          call();
        } catch (error) {
          if (error instanceof BlockingCallError) apis.push(error.api);
        }
      }
    });
    await g.join();
    expect(apis).toEqual(['child_process.execSync', 'zlib.gzipSync', 'crypto.pbkdf2Sync']);
  });

  it('never reports calls made outside greenlets', () => {
    patchBlockingCalls({ policy: 'throw' });
    expect(fs.existsSync(packageJson)).toBe(true);
    expect(zlib.gunzipSync(zlib.gzipSync('ok')).toString()).toBe('ok');
    expect(events).toEqual([]);
  });

  it("policy 'off': nothing is reported; calling patchBlockingCalls again only changes the policy", async () => {
    patchBlockingCalls({ policy: 'off' });
    const readFileSync = fs.readFileSync;
    patchBlockingCalls({ policy: 'off' });
    expect(fs.readFileSync).toBe(readFileSync);
    await spawn(function* () {
      fs.readFileSync(packageJson);
    }).join();
    expect(events).toEqual([]);
  });

  it('rejects an unknown policy with a RangeError naming the option', () => {
    expect(() => patchBlockingCalls({ policy: 'loud' as never })).toThrow(
      new RangeError(`patchBlockingCalls(options): options.policy must be 'warn', 'throw' or 'off', got "loud"`),
    );
  });
});
