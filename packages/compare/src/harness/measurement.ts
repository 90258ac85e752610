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
  /** (max − min) / median of the figure over the runs. */
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

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** (max − min) / median, 0 for a single sample. */
export function spreadOf(values: readonly number[]): number {
  const m = median(values);
  return m === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / m;
}
