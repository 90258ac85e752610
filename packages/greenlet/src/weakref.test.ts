// Ports of greenlet's test_weakref.py and of test_leaks.py's test_arg_refs / test_kwarg_refs (2.0.2).
// Each case needs a real collection, so it runs in a child Node process with --expose-gc
// (test/gc-child.ts), as gc.test.ts does. Python counts references for the leak tests; here a
// WeakRef to every value handed through a switch must be empty once the switches are over.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const child = fileURLToPath(new URL('../test/gc-child.ts', import.meta.url));

async function scenario(name: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', child, name]);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
}

describe('WeakRefTests', () => {
  it('test_dead_weakref', async () => {
    expect(await scenario('test_dead_weakref')).toBe(true);
  });

  it('test_inactive_weakref', async () => {
    expect(await scenario('test_inactive_weakref')).toBe(true);
  });

  it('test_dealloc_weakref', async () => {
    // The suspended worker is killed once collected; its finally block finds the pending child gone.
    expect(await scenario('test_dealloc_weakref')).toEqual(['undefined']);
  });
});

describe('TestLeaks (references)', () => {
  it('test_arg_refs', async () => {
    // [g finished, indexes of the 300 arguments still reachable]
    expect(await scenario('test_arg_refs')).toEqual([true, []]);
  });

  it('test_kwarg_refs', async () => {
    expect(await scenario('test_kwarg_refs')).toEqual([true, []]);
  });
});
