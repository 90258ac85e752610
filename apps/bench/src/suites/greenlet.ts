import { inChild } from '../child.js';
import { summarise, type Measurement, type Suite } from '../measurement.js';
import { inPython } from '../python.js';
import { interleave, pooledFigure, ROUNDS, roundsNote } from '../rounds.js';
import type { Rate } from '../timing.js';
import { CREATES, RUNS, SWITCHES } from './greenlet-cases.js';

const cpus = '1';
const placement = `taskset -c ${cpus}, CPU time`;
const PY_RUNS = 5;
const cases = new URL('./greenlet-cases.ts', import.meta.url);

/** The same workloads in Python greenlet, pinned to the same CPU; prints the per-run rates as JSON. */
const pythonScript = (kind: 'switch' | 'create', ops: number, runs: number): string => `
import os, json, time
os.sched_setaffinity(0, {${cpus}})
from greenlet import greenlet
N = ${ops}
def switch_rate():
    def first():
        for i in range(N // 2):
            g2.switch(i)
    def second(_):
        while True:
            g1.switch(1)
    g1 = greenlet(first)
    g2 = greenlet(second)
    start = time.process_time()
    g1.switch()
    return N / (time.process_time() - start)
def create_rate():
    def body(x):
        return x
    start = time.process_time()
    for i in range(N):
        greenlet(body).switch(i)
    return N / (time.process_time() - start)
rate = ${kind === 'switch' ? 'switch_rate' : 'create_rate'}
rate()
print(json.dumps([rate() for _ in range(${runs})]))
`;

async function python(caseName: string, kind: 'switch' | 'create', ops: number): Promise<Measurement> {
  const result = await inPython<number[]>(pythonScript(kind, ops, PY_RUNS), ['greenlet']);
  if ('skipped' in result) return { suite: 'greenlet', case: caseName, impl: 'python-greenlet', runs: 0, spread: 0, note: result.skipped };
  const { value, runs, spread } = summarise(result);
  return { suite: 'greenlet', case: caseName, impl: 'python-greenlet', opsPerSec: value, runs, spread, note: `/usr/bin/python3, ${placement}` };
}

/** One case's Node implementations (impl → child export), in interleaved rounds (rounds.ts). */
async function* children(caseName: string, ops: number, exports: Record<string, string>): AsyncIterable<Measurement> {
  const impls = Object.keys(exports);
  const pooled = await interleave(impls, ROUNDS, async (impl) => (await inChild<Rate>(cases, exports[impl]!, [ops, RUNS], { cpus })).samples);
  for (const impl of impls) {
    const figure = pooledFigure(pooled.get(impl)!);
    if ('failed' in figure) yield { suite: 'greenlet', case: caseName, impl, runs: 0, spread: 0, note: figure.failed };
    else yield { suite: 'greenlet', case: caseName, impl, opsPerSec: figure.value, runs: figure.runs, spread: figure.spread, note: `child processes, ${placement}, ${roundsNote()}` };
  }
}

/**
 * @coro/greenlet against Python's greenlet (same workload, same CPU) and the raw generator floor:
 * `switch-2` counts one switch per switch() call between two greenlets; `create-200k` creates,
 * starts and finishes 200,000 greenlets. Targets (issue 4): switch-2 ≥ 5× and create-200k ≥ 10×
 * Python greenlet. Each Node figure pools interleaved rounds of child processes pinned to one CPU,
 * timed in CPU time (the machine is shared; see timing.ts and rounds.ts).
 */
export function greenletSuite(): Promise<Suite> {
  return Promise.resolve({
    name: 'greenlet',
    description: 'greenlet switch rate and create-run-finish rate, vs Python greenlet and raw generators',
    async *run(): AsyncIterable<Measurement> {
      yield* children('switch-2', SWITCHES, {
        '@coro/greenlet': 'greenletSwitch2',
        '@coro/greenlet (yield, untyped)': 'greenletSwitch2Yield',
        'raw-generator': 'rawSwitch2',
        'raw-generator (yield* floor)': 'rawSwitch2Delegating',
      });
      yield await python('switch-2', 'switch', SWITCHES / 2);
      yield* children('create-200k', CREATES, { '@coro/greenlet': 'greenletCreate', 'raw-generator': 'rawCreate' });
      yield await python('create-200k', 'create', CREATES);
    },
  });
}
