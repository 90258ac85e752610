import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('resources', () => {
  it('leaves no timer behind: a script exits by itself when its work is done', () => {
    const script = fileURLToPath(new URL('../test/fixtures/exits-by-itself.ts', import.meta.url));
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 15_000 });
    expect(child.error).toBeUndefined();
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('done 3');
    expect(child.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(14_000);
  });
});
