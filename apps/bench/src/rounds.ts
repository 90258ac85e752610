// Steadier figures on a shared machine: instead of one long child per implementation, several short
// rounds, each a fresh child, with the implementations interleaved and the order rotated every round.
// A slow spell of the machine (another process, a noisy neighbour of the VM) then lands on every
// implementation alike instead of on whichever ran during it, and a ratio read off the pooled medians
// moves far less from one run of the suite to the next.
import { summarise } from './measurement.js';

/** How many rounds the suites run by default (`BENCH_ROUNDS` overrides it, e.g. 1 for a quick look). */
export const ROUNDS = envRounds() ?? 3;

function envRounds(): number | undefined {
  const raw = process.env.BENCH_ROUNDS;
  if (raw === undefined || raw === '') return undefined;
  const rounds = Number(raw);
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`BENCH_ROUNDS must be a whole number >= 1, got ${JSON.stringify(raw)}`);
  return rounds;
}

/** The pooled samples of one label, or the error its first failing round raised (later rounds are skipped). */
export type Pooled = number[] | Error;

/**
 * Run `once(label)` (one child, returning its per-run samples) for every label, `rounds` times,
 * round by round with the order rotated, and pool each label's samples.
 *
 * @example
 * ```ts
 * const pooled = await interleave(['@coro/core', 'co'], 3, (impl) => inChild(...));
 * ```
 */
export async function interleave<L extends string>(labels: readonly L[], rounds: number, once: (label: L) => Promise<number[]>): Promise<Map<L, Pooled>> {
  const pooled = new Map<L, Pooled>(labels.map((label) => [label, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < labels.length; i++) {
      const label = labels[(i + round) % labels.length]!;
      const sofar = pooled.get(label)!;
      if (sofar instanceof Error) continue;
      try {
        sofar.push(...(await once(label)));
      } catch (error) {
        pooled.set(label, error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
  return pooled;
}

/** Median, run count and spread of pooled samples, or the failure as a note. */
export function pooledFigure(samples: Pooled): { value: number; runs: number; spread: number } | { failed: string } {
  if (samples instanceof Error) return { failed: `failed: ${samples.message.split('\n')[0]}` };
  if (samples.length === 0) return { failed: 'failed: no samples' };
  return summarise(samples);
}

/** How a row says it was measured in rounds: `3 interleaved rounds`. */
export const roundsNote = (): string => `${ROUNDS} interleaved round${ROUNDS === 1 ? '' : 's'}`;
