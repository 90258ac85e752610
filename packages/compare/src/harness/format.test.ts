import { describe, expect, it } from 'vitest';
import { fixedReport } from '../../test/fixed-report.js';
import { barLength, renderSvg, spansDecades } from './format-svg.js';
import { formatMarkdown, formatTable } from './format-table.js';
import { formatValue } from './format-value.js';
import { textWidth } from './text-table.js';
import { choosePlacements, describePlacement, parseCpuList } from './placement.js';

describe('formatting', () => {
  it('prints figures at a readable precision with their unit', () => {
    expect(formatValue(61.234, 'µs')).toBe('61.2 µs');
    expect(formatValue(45_000, 'µs')).toBe('45,000 µs');
    expect(formatValue(40 * 2 ** 20, 'bytes')).toBe('40.0 MiB');
    expect(formatValue(1536, 'bytes')).toBe('1.50 KiB');
    expect(formatValue(600, 'bytes')).toBe('600 B');
    expect(formatValue(1.934, '×')).toBe('1.93×');
    expect(formatValue(3912.4, 'req/s')).toBe('3,912 req/s');
    expect(formatValue(Number.NaN, 'ms')).toBe('—');
  });

  it('prints a terminal table with one column per kind, then the claims with verdicts and placements', () => {
    const text = formatTable(fixedReport());
    expect(text).toMatch(/workload\s+│ placement\s+│ process\s+│ thread\s+│ coroutine\s+│ greenlet/);
    expect(text).toContain('60.0 µs ±3%');
    expect(text).toContain("The seed's summary, checked (pinned to CPU 0; spread over CPUs 0-1):");
    expect(text).toContain('✔ confirmed');
    expect(text).toContain('进程是资源分配的单位');
  });

  it('writes Markdown tables for the figures and the claims', () => {
    const markdown = formatMarkdown(fixedReport());
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('| workload | placement | process | thread | coroutine | greenlet |');
    expect(lines[2]).toBe('| start: spawn one unit and see it finish (lower is better) | pinned to CPU 0 | 45,000 µs ±3% | 9,000 µs ±3% | 1.20 µs ±3% | 2.50 µs ±3% |');
    expect(markdown).toContain('| ✅ confirmed | Hand-off: a process round trip costs more than a thread round trip | 进程切换需要的资源很最大，效率很低 | process 60.0 µs vs thread 12.0 µs per round trip (5.00×) | pinned to CPU 0 |');
    expect(markdown).toContain('| start: spawn one unit and see it finish (lower is better) | pinned to CPU 0 | 100 ms · 90.0 ms CPU · 47.7 MiB |');
    expect(markdown).toContain('Python 3.11.2: two threads on the same CPU-bound work ran 0.98× as fast as one loop (spread over CPUs 0-1).');
    expect(lines.at(-2)).toBe(
      'Medians of 3 runs per figure, more (up to three times as many) while a figure varied beyond ±12.5%; ± is half the spread over the runs (quick mode: one Node process per placement); pinned to CPU 0; spread over CPUs 0-1.',
    );
  });

  it('fits a 100-column terminal (the table was 135 columns wide, issue 13), and narrower ones', () => {
    for (const width of [100, 80]) {
      const lines = formatTable(fixedReport(), { width }).split('\n');
      expect(Math.max(...lines.map(textWidth))).toBeLessThanOrEqual(width);
    }
    expect(formatTable(fixedReport(), { width: 100 })).toContain('进程是资源分配的单位');
  });

  it('warns first when the machine was busy, and marks impossible figures and inconclusive claims', () => {
    const busy = { busy: true, loadAverage: 3.2, othersCpu: 0.5, steal: 0, reasons: ['other processes used 50% of the CPUs while the harness was idle'] };
    const report = fixedReport((m) => (m.workload === 'memory' && m.kind === 'coroutine' ? { ...m, value: -568 } : m), busy);
    const text = formatTable(report, { width: 200 });
    expect(text.split('\n')[0]).toBe(
      '⚠ The machine was busy: other processes used 50% of the CPUs while the harness was idle. Timing figures may be wrong; their claims are inconclusive.',
    );
    expect(text).toContain('-568 B ±3% (impossible)');
    expect(text).toContain('? inconclusive');
    expect(text).not.toContain('✔ confirmed │ Coroutines hold');
    expect(formatMarkdown(report)).toContain('❔ inconclusive');
  });
});

describe('SVG charts', () => {
  it('uses a log scale only when the figures span two decades or more', () => {
    expect(spansDecades([1, 50])).toBe(false);
    expect(spansDecades([0.3, 60])).toBe(true);
    expect(spansDecades([0, 5])).toBe(false);
  });

  it('scales bars linearly or logarithmically to the bar area', () => {
    expect(barLength(50, 1, 100, false)).toBe(220);
    expect(barLength(100, 1, 100, true)).toBe(440);
    expect(barLength(10, 1, 100, true)).toBeCloseTo(440 * (1.5 / 2.5));
    expect(barLength(0, 1, 100, true)).toBe(0);
  });

  it('draws one panel per workload with a bar and label per kind and placement', () => {
    const svg = renderSvg(fixedReport());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect x="90"/g)).toHaveLength(48);
    expect(svg).toContain('switch: round trip between two units (lower is better) — log scale');
    expect(svg).toContain('CPU-bound speed-up on all allowed CPUs (higher is better)</text>');
    expect(svg).toContain('<title>thread, spread over CPUs 0-1: 12.0 µs</title>');
    expect(svg).toContain('pinned to CPU 0</text>');
  });
});

describe('placements', () => {
  it('parses taskset CPU lists', () => {
    expect(parseCpuList('0')).toEqual([0]);
    expect(parseCpuList('0-2,5')).toEqual([0, 1, 2, 5]);
    expect(() => parseCpuList('a')).toThrow(new RangeError('--cpus: "a" is not a CPU list like 0 or 0-3 or 0,2'));
    expect(() => parseCpuList('3-1')).toThrow(/counts down/);
  });

  it('pins to the first CPU and spreads over all, or says it could not place anything', () => {
    expect(choosePlacements(['pinned', 'spread'], '0-1', true)).toEqual([
      { name: 'pinned', cpus: '0', count: 1 },
      { name: 'spread', cpus: '0-1', count: 2 },
    ]);
    expect(choosePlacements(['spread'], '1', true)).toEqual([{ name: 'pinned', cpus: '1', count: 1 }]);
    const [unpinned] = choosePlacements(['pinned'], '0', false);
    expect(unpinned!.name).toBe('unpinned');
    expect(describePlacement(unpinned!)).toMatch(/^unpinned \(taskset not found; \d+ CPUs\)$/);
  });
});
