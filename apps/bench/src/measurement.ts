/** One row of a benchmark table: the median figure of one implementation on one case. */
export interface Measurement {
  /** The suite name, as given to `npm run bench -- <suite>`. */
  suite: string;
  /** The case name the package issue gives (`switch-2`, `spawn-100k`, …). */
  case: string;
  /** The npm name of what was measured, `raw-generator`, `async-fn`, or `python-greenlet`/`python-gevent`. */
  impl: string;
  /** Operations per second (higher is better). */
  opsPerSec?: number;
  /** Milliseconds (lower is better). */
  ms?: number;
  /** Bytes (lower is better). */
  bytes?: number;
  /** How many runs the median was taken over. */
  runs: number;
  /** (max - min) / median over the runs. */
  spread: number;
  /** Anything a reader needs to interpret the row (CPU placement, a skipped peer). */
  note?: string;
}

/** A named set of cases. `run` yields rows as they are measured, so the table fills in live. */
export interface Suite {
  name: string;
  description: string;
  run(): AsyncIterable<Measurement>;
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: values must not be empty');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Summarise repeated samples into the median and its spread, (max - min) / median. */
export function summarise(samples: readonly number[]): { value: number; runs: number; spread: number } {
  const value = median(samples);
  const spread = value === 0 ? 0 : (Math.max(...samples) - Math.min(...samples)) / value;
  return { value, runs: samples.length, spread };
}
