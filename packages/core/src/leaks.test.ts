import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('resources', () => {
  it('leaves no timer behind: a script exits by itself when its work is done', () => {
    const script = fileURLToPath(new URL('../test/fixtures/exits-by-itself.ts', import.meta.url));
    // The script's longest timer is 30 s: a leaked one keeps the child past the 25 s limit and it is
    // killed (child.signal). No wall-clock bound beyond that, so a loaded CI machine cannot fail it.
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 25_000 });
    expect(child.error).toBeUndefined();
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('done 3');
    expect(child.status).toBe(0);
  }, 40_000);
});
