import { inChild } from '../child.js';
import type { Measurement, Suite } from '../measurement.js';
import type { CaseResult } from './core-cases.js';

const cases = ['switch-2', 'switch-1000', 'spawn-100k', 'memory-100k'];
const impls = ['@coro/core', 'raw-generator', 'async-fn', 'co', 'effection', 'redux-saga', 'js-csp'];
const cpus = '1';

/**
 * @coro/core against the raw generator floor, async functions, co, effection 4, redux-saga and
 * js-csp: cooperative switches among 2 and 1,000 tasks, spawn-and-finish of 100,000 tasks, and
 * heap bytes per suspended task. Each implementation runs in its own child process, pinned to
 * one CPU.
 */
export function coreSuite(): Suite {
  return {
    name: 'core',
    description: 'generator scheduler: switch rate, spawn rate, bytes per suspended task',
    async *run(): AsyncIterable<Measurement> {
      for (const caseName of cases) {
        for (const impl of impls) {
          const note = `child process, taskset -c ${cpus}`;
          try {
            const r = await inChild<CaseResult>(new URL('./core-cases.ts', import.meta.url), 'measure', [caseName, impl], { cpus });
            yield { suite: 'core', case: caseName, impl, ...r, note };
          } catch (error) {
            yield { suite: 'core', case: caseName, impl, runs: 0, spread: 0, note: `failed: ${(error as Error).message.split('\n')[0]}` };
          }
        }
      }
    },
  };
}
