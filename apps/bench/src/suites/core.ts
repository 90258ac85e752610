import { inChild } from '../child.js';
import type { Measurement, Suite } from '../measurement.js';
import { interleave, pooledFigure, ROUNDS, roundsNote } from '../rounds.js';
import type { CaseSamples } from './core-cases.js';

const cases = ['switch-2', 'switch-1000', 'spawn-100k', 'memory-100k'];
const impls = ['@coro/core', 'raw-generator', 'async-fn', 'co', 'effection', 'redux-saga', 'js-csp'];
const cpus = '1';
const module = new URL('./core-cases.ts', import.meta.url);

/**
 * @coro/core against the raw generator floor, async functions, co, effection 4, redux-saga and
 * js-csp: cooperative switches among 2 and 1,000 tasks, spawn-and-finish of 100,000 tasks, and
 * heap bytes per suspended task. Each implementation runs in its own child processes, pinned to
 * one CPU and timed in CPU time, in interleaved rounds (rounds.ts).
 */
export function coreSuite(): Suite {
  return {
    name: 'core',
    description: 'generator scheduler: switch rate, spawn rate, bytes per suspended task',
    async *run(): AsyncIterable<Measurement> {
      for (const caseName of cases) {
        const bytes = caseName === 'memory-100k';
        const pooled = await interleave(impls, ROUNDS, (impl) => inChild<CaseSamples>(module, 'measure', [caseName, impl], { cpus }));
        for (const impl of impls) {
          const figure = pooledFigure(pooled.get(impl)!);
          const note = `child processes, taskset -c ${cpus}, ${bytes ? 'heap delta after GC' : 'CPU time'}, ${roundsNote()}`;
          if ('failed' in figure) yield { suite: 'core', case: caseName, impl, runs: 0, spread: 0, note: figure.failed };
          else yield { suite: 'core', case: caseName, impl, [bytes ? 'bytes' : 'opsPerSec']: figure.value, runs: figure.runs, spread: figure.spread, note };
        }
      }
    },
  };
}
