/**
 * The distributed demo's verdict line. A ratio is printed only when it can be true: n workers on a
 * machine with c CPUs cannot run CPU-bound jobs more than min(n, c) times faster than one, so a
 * larger figure (one of the runs was slowed by something else) is flagged as impossible instead of
 * shown as a result — as @coro/compare marks such figures. No slack: the demo's reader should never
 * see "2.05× on 2 CPUs" unflagged.
 */

/** `2 workers: 1.93× one worker (2 CPUs)`, or the same figure flagged `(impossible: …)`. */
export function speedUpLine(workers: number, ratio: number, cpus: number): string {
  const figure = `${Number.isFinite(ratio) ? ratio.toFixed(2) : String(ratio)}×`;
  const bound = Math.min(workers, cpus);
  const problem =
    !Number.isFinite(ratio) || ratio <= 0
      ? 'impossible: not a speed-up'
      : ratio > bound
        ? `impossible: ${workers} workers on ${cpus} CPU${cpus === 1 ? '' : 's'} can be at most ${bound}× faster; something else slowed one of the runs, run it again`
        : undefined;
  return `${workers} workers: ${figure} one worker (${problem ?? `${cpus} CPU${cpus === 1 ? '' : 's'}`})`;
}

/** The ratio in a line printed by {@link speedUpLine}, and whether it was flagged. */
export function parseSpeedUpLine(line: string): { workers: number; ratio: number; impossible: boolean } | undefined {
  const match = /^(\d+) workers: (\S+)× one worker \((.*)\)$/.exec(line);
  if (!match) return undefined;
  return { workers: Number(match[1]), ratio: Number(match[2]), impossible: match[3]!.startsWith('impossible') };
}

/**
 * A note for a figure taken on a machine already busy before the demo started (1-minute load
 * average above half its CPUs): other work takes CPU time from the workers, so the speed-up comes
 * out lower than an idle machine gives. Undefined when the machine looked idle (or reports no load).
 */
export function busyNote(loadAverage: number, cpus: number): string | undefined {
  if (!(loadAverage > cpus / 2)) return undefined;
  return `(the machine was busy before the demo started — load average ${loadAverage.toFixed(2)} on ${cpus} CPU${cpus === 1 ? '' : 's'} — so the workers shared the CPUs with other work; an idle machine shows a larger speed-up)`;
}
