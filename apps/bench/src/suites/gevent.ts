import { inChild } from '../child.js';
import { summarise, type Measurement, type Suite } from '../measurement.js';
import { inPython } from '../python.js';
import { interleave, pooledFigure, ROUNDS, roundsNote } from '../rounds.js';
import type { Rate } from '../timing.js';
import { RUNS, SLEEP0_TOTAL, SLEEPERS, SPAWNS } from './gevent-cases.js';
import { httpCases } from './gevent-http.js';

const cpus = '1';
const placement = `child process, taskset -c ${cpus}`;
const coreCases = new URL('./core-cases.ts', import.meta.url);
const cases = new URL('./gevent-cases.ts', import.meta.url);
const PY_RUNS = 5;

/** The hub cases: the Node export and its Python twin (Python gets smaller totals; the rates compare). */
const HUB_CASES = [
  { name: 'sleep0-2', exportName: 'geventSleep0', args: [2, SLEEP0_TOTAL, RUNS], python: 'sleep0', pythonArgs: [2, 400_000], unit: 'opsPerSec' },
  { name: 'sleep0-1000', exportName: 'geventSleep0', args: [1000, SLEEP0_TOTAL, RUNS], python: 'sleep0', pythonArgs: [1000, 400_000], unit: 'opsPerSec' },
  { name: 'spawn-100k', exportName: 'geventSpawn', args: [SPAWNS, RUNS], python: 'spawn', pythonArgs: [SPAWNS], unit: 'opsPerSec' },
  { name: 'sleep-10k', exportName: 'geventSleepBytes', args: [SLEEPERS, 2], python: 'sleep_bytes', pythonArgs: [SLEEPERS], unit: 'bytes' },
] as const;

/** The same workloads with Python's gevent, pinned to the same CPU; prints the per-run figures as JSON. */
const pythonScript = (kind: string, args: number[]): string => `
import os, json, time, gc
os.sched_setaffinity(0, {${cpus}})
import gevent
def sleep0(greenlets, total):
    each = total // greenlets
    def body():
        for _ in range(each):
            gevent.sleep(0)
    start = time.perf_counter()
    gevent.joinall([gevent.spawn(body) for _ in range(greenlets)])
    return each * greenlets / (time.perf_counter() - start)
def spawn(count):
    def body():
        return 1
    start = time.perf_counter()
    gevent.joinall([gevent.spawn(body) for _ in range(count)])
    return count / (time.perf_counter() - start)
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')
def sleep_bytes(count):
    gc.collect()
    before = rss()
    gs = [gevent.spawn(gevent.sleep, 60) for _ in range(count)]
    gevent.sleep(0)  # all started, all asleep on their 60 s timers
    gc.collect()
    after = rss()
    gevent.killall(gs)
    return (after - before) / count
fn = ${kind}
args = ${JSON.stringify(args)}
if fn is sleep_bytes:
    # Memory freed by one run is reused by the next, so only a first run in a fresh process counts.
    print(json.dumps([fn(*args)]))
else:
    fn(*args)
    print(json.dumps([fn(*args) for _ in range(${PY_RUNS})]))
`;

const row = (caseName: string, impl: string, rest: Omit<Measurement, 'suite' | 'case' | 'impl'>): Measurement => ({ suite: 'gevent', case: caseName, impl, ...rest });

async function python(caseName: string, kind: string, args: number[], unit: 'opsPerSec' | 'bytes'): Promise<Measurement> {
  const result = await inPython<number[]>(pythonScript(kind, args), ['gevent']);
  if ('skipped' in result) return row(caseName, 'python-gevent', { runs: 0, spread: 0, note: result.skipped });
  const { value, runs, spread } = summarise(result);
  const note = `/usr/bin/python3, ${placement}${unit === 'bytes' ? ', RSS delta' : ''}`;
  return row(caseName, 'python-gevent', { [unit]: value, runs, spread, note });
}

/** The Node side of one hub case in interleaved rounds: @coro/gevent, and for sleep0-1000 core's switch-1000 (its goal's limit) beside it. */
async function* node(c: (typeof HUB_CASES)[number]): AsyncIterable<Measurement> {
  const bytes = c.unit === 'bytes';
  const impls = c.name === 'sleep0-1000' ? ['@coro/gevent', CORE_SWITCH] : ['@coro/gevent'];
  const pooled = await interleave(impls, ROUNDS, async (impl) => {
    if (impl === CORE_SWITCH) return inChild<number[]>(coreCases, 'measure', ['switch-1000', '@coro/core'], { cpus });
    const r = await inChild<Rate | number[]>(cases, c.exportName, [...c.args], { cpus });
    return Array.isArray(r) ? r : r.samples;
  });
  for (const impl of impls) {
    const figure = pooledFigure(pooled.get(impl)!);
    const note = `${placement}, ${bytes ? 'heap delta after GC' : 'CPU time'}, ${roundsNote()}${impl === CORE_SWITCH ? ": core's Scheduler, 1,000 tasks each yielding 2,000 times (the goal's limit)" : ''}`;
    if ('failed' in figure) yield row(c.name, impl, { runs: 0, spread: 0, note: figure.failed });
    else yield row(c.name, impl, { [c.unit]: figure.value, runs: figure.runs, spread: figure.spread, note });
  }
}

/** The row of core's switch-1000 measured beside gevent's sleep0-1000. */
export const CORE_SWITCH = '@coro/core (switch-1000)';

/**
 * The hub cases, @coro/gevent against Python's gevent (same workload, same CPU): `sleep0-2` and
 * `sleep0-1000` count sleep(0) calls per second with 2 and 1,000 greenlets; `spawn-100k` is
 * spawn + joinAll of 100,000 greenlets; `sleep-10k` is memory per greenlet with 10,000 asleep at
 * once. Targets (issue 5): ≥ 20× Python gevent on the rates, ≤ 1/10 of its bytes per sleeping
 * greenlet.
 */
export async function* geventCases(): AsyncIterable<Measurement> {
  for (const c of HUB_CASES) {
    yield* node(c);
    yield await python(c.name, c.python, [...c.pythonArgs], c.unit);
  }
}

/** Suite `gevent`: the hub cases, then `http-2000` (./gevent-http.ts), in one run. */
export function geventSuite(): Promise<Suite> {
  return Promise.resolve({
    name: 'gevent',
    description: '@coro/gevent against Python gevent: sleep(0) rates, spawn + joinAll, bytes per sleeping greenlet, then 2,000 GETs at concurrency 100',
    async *run(): AsyncIterable<Measurement> {
      yield* geventCases();
      yield* httpCases();
    },
  });
}
