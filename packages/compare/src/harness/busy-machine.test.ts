// Issue 13: run while another process saturates a CPU, coro-compare must say so and call its
// timing claims inconclusive, never print a confident verdict from disturbed figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTable, runComparison } from '../../dist/index.js';
import { hasTaskset } from './placement.js';

describe('a busy machine', () => {
  let burner: ChildProcess | undefined;
  afterEach(() => {
    burner?.kill('SIGKILL');
  });

  it('is detected, shown first in the table and in the JSON, and makes timing claims inconclusive', async () => {
    // A deliberate load: one process spinning on the CPU the comparison is pinned to.
    const spin = [process.execPath, '-e', 'for (;;) {}'];
    burner = hasTaskset() ? spawn('taskset', ['-c', '0', ...spin], { stdio: 'ignore' }) : spawn(spin[0]!, spin.slice(1), { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const report = await runComparison({ quick: true, placements: ['pinned'], cpus: '0', workloads: ['switch'], kinds: ['thread', 'coroutine'], python: false });
    expect(report.load.busy).toBe(true);
    expect(report.load.reasons.join('; ')).toMatch(/other work kept CPU 0 \d+% busy while the harness was idle|load average/);
    const handOff = report.claims.find((c) => c.claim === 'Hand-off: a thread round trip costs more than a coroutine round trip')!;
    expect(handOff.verdict).toBe('inconclusive');
    expect(handOff.why).toMatch(/^the machine was busy: /);
    expect(formatTable(report).split('\n')[0]).toMatch(/^⚠ The machine was busy: /);
    expect(JSON.parse(JSON.stringify(report)).load.busy).toBe(true);
  }, 60_000);
});
