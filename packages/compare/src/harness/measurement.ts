import type { Kind } from './kinds.js';
import type { WorkloadName } from './workload.js';

/**
 * Where a measurement ran: pinned to one CPU, spread over several, or wherever the OS put it
 * (`taskset` missing). Figures taken under different placements are never compared.
 *
 * @example
 * ```ts
 * const pinned: Placement = { name: 'pinned', cpus: '0', count: 1 };
 * ```
 */
export interface Placement {
  /** Pinned to one CPU, spread over several, or unpinned (no `taskset`). */
  readonly name: 'pinned' | 'spread' | 'unpinned';
  /** The `taskset -c` CPU list, e.g. `"0"` or `"0-1"`; empty when unpinned. */
  readonly cpus: string;
  /** How many CPUs the placement allows. */
  readonly count: number;
}

/**
 * One workload measured for one kind under one placement: the median of repeated runs.
 *
 * @example
 * ```ts
 * const m: Measurement = {
 *   workload: 'switch', kind: 'thread', placement: { name: 'pinned', cpus: '0', count: 1 },
 *   value: 9.6, unit: 'µs', runs: 5, spread: 0.08, wallMs: 210, cpuMs: 205, peakRssBytes: 9e7, note: '',
 * };
 * ```
 */
export interface Measurement {
  /** What was measured. */
  readonly workload: WorkloadName;
  /** On which kind of unit. */
  readonly kind: Kind;
  /** Under which CPU placement. */
  readonly placement: Placement;
  /** The median figure, in `unit`. */
  readonly value: number;
  /** `µs`, `ms`, `bytes`, `×` or `req/s`. */
  readonly unit: string;
  /** How many runs the median was taken over. */
  readonly runs: number;
  /** (max − min) / |median| of the figure over the runs (0 for one run); the table shows it as ±half. */
  readonly spread: number;
  /** Median wall time of one run. */
  readonly wallMs: number;
  /** Median CPU time of one run (user + system, threads and child processes included). */
  readonly cpuMs: number;
  /** Median peak resident memory of the measuring process and its children during one run. */
  readonly peakRssBytes: number;
  /** What a reader needs to interpret the figure. */
  readonly note: string;
}

/** Spread (max − min) / median above which a figure is unstable: the harness measures again, then calls it inconclusive. */
export const SPREAD_BOUND = 0.25;

/**
 * Why a figure cannot be physically true, or undefined when it can: negative bytes or times, a
 * speed-up beyond the CPUs the placement allows (10% slack for timer noise).
 */
export function physicalProblem(m: Measurement): string | undefined {
  if (!Number.isFinite(m.value)) return `${m.workload} on ${m.kind} is not a number (${String(m.value)})`;
  if (m.unit === '×') {
    if (m.value > m.placement.count * 1.1) return `${m.workload} on ${m.kind}: a ${m.value.toFixed(2)}× speed-up on ${m.placement.count} CPU${m.placement.count === 1 ? '' : 's'} is impossible`;
    if (m.value <= 0) return `${m.workload} on ${m.kind}: a speed-up of ${m.value} is impossible`;
  } else if (m.value < 0) {
    return `${m.workload} on ${m.kind}: ${m.value.toPrecision(3)} ${m.unit} is negative`;
  }
  return undefined;
}

/** Why a figure is not stable enough to decide a claim: its spread over runs is above {@link SPREAD_BOUND}. */
export function stabilityProblem(m: Measurement): string | undefined {
  if (m.spread > SPREAD_BOUND) return `${m.workload} on ${m.kind} varied ±${Math.round((m.spread * 100) / 2)}% over ${m.runs} runs`;
  return undefined;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** (max − min) / |median|, 0 for a single sample (never negative, whatever the sign of the figures). */
export function spreadOf(values: readonly number[]): number {
  const m = Math.abs(median(values));
  const range = Math.max(...values) - Math.min(...values);
  return m === 0 ? (range === 0 ? 0 : Infinity) : range / m;
}
