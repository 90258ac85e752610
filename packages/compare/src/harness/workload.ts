import type { Kind } from './kinds.js';

/** What a workload's run may use: the size of the run, the CPUs it may use, the local HTTP server. */
export interface WorkloadContext {
  /** A short run (fewer units and rounds) for docs builds and demos. */
  readonly quick: boolean;
  /** How many CPUs this placement allows. */
  readonly cpus: number;
  /** The URL of the harness's local HTTP server. */
  readonly url: string;
}

/** One run's figure, and what a reader needs to interpret it. */
export interface WorkloadRun {
  readonly value: number;
  readonly note: string;
}

/**
 * The names of the harness's workloads.
 *
 * @example
 * ```ts
 * const name: WorkloadName = 'switch';
 * ```
 */
export type WorkloadName = 'start' | 'switch' | 'memory' | 'cpu' | 'io' | 'sleep';

/** A measurement the harness repeats for every kind of unit. */
export interface Workload {
  readonly name: WorkloadName;
  /** What is measured, for table headings. */
  readonly title: string;
  readonly unit: 'µs' | 'ms' | 'bytes' | '×' | 'req/s';
  readonly better: 'lower' | 'higher';
  /** Runs once for `kind` and returns the figure. */
  run(kind: Kind, context: WorkloadContext): Promise<WorkloadRun>;
}
