import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { version } from './index.js';

// test_version.py compares greenlet.__version__ with what setup.py says; package.json is our setup.py.
describe('VersionTests', () => {
  it('test_version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toBe(pkg.version);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
