import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('coro-compare', () => {
  it('is the package bin, a built file with a shebang', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['coro-compare']).toBe('./dist/cli.js');
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('measures in quick mode and writes {results, claims} as JSON', async () => {
    const args = ['--quick', '--runs', '1', '--placement', 'pinned', '--workload', 'switch', '--workload', 'spawn', '--kind', 'process', '--kind', 'thread', '--kind', 'greenlet', '--json', '-'];
    const { stdout } = await run(process.execPath, [cli, ...args], { timeout: 50_000 });
    const report = JSON.parse(stdout) as { results: { workload: string; kind: string; value: number; placement: { name: string } }[]; claims: { claim: string; verdict: string; evidence: string }[] };
    expect(report.results.map((m) => `${m.workload}/${m.kind}`)).toEqual(['spawn/process', 'spawn/thread', 'spawn/greenlet', 'switch/process', 'switch/thread', 'switch/greenlet']);
    expect(report.results.every((m) => m.value > 0 && ['pinned', 'unpinned'].includes(m.placement.name))).toBe(true);
    const handOff = report.claims.find((c) => c.claim === 'Hand-off: a process round trip costs more than a thread round trip')!;
    expect(['confirmed', 'refuted']).toContain(handOff.verdict);
    expect(handOff.evidence).toMatch(/^process .* µs vs thread .* µs per round trip/);
  }, 60_000);

  it('rejects a bad option with the usage', async () => {
    const failure = await run(process.execPath, [cli, '--placement', 'sideways']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^coro-compare: --placement must be pinned, spread or both, got "sideways"\n\nusage: coro-compare/);
  });
});
