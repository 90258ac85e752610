import { inChild } from '../child.js';
import type { Measurement, Suite } from '../measurement.js';

const cases = new URL('./compare-cases.ts', import.meta.url);
const placements = [
  { cpus: '0', note: 'pinned to CPU 0 (taskset -c 0)' },
  { cpus: '0,1', note: 'spread over CPUs 0,1 (taskset -c 0,1)' },
];
const threadImpls = ['@coro/compare', 'piscina', 'tinypool'];
const processImpls = ['@coro/compare', 'workerpool', 'child_process.fork'];
type Summary = { value: number; runs: number; spread: number };
/** What each raw-fork baseline sends, so a reader compares like with like. */
const roundtripNotes: Record<string, string> = {
  'child_process.fork': ', bare 0 echoed',
  'child_process.fork (job-shaped)': ', [RUN, id, module, export, args] out, [DONE, id, value] back, as a pool must',
};

/**
 * inChild, tried up to three times: other workspaces rebuild the packages' dist folders while a
 * long suite runs, and a child that starts in that moment cannot load them.
 */
async function measure(exportName: string, args: unknown[], cpus: string): Promise<Summary> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inChild<Summary>(cases, exportName, args, { cpus });
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
}

/**
 * ThreadExecutor against piscina and tinypool, ProcessExecutor against workerpool's process mode and
 * raw child_process.fork. Every figure is taken pinned to one CPU and spread over two, in separate
 * rows: cross-thread figures differ 4–5× between the two and must never be compared across them.
 */
export function compareSuite(): Promise<Suite> {
  return Promise.resolve({
    name: 'compare',
    description: 'ThreadExecutor vs piscina/tinypool, ProcessExecutor vs workerpool/fork',
    async *run(): AsyncIterable<Measurement> {
      for (const { cpus, note } of placements) {
        for (const mode of ['64', 'all'] as const) {
          for (const impl of threadImpls) {
            const s = await measure('noop100k', [impl, mode, 3], cpus);
            yield { suite: 'compare', case: 'noop-100k', impl, opsPerSec: s.value, runs: s.runs, spread: s.spread, note: `2 threads, ${mode === '64' ? '64 in flight' : 'all 100,000 at once'}; ${note}` };
          }
        }
        for (const impl of threadImpls) {
          const s = await measure('roundtrip', [impl, 'thread', 5], cpus);
          yield { suite: 'compare', case: 'roundtrip', impl, opsPerSec: s.value, runs: s.runs, spread: s.spread, note: `1 thread, one job at a time; ${note}` };
        }
        for (const impl of threadImpls) {
          const s = await measure('startup', [impl, 'thread', 5], cpus);
          yield { suite: 'compare', case: 'startup', impl, ms: s.value, runs: s.runs, spread: s.spread, note: `new pool of 2 threads to first result; ${note}` };
        }
        for (const impl of [...processImpls, 'child_process.fork (job-shaped)']) {
          const s = await measure('roundtrip', [impl, 'process', 5], cpus);
          yield { suite: 'compare', case: 'process-roundtrip', impl, opsPerSec: s.value, runs: s.runs, spread: s.spread, note: `1 child, IPC (advanced serialization), one job at a time${roundtripNotes[impl] ?? ''}; ${note}` };
        }
        for (const impl of processImpls) {
          const s = await measure('startup', [impl, 'process', 5], cpus);
          yield { suite: 'compare', case: 'process-startup', impl, ms: s.value, runs: s.runs, spread: s.spread, note: `fork to first result; ${note}` };
        }
      }
    },
  });
}
