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

  it('measures in quick mode, writes the JSON keys --help names, and shows progress on stderr when not a terminal', async () => {
    const args = ['--quick', '--runs', '1', '--placement', 'pinned', '--workload', 'switch', '--workload', 'start', '--kind', 'process', '--kind', 'thread', '--kind', 'greenlet', '--json', '-'];
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { timeout: 50_000 });
    expect(stderr).toMatch(/^coro-compare: \[1\/6\] start · process · pinned \(\d+ s\)\n/);
    expect(stderr).toMatch(/coro-compare: done in \d+ s\n$/);
    const parsed = JSON.parse(stdout) as Record<string, unknown>;
    const { stdout: help } = await run(process.execPath, [cli, '--help']);
    expect(help).toContain(`--json <file>        write { ${Object.keys(parsed).join(', ')} } as JSON`);
    const report = parsed as unknown as { results: { workload: string; kind: string; value: number; placement: { name: string } }[]; claims: { claim: string; verdict: string; evidence: string }[] };
    expect(report.results.map((m) => `${m.workload}/${m.kind}`)).toEqual(['start/process', 'start/thread', 'start/greenlet', 'switch/process', 'switch/thread', 'switch/greenlet']);
    expect(report.results.every((m) => m.value > 0 && ['pinned', 'unpinned'].includes(m.placement.name))).toBe(true);
    const handOff = report.claims.find((c) => c.claim === 'Hand-off: a process round trip costs more than a thread round trip')!;
    expect(['confirmed', 'refuted', 'inconclusive']).toContain(handOff.verdict);
    expect(handOff.evidence).toMatch(/^process .* µs vs thread .* µs per round trip/);
  }, 60_000);

  it('rejects a bad option with the usage', async () => {
    const failure = await run(process.execPath, [cli, '--placement', 'sideways']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^coro-compare: --placement must be pinned, spread or both, got 'sideways'\n\nusage: coro-compare/);
  });

  /** The first line coro-compare prints on stderr and its exit code, for arguments that must be refused at once. */
  const refused = async (...args: string[]) => {
    const start = performance.now();
    const failure = await run(process.execPath, [cli, ...args], { timeout: 20_000 }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(performance.now() - start).toBeLessThan(10_000); // refused before measuring anything
    return [failure?.code, failure?.stderr.split('\n')[0]];
  };

  it('validates --runs, --cpus, --workload and output paths before measuring', async () => {
    expect(await refused('--runs', '-3')).toEqual([2, "coro-compare: --runs must be an integer >= 1, got '-3'"]);
    expect(await refused('--runs', '1.5')).toEqual([2, "coro-compare: --runs must be an integer >= 1, got '1.5'"]);
    expect(await refused('--cpus', '99')).toEqual([2, expect.stringMatching(/^coro-compare: --cpus: CPU 99 is not available here; this process may use CPUs [\d,]+$/)]);
    expect(await refused('--workload', 'spawn')).toEqual([2, "coro-compare: unknown workload 'spawn'; the workloads are start, switch, memory, cpu, io, sleep"]);
    expect(await refused('--quick', '--svg', '/nonexistent/x.svg')).toEqual([2, 'coro-compare: --svg /nonexistent/x.svg: cannot write there (folder /nonexistent does not exist)']);
  });

  it('still prints the table when a write fails after measuring, and exits with 1', async () => {
    const failure = await run(process.execPath, [cli, '--quick', '--placement', 'pinned', '--workload', 'switch', '--kind', 'coroutine', '--kind', 'greenlet', '--json', '/dev/full'], { timeout: 50_000 }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/coro-compare: --json \/dev\/full: ENOSPC/);
    expect(failure?.stdout).toMatch(/│ workload +│ placement +│ coroutine +│ greenlet +│/);
  }, 60_000);

  it('says in --help how long each mode takes', async () => {
    const { stdout } = await run(process.execPath, [cli, '--help']);
    expect(stdout).toContain('How long it takes (2 CPUs): --quick about 30-60 s; the full run about 10 minutes');
  });
});
