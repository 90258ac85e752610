// The one-screen picture `npm run bench` prints when no suite is named: each row of the performance
// issue, the limit it is measured against, the ratio (or bytes) measured in this run, and its goal.
// Ratios are taken within one run of one suite (or two suites run back to back), never across runs.
import { availableParallelism } from 'node:os';
import type { Measurement } from './measurement.js';

/** Which measurement a goal reads: suite, case, impl, and words its note must contain (a mode, a placement). */
export interface Pick {
  readonly suite: string;
  readonly case: string;
  readonly impl: string;
  readonly note?: readonly string[];
}

/** A goal: ours at least `atLeast` × the limit (rates), or at most `atMost` bytes (the limit shown beside). */
export interface Goal {
  readonly row: string;
  readonly ours: Pick;
  readonly limit: Pick;
  readonly limitLabel: string;
  readonly atLeast?: number;
  readonly atMost?: number;
  /** A ratio that cannot exceed this (a speed-up of processes on this many CPUs): above it, the figure is not a result. */
  readonly ceiling?: number;
}

const pinned = 'pinned to CPU 0';
const spread = 'spread over CPUs 0,1';

function compareRows(): Goal[] {
  const rows: Goal[] = [];
  for (const placement of [pinned, spread]) {
    for (const mode of ['64 in flight', 'all 100,000 at once']) {
      for (const peer of ['piscina', 'tinypool']) {
        rows.push({
          row: `compare noop-100k vs ${peer}, ${mode === '64 in flight' ? '64 in flight' : 'all at once'}, ${placement === pinned ? 'pinned' : 'spread'}`,
          ours: { suite: 'compare', case: 'noop-100k', impl: '@coro/compare', note: [mode, placement] },
          limit: { suite: 'compare', case: 'noop-100k', impl: peer, note: [mode, placement] },
          limitLabel: peer,
          atLeast: 1.2,
        });
      }
    }
  }
  return rows;
}

/** The performance issue's rows, plus the BullMQ suite's two goals. */
export const goals: readonly Goal[] = [
  { row: 'core switch-2', ours: { suite: 'core', case: 'switch-2', impl: '@coro/core' }, limit: { suite: 'core', case: 'switch-2', impl: 'raw-generator' }, limitLabel: 'raw generator resume', atLeast: 0.7 },
  { row: 'core spawn-100k vs co', ours: { suite: 'core', case: 'spawn-100k', impl: '@coro/core' }, limit: { suite: 'core', case: 'spawn-100k', impl: 'co' }, limitLabel: 'co', atLeast: 2.5 },
  { row: 'core spawn-100k vs async fn', ours: { suite: 'core', case: 'spawn-100k', impl: '@coro/core' }, limit: { suite: 'core', case: 'spawn-100k', impl: 'async-fn' }, limitLabel: 'async fn', atLeast: 1.5 },
  { row: 'core memory-100k', ours: { suite: 'core', case: 'memory-100k', impl: '@coro/core' }, limit: { suite: 'core', case: 'memory-100k', impl: 'raw-generator' }, limitLabel: 'raw generator', atMost: 192 },
  { row: 'greenlet switch-2', ours: { suite: 'greenlet', case: 'switch-2', impl: '@coro/greenlet' }, limit: { suite: 'greenlet', case: 'switch-2', impl: 'raw-generator (yield* floor)' }, limitLabel: 'yield* floor', atLeast: 0.8 },
  { row: 'gevent sleep0-1000', ours: { suite: 'gevent', case: 'sleep0-1000', impl: '@coro/gevent' }, limit: { suite: 'gevent', case: 'sleep0-1000', impl: '@coro/core (switch-1000)' }, limitLabel: "core's switch-1000", atLeast: 0.85 },
  { row: 'gevent sleep-10k', ours: { suite: 'gevent', case: 'sleep-10k', impl: '@coro/gevent' }, limit: { suite: 'core', case: 'memory-100k', impl: '@coro/core' }, limitLabel: "core's suspended task", atMost: 400 },
  { row: 'gevent http-2000', ours: { suite: 'gevent', case: 'http-2000', impl: '@coro/gevent' }, limit: { suite: 'gevent', case: 'http-2000', impl: 'fetch+p-limit' }, limitLabel: 'fetch + p-limit', atLeast: 0.9 },
  ...compareRows(),
  { row: 'bullmq noop-jobs', ours: { suite: 'bullmq', case: 'noop-jobs', impl: '@coro/bullmq' }, limit: { suite: 'bullmq', case: 'noop-jobs', impl: 'bullmq' }, limitLabel: 'bare BullMQ', atLeast: 0.9 },
  { row: 'bullmq cpu-jobs, 2 workers', ours: { suite: 'bullmq', case: 'cpu-jobs', impl: '@coro/bullmq (2 workers)' }, limit: { suite: 'bullmq', case: 'cpu-jobs', impl: '@coro/bullmq (1 worker)' }, limitLabel: '1 worker', atLeast: 1.7, ceiling: Math.min(2, availableParallelism()) },
];

