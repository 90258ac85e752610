import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import pLimitModule from 'p-limit';
import { inChild } from '../child.js';
import { summarise, type Measurement } from '../measurement.js';
import { inPython } from '../python.js';
import { interleave, pooledFigure, ROUNDS, roundsNote } from '../rounds.js';
import { opsPerSecond, type Rate } from '../timing.js';

// p-limit 2 is CommonJS: under NodeNext its default import is module.exports, whose .default is the function.
const pLimit = pLimitModule.default;

const TOTAL = 2_000;
const CONCURRENCY = 100;
/** Runs per child (several children per implementation: rounds.ts), and Python's runs. */
const RUNS = 3;
const PY_RUNS = 5;
const SERVER_CPU = '1';
const CLIENT_CPU = '0';
const placement = `client on CPU ${CLIENT_CPU}, server (node:http, own process) on CPU ${SERVER_CPU} (taskset)`;

// The server lives in its own process so the client measured never shares an event loop with it.
const serverSource = `
  const http = require('node:http');
  const body = Buffer.from('hello from 127.0.0.1\\n');
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 60000; // never close an idle keep-alive connection under a client between runs
  server.listen(0, '127.0.0.1', () => console.log('@@port ' + server.address().port));
  process.stdin.on('end', () => process.exit(0)).resume();
`;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('taskset', ['-c', SERVER_CPU, process.execPath, '-e', serverSource], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout) {
    output += chunk as string;
    const port = /@@port (\d+)/.exec(output)?.[1];
    if (port) return { url: `http://127.0.0.1:${port}/`, child };
  }
  throw new Error(`the benchmark HTTP server exited before listening:\n${output}`);
}


/** Child export: 2,000 GETs with the platform's fetch, at most 100 at a time through p-limit. */
export async function fetchPLimit(url: string, total: number, concurrency: number, runs: number): Promise<Rate> {
  const limit = pLimit(concurrency);
  const one = async (): Promise<void> => {
    const response = await fetch(url);
    await response.text();
  };
  return opsPerSecond(total, runs, () => Promise.all(Array.from({ length: total }, () => limit(one))), 'wall');
}

/** Child export: the same GETs from greenlets of a gevent Pool(100), with fetch patched to belong to them (or not, to show what patching costs). */
export async function geventPool(url: string, total: number, concurrency: number, runs: number, patched = true): Promise<Rate> {
  const { Pool, wait } = await import('@coro/gevent');
  const { patchAll } = await import('@coro/gevent/monkey');
  if (patched) patchAll();
  function* one(): Generator<unknown, void, unknown> {
    const response = yield* wait(fetch(url));
    yield* wait(response.text());
  }
  const pool = new Pool(concurrency);
  const inputs = Array.from({ length: total }, (_, i) => i);
  return opsPerSecond(total, runs, () => pool.map(one, inputs), 'wall');
}

const pythonScript = (url: string, total: number, concurrency: number, runs: number): string => `
import os
os.sched_setaffinity(0, {${CLIENT_CPU}})
from gevent import monkey; monkey.patch_all()
import json, time, requests
from gevent.pool import Pool
def one(_):
    requests.get(${JSON.stringify(url)}).content
def rate():
    start = time.perf_counter()
    Pool(${concurrency}).map(one, range(${total}))
    return ${total} / (time.perf_counter() - start)
rate()
print(json.dumps([rate() for _ in range(${runs})]))
`;

function row(impl: string, rate: { value: number; runs: number; spread: number } | { failed: string }, note: string): Measurement {
  if ('failed' in rate) return { suite: 'gevent', case: 'http-2000', impl, runs: 0, spread: 0, note: rate.failed };
  return { suite: 'gevent', case: 'http-2000', impl, opsPerSec: rate.value, runs: rate.runs, spread: rate.spread, note };
}

/**
 * Case `http-2000` of suite `gevent`: 2,000 GETs to a local HTTP server at concurrency 100.
 * Target: `@coro/gevent` with patched fetch at ≥ 90% of `fetch+p-limit`.
 */
export async function* httpCases(): AsyncIterable<Measurement> {
  const { url, child } = await startServer();
  try {
    const args = [url, TOTAL, CONCURRENCY, RUNS];
    const here = new URL(import.meta.url);
    const sides = { 'fetch+p-limit': ['fetchPLimit', args], '@coro/gevent': ['geventPool', args], '@coro/gevent (unpatched)': ['geventPool', [...args, false]] } as const;
    const pooled = await interleave(Object.keys(sides) as (keyof typeof sides)[], ROUNDS, async (impl) => {
      const [exportName, exportArgs] = sides[impl];
      return (await inChild<Rate>(here, exportName, [...exportArgs], { cpus: CLIENT_CPU })).samples;
    });
    const baseline = pooledFigure(pooled.get('fetch+p-limit')!);
    const gevent = pooledFigure(pooled.get('@coro/gevent')!);
    const unpatched = pooledFigure(pooled.get('@coro/gevent (unpatched)')!);
    const share = (ours: typeof baseline): string => ('failed' in ours || 'failed' in baseline ? 'no ratio' : `${((ours.value / baseline.value) * 100).toFixed(0)}% of fetch+p-limit`);
    const shape = `${roundsNote()}; ${placement}`;
    yield row('fetch+p-limit', baseline, shape);
    yield row('@coro/gevent', gevent, `${share(gevent)} (target ≥ 90%); Pool(100), patchAll(); ${shape}`);
    yield row('@coro/gevent (unpatched)', unpatched, `${share(unpatched)}; what patchAll() costs is the difference; ${shape}`);
    const python = await inPython<number[]>(pythonScript(url, TOTAL, CONCURRENCY, PY_RUNS), ['gevent', 'requests']);
    if (Array.isArray(python)) {
      const { value, runs, spread } = summarise(python);
      yield row('python-gevent', { value, runs, spread }, `gevent Pool(100) + requests.get, patch_all(); ${placement}`);
    } else {
      yield { suite: 'gevent', case: 'http-2000', impl: 'python-gevent', runs: 0, spread: 0, note: python.skipped };
    }
  } finally {
    child.stdin?.end();
    await once(child, 'exit');
  }
}
