#!/usr/bin/env node
// coro-compare: measure processes, threads, coroutines and greenlets on this machine and check the
// seed tutorial's summary against the figures.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { formatMarkdown, formatTable } from './harness/format-table.js';
import { renderSvg } from './harness/format-svg.js';
import { kinds, type Kind } from './harness/kinds.js';
import { runComparison } from './harness/run-comparison.js';
import { workloads } from './harness/workloads/index.js';
import type { WorkloadName } from './harness/workload.js';

const usage = `usage: coro-compare [options]

Measures start cost, switch cost, memory per unit, CPU-bound speed-up and I/O-bound throughput of
processes, threads, coroutines and greenlets, pinned to one CPU and spread over all (taskset),
and checks each line of the seed tutorial's summary against the numbers.

  --quick              fewer units, rounds and runs (well under a minute)
  --runs <n>           runs per figure (median reported; default 5, quick 1)
  --placement <p>      pinned | spread | both (default both)
  --cpus <list>        CPUs to use, as for taskset -c (default all; pinned uses the first)
  --workload <name>    only this workload (repeatable): ${workloads.map((w) => w.name).join(', ')}
  --kind <name>        only this kind (repeatable): ${kinds.join(', ')}
  --json <file>        write {results, claims} as JSON ("-" for stdout)
  --markdown <file>    write the table and claims as Markdown ("-" for stdout)
  --svg <file>         write bar charts as SVG
  -h, --help           show this help`;

function fail(message: string): never {
  process.stderr.write(`coro-compare: ${message}\n\n${usage}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      placement: { type: 'string', default: 'both' },
      cpus: { type: 'string' },
      workload: { type: 'string', multiple: true },
      kind: { type: 'string', multiple: true },
      json: { type: 'string' },
      markdown: { type: 'string' },
      svg: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values } = parsed;
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const placement = values.placement;
if (placement !== 'pinned' && placement !== 'spread' && placement !== 'both') fail(`--placement must be pinned, spread or both, got "${placement}"`);
const runs = values.runs === undefined ? undefined : Number(values.runs);
if (runs !== undefined && (!Number.isInteger(runs) || runs < 1)) fail(`--runs must be an integer >= 1, got "${values.runs}"`);
for (const name of values.workload ?? []) if (!workloads.some((w) => w.name === name)) fail(`unknown workload "${name}"`);
for (const name of values.kind ?? []) if (!kinds.includes(name as Kind)) fail(`unknown kind "${name}"`);

const bar = process.stderr.isTTY ? new SingleBar({ format: 'measuring {bar} {value}/{total} {label}', stream: process.stderr, hideCursor: true }) : undefined;
const report = await runComparison({
  quick: values.quick,
  placements: placement === 'both' ? ['pinned', 'spread'] : [placement],
  ...(values.cpus === undefined ? {} : { cpus: values.cpus }),
  ...(runs === undefined ? {} : { runs }),
  ...(values.workload ? { workloads: values.workload as WorkloadName[] } : {}),
  ...(values.kind ? { kinds: values.kind as Kind[] } : {}),
  onProgress(done, total, label) {
    if (!bar) return;
    if (done === 0) bar.start(total, 0, { label });
    bar.update(done, { label });
    if (done === total) bar.stop();
  },
}).catch((error: Error) => {
  bar?.stop();
  process.stderr.write(`coro-compare: ${error.message}\n`);
  process.exit(1);
});

const write = (file: string, text: string) => (file === '-' ? process.stdout.write(text) : writeFileSync(file, text));
if (values.json !== undefined) write(values.json, `${JSON.stringify({ results: report.results, claims: report.claims, python: report.python, machine: report.machine, placements: report.placements }, null, 2)}\n`);
if (values.markdown !== undefined) write(values.markdown, formatMarkdown(report));
if (values.svg !== undefined) writeFileSync(values.svg, renderSvg(report));
if (values.json !== '-' && values.markdown !== '-') process.stdout.write(`${formatTable(report)}\n`);
