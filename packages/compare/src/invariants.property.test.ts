// Seeded property tests for the invariants issue 13 relies on: no figure's spread is negative, the
// statistics' percentiles are ordered, a table never exceeds the width it is given, the one-number
// RUN message decodes to what was packed, and a long timer fires once, at its deadline, never early.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spreadOf } from './harness/measurement.js';
import { renderTable, textWidth } from './harness/text-table.js';
import { Samples } from './job-stats.js';
import { MAX_TIMER_MS, setLongTimeout } from './long-timer.js';
import { runNumber, TASK_SLOTS } from './protocol.js';

const seed = 13;

describe('invariants (seeded property tests)', () => {
  it('a spread is never negative, whatever the sign of the figures', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 20 }), (values) => {
        expect(spreadOf(values)).toBeGreaterThanOrEqual(0);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('percentiles are ordered: min ≤ p50 ≤ p90 ≤ p99 ≤ max, and the mean lies between min and max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }), (values) => {
        const samples = new Samples();
        for (const v of values) samples.add(v);
        const p = samples.percentiles();
        expect(p.count).toBe(Math.min(values.length, 1024));
        expect([p.min <= p.p50, p.p50 <= p.p90, p.p90 <= p.p99, p.p99 <= p.max]).toEqual([true, true, true, true]);
        expect(p.mean).toBeGreaterThanOrEqual(p.min - 1e-9);
        expect(p.mean).toBeLessThanOrEqual(p.max + 1e-9);
      }),
      { seed, numRuns: 200 },
    );
  });

  it('a table never exceeds its width (down to the narrowest it can be)', () => {
    const cell = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('进程是资源分配的单位', '线程切换需要的资源一般，效率一般', 'spread over CPUs 0-1'));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 6 }), fc.integer({ min: 50, max: 160 }), (columns, rows, width) => {
        // Table cells are text: control characters (which a terminal does not draw) are left out.
        const clean = (text: string) => [...text].map((c) => (c.charCodeAt(0) < 32 || (c.charCodeAt(0) >= 127 && c.charCodeAt(0) < 160) || c === '\u2028' || c === '\u2029' ? ' ' : c)).join('');
        const head = Array.from({ length: columns }, (_, i) => `col${i}`);
        const body = rows.map((row) => row.slice(0, columns).map(clean));
        const lines = renderTable(head, body, width).split('\n');
        expect(Math.max(...lines.map(textWidth))).toBeLessThanOrEqual(width);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('the one-number RUN message decodes to the job id and task number packed into it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 36 - 1 }), fc.integer({ min: 0, max: TASK_SLOTS - 1 }), (id, task) => {
        const packed = runNumber(id, task)!;
        expect([(packed - (packed % TASK_SLOTS)) / TASK_SLOTS, packed % TASK_SLOTS]).toEqual([id, task]);
      }),
      { seed, numRuns: 1000 },
    );
    expect(runNumber(2 ** 36, 1)).toBeUndefined();
    expect(runNumber(1, TASK_SLOTS)).toBeUndefined();
  });

  describe('long timers', () => {
    beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
    afterEach(() => vi.useRealTimers());

    it('fire once, at their deadline, never early, with at most one host timer armed', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 5 * MAX_TIMER_MS }), (ms) => {
          const start = performance.now();
          const fired: number[] = [];
          setLongTimeout(() => fired.push(performance.now() - start), ms);
          while (fired.length === 0) {
            expect(vi.getTimerCount()).toBe(1);
            vi.advanceTimersToNextTimer();
          }
          expect(fired).toHaveLength(1);
          expect(fired[0]!).toBeGreaterThanOrEqual(ms - 1);
          expect(fired[0]!).toBeLessThanOrEqual(ms + 1);
          expect(vi.getTimerCount()).toBe(0);
        }),
        { seed, numRuns: 200 },
      );
    });
  });
});
