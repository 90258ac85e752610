import { describe, expect, it } from 'vitest';
import type { Measurement } from './measurement.js';
import { goals, shown, summarise, verdict } from './summary.js';

const m = (suite: string, caseName: string, impl: string, figure: Partial<Measurement>, note = ''): Measurement => ({ suite, case: caseName, impl, runs: 5, spread: 0.1, note, ...figure });

describe('the summary table', () => {
  it('reads ratios within the run, bytes against their budget, and says which goals are met', () => {
    const rows = summarise([
      m('core', 'switch-2', '@coro/core', { opsPerSec: 36e6 }),
      m('core', 'switch-2', 'raw-generator', { opsPerSec: 48e6 }),
      m('core', 'memory-100k', '@coro/core', { bytes: 261 }),
      m('core', 'memory-100k', 'raw-generator', { bytes: 128 }),
      m('compare', 'noop-100k', '@coro/compare', { opsPerSec: 144e3 }, '2 threads, 64 in flight; pinned to CPU 0 (taskset -c 0)'),
      m('compare', 'noop-100k', 'piscina', { opsPerSec: 61e3 }, '2 threads, 64 in flight; pinned to CPU 0 (taskset -c 0)'),
      m('compare', 'noop-100k', 'piscina', { opsPerSec: 200e3 }, '2 threads, all 100,000 at once; pinned to CPU 0 (taskset -c 0)'),
    ]);
    const byName = new Map(rows.map((row) => [row.row, row]));
    expect(rows).toHaveLength(goals.length);
    const switch2 = byName.get('core switch-2')!;
    expect([shown(switch2), switch2.goal, verdict(switch2)]).toEqual(['0.75×', '≥ 0.70×', 'met']);
    const memory = byName.get('core memory-100k')!;
    expect([shown(memory), memory.limit, memory.goal, verdict(memory)]).toEqual(['261 B', 'raw generator 128 B', '≤ 192 B', 'not met']);
    const pool = byName.get('compare noop-100k vs piscina, 64 in flight, pinned')!;
    expect([shown(pool), verdict(pool)]).toEqual(['2.36×', 'met']);
    const missing = byName.get('gevent http-2000')!;
    expect([shown(missing), verdict(missing)]).toEqual(['—', 'no figure']);
  });

  it('calls a speed-up above the CPUs it ran on not a result, never met', () => {
    const rows = summarise([
      m('bullmq', 'cpu-jobs', '@coro/bullmq (1 worker)', { opsPerSec: 10 }),
      m('bullmq', 'cpu-jobs', '@coro/bullmq (2 workers)', { opsPerSec: 24.9 }),
    ]);
    const speedUp = rows.find((row) => row.row === 'bullmq cpu-jobs, 2 workers')!;
    expect([shown(speedUp), speedUp.met, verdict(speedUp)]).toEqual(['2.49×', undefined, 'NOT A RESULT (impossible; run again)']);
  });

  it('keeps a missing figure apart from a goal not met', () => {
    const rows = summarise([]);
    const missing = rows.find((row) => row.row === 'gevent http-2000')!;
    expect([shown(missing), verdict(missing)]).toEqual(['—', 'no figure']);
  });
});