/** One line of the summary. `value` is the ratio (rates) or the bytes; undefined when a figure is missing. */
export interface SummaryRow {
  readonly row: string;
  readonly limit: string;
  readonly value: number | undefined;
  readonly unit: 'ratio' | 'bytes';
  readonly goal: string;
  readonly met: boolean | undefined;
  /** The larger spread of the figures it was read from: how far this run's ratio can be trusted. */
  readonly spread: number | undefined;
  /** The ratio exceeds what is physically possible (its goal's ceiling): the runs were disturbed. */
  readonly impossible?: boolean;
}

function find(measurements: readonly Measurement[], pick: Pick): Measurement | undefined {
  return measurements.find((m) => m.suite === pick.suite && m.case === pick.case && m.impl === pick.impl && (pick.note ?? []).every((words) => (m.note ?? '').includes(words)));
}

/** Read every goal off one run's measurements. */
export function summarise(measurements: readonly Measurement[]): SummaryRow[] {
  return goals.map((goal) => {
    const ours = find(measurements, goal.ours);
    const limit = find(measurements, goal.limit);
    if (goal.atMost !== undefined) {
      const value = ours?.bytes;
      const limitText = limit?.bytes === undefined ? goal.limitLabel : `${goal.limitLabel} ${Math.round(limit.bytes)} B`;
      return { row: goal.row, limit: limitText, value, unit: 'bytes', goal: `≤ ${goal.atMost} B`, met: value === undefined ? undefined : value <= goal.atMost, spread: ours?.spread };
    }
    const value = ours?.opsPerSec !== undefined && limit?.opsPerSec ? ours.opsPerSec / limit.opsPerSec : undefined;
    const spread = value === undefined ? undefined : Math.max(ours!.spread, limit!.spread);
    const impossible = value !== undefined && goal.ceiling !== undefined && value > goal.ceiling;
    const met = value === undefined || impossible ? undefined : value >= goal.atLeast!;
    return { row: goal.row, limit: goal.limitLabel, value, unit: 'ratio', goal: `≥ ${goal.atLeast!.toFixed(2)}×`, met, spread, ...(impossible ? { impossible } : {}) };
  });
}

/** The row's figure as printed: `0.83×`, `261 B`, or `—` when missing. */
export function shown(row: SummaryRow): string {
  if (row.value === undefined) return '—';
  return row.unit === 'bytes' ? `${Math.round(row.value)} B` : `${row.value.toFixed(2)}×`;
}

/** The row's verdict as printed. */
export function verdict(row: SummaryRow): string {
  if (row.impossible === true) return 'NOT A RESULT (impossible; run again)';
  return row.met === undefined ? 'no figure' : row.met ? 'met' : 'not met';
}
