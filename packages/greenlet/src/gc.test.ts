// A port of greenlet's src/greenlet/tests/test_gc.py (2.0.2), plus test_greenlet.py's dealloc
// cases. Python collects deterministically; JavaScript only when it likes, so each case runs in a
// child Node process with --expose-gc that forces collections (see test/gc-child.ts). Releasing a
// suspended greenlet through FinalizationRegistry is best effort (README): these tests show it
// works when the collector does run, not that it always will.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const child = fileURLToPath(new URL('../test/gc-child.ts', import.meta.url));

async function scenario(name: string): Promise<{ result: unknown; stderr: string }> {
  const { stdout, stderr } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', child, name]);
  const last = stdout.trim().split('\n').at(-1)!;
  return { result: JSON.parse(last) as unknown, stderr };
}

describe('GCTests', () => {
  it('test_dead_circular_ref', async () => {
    expect((await scenario('test_dead_circular_ref')).result).toBe(true);
  });

  it('test_circular_greenlet', async () => {
    expect((await scenario('test_circular_greenlet')).result).toBe(true);
  });

  it('test_inactive_ref', async () => {
    expect((await scenario('test_inactive_ref')).result).toBe(true);
  });

  it('test_finalizer_crash', async () => {
    // A suspended greenlet in a cycle with an array is collected: GreenletExit is thrown into it.
    expect((await scenario('test_finalizer_crash')).result).toEqual(['Got greenlet exit!', 'finally']);
  });
});

describe('TestGreenlet (collection cases)', () => {
  it('test_dealloc', async () => {
    expect((await scenario('test_dealloc')).result).toEqual([[], ['GreenletExit'], ['GreenletExit', 'GreenletExit']]);
  });

  it('test_dealloc_catches_GreenletExit_throws_other', async () => {
    const { result, stderr } = await scenario('test_dealloc_catches_GreenletExit_throws_other');
    expect(result).toBe('done');
    expect(stderr).toContain('Exception ignored');
    expect(stderr).toContain('SomeError');
  });

  it('runs nothing in pending and dead greenlets when they are collected', async () => {
    expect((await scenario('pending_and_dead_run_nothing')).result).toEqual(['dead ran']);
  });
});
