// How the bullmq suite states its two goals beside the figures, in the rows' notes.

/** `93% of bullmq (target ≥ 90%)`: a rate as a share of its baseline's. */
export function shareNote(rate: number, baseline: number, baselineName: string, targetPercent: number): string {
  if (!(rate > 0 && baseline > 0)) return `no ratio (a figure is missing)`;
  return `${Math.round((rate / baseline) * 100)}% of ${baselineName} (target ≥ ${targetPercent}%)`;
}

/**
 * `1.86× of 1 worker (target ≥ 1.7×)`: how a rate scaled from one worker to `workers`, each on its
 * own CPU. More than `cpus`× cannot come from the work itself — the runs were disturbed (the machine
 * is shared, or the one-worker figure was depressed) — so such a ratio is flagged, never given as
 * the result.
 */
export function scalingNote(rate: number, oneWorker: number, cpus: number, target: number): string {
  if (!(rate > 0 && oneWorker > 0)) return `no ratio (a figure is missing)`;
  const ratio = rate / oneWorker;
  if (ratio > cpus) {
    return `NOT A RESULT: ${ratio.toFixed(2)}× of 1 worker exceeds the ${cpus} CPUs the workers had, which is impossible; the runs were disturbed, run again`;
  }
  return `${ratio.toFixed(2)}× of 1 worker (target ≥ ${target}×)`;
}
