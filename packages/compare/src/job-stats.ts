/**
 * Per-executor job statistics, cheap enough for the dispatch path: two timestamps per job and a
 * store into a fixed ring of recent samples (no allocation per job). Percentiles are computed
 * only when `stats` is read, over the last {@link SAMPLES} jobs.
 */
export const SAMPLES = 1024;

/**
 * Percentiles of a duration in milliseconds over recent jobs (piscina's `histogram` shape).
 *
 * @example
 * ```ts
 * const { p50, p99 }: Percentiles = executor.stats.runTime;
 * ```
 */
export interface Percentiles {
  /** Jobs the figures are taken over (at most the last 1024). */
  readonly count: number;
  /** The shortest, in ms. */
  readonly min: number;
  /** The average, in ms. */
  readonly mean: number;
  /** The median, in ms. */
  readonly p50: number;
  /** 90% of the jobs took at most this long, in ms. */
  readonly p90: number;
  /** 99% of the jobs took at most this long, in ms. */
  readonly p99: number;
  /** The longest, in ms. */
  readonly max: number;
}

/** A ring of the last {@link SAMPLES} durations. */
export class Samples {
  private readonly values = new Float64Array(SAMPLES);
  private count = 0;

  add(ms: number): void {
    this.values[this.count++ & (SAMPLES - 1)] = ms;
  }

  percentiles(): Percentiles {
    const n = Math.min(this.count, SAMPLES);
    if (n === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    const sorted = this.values.slice(0, n).sort();
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))]!;
    let sum = 0;
    for (const v of sorted) sum += v;
    return { count: n, min: sorted[0]!, mean: sum / n, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[n - 1]! };
  }
}
