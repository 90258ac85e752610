#!/usr/bin/env node
// coro-compare: measure processes, threads, coroutines and greenlets on this machine and check the
// seed tutorial's summary against the figures. The CLI's own dependency (cli-progress) is loaded
// here only, and only on a terminal: the library entry never pulls it in.
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMarkdown, formatTable } from './harness/format-table.js';
import { renderSvg } from './harness/format-svg.js';
import { kinds, type Kind } from './harness/kinds.js';
import { choosePlacements } from './harness/placement.js';
import { runComparison, type Report } from './harness/run-comparison.js';
import { workloads } from './harness/workloads/index.js';
import type { WorkloadName } from './harness/workload.js';

const usage = `usage: coro-compare [options]

Measures start cost, switch cost, memory per unit, CPU-bound speed-up and I/O-bound throughput of
processes, threads, coroutines and greenlets, pinned to one CPU and spread over all (taskset),
and checks each line of the seed tutorial's summary against the numbers. A claim whose figures
are impossible, vary too much, or were taken on a busy machine is reported as inconclusive.

How long it takes (2 CPUs): --quick about 30-60 s; the full run about 10 minutes (each figure in a
fresh process, 5 runs, up to 15 while unstable). Progress goes to stderr.

  --quick              fewer units, rounds and runs (about 30-60 s)
  --runs <n>           runs per figure, an integer >= 1 (median reported; default 5, quick 1)
  --placement <p>      pinned | spread | both (default both)
  --cpus <list>        CPUs to use, as for taskset -c, e.g. 0-1 (default all; pinned uses the first)
  --workload <name>    only this workload (repeatable): ${workloads.map((w) => w.name).join(', ')}
  --kind <name>        only this kind (repeatable): ${kinds.join(', ')}
  --json <file>        write { machine, quick, placements, results, python, claims, load } as JSON ("-" for stdout)
  --markdown <file>    write the table and claims as Markdown ("-" for stdout)
  --svg <file>         write bar charts as SVG
  -h, --help           show this help`;

function fail(message: string): never {
  process.stderr.write(`coro-compare: ${message}\n\n${usage}\n`);
  process.exit(2);
}

// parseArgs reads "--runs -3" as two options ("argument is ambiguous"): join a value that starts
// with "-" to its option, so the value itself gets checked and named in the error.
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length - 1; i++) {
  if ((argv[i] === '--runs' || argv[i] === '--cpus') && /^-\d/.test(argv[i + 1]!)) argv.splice(i, 2, `${argv[i]}=${argv[i + 1]}`);
}

let parsed;
try {
  parsed = parseArgs({
    args: argv,
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

// Everything is checked before anything is measured: a full run takes minutes.
const placement = values.placement;
if (placement !== 'pinned' && placement !== 'spread' && placement !== 'both') fail(`--placement must be pinned, spread or both, got '${placement}'`);
const placements = placement === 'both' ? (['pinned', 'spread'] as const) : ([placement] as const);
const runs = values.runs === undefined ? undefined : Number(values.runs);
if (runs !== undefined && (!/^\d+$/.test(values.runs!) || !Number.isInteger(runs) || runs < 1)) fail(`--runs must be an integer >= 1, got '${values.runs}'`);
for (const name of values.workload ?? []) {
  if (!workloads.some((w) => w.name === name)) fail(`unknown workload '${name}'; the workloads are ${workloads.map((w) => w.name).join(', ')}`);
}
for (const name of values.kind ?? []) if (!kinds.includes(name as Kind)) fail(`unknown kind '${name}'; the kinds are ${kinds.join(', ')}`);
try {
  choosePlacements(placements, values.cpus);
} catch (error) {
  fail((error as Error).message);
}

/** Why `file` cannot be written, checked before measuring; undefined when it can. */
function unwritable(file: string): string | undefined {
  if (file === '-') return undefined;
  const path = resolve(file);
  const folder = dirname(path);
  if (!existsSync(folder)) return `folder ${folder} does not exist`;
  if (!statSync(folder).isDirectory()) return `${folder} is not a folder`;
  try {
    accessSync(existsSync(path) ? path : folder, constants.W_OK);
  } catch {
    return `${existsSync(path) ? path : folder} is not writable`;
  }
  if (existsSync(path) && statSync(path).isDirectory()) return `${path} is a folder`;
  return undefined;
}
const outputs = [
  ['--json', values.json],
  ['--markdown', values.markdown],
  ['--svg', values.svg],
] as const;
for (const [flag, file] of outputs) {
  const problem = file === undefined ? undefined : unwritable(file);
  if (problem) fail(`${flag} ${file}: cannot write there (${problem})`);
}

/** A bar on a terminal; plain lines on stderr elsewhere (CI), so a long run is never silent. */
async function progressReporter(): Promise<(done: number, total: number, label: string) => void> {
  if (process.stderr.isTTY) {
    const { SingleBar } = await import('cli-progress');
    const bar = new SingleBar({ format: 'measuring {bar} {value}/{total} {label}', stream: process.stderr, hideCursor: true });
    return (done, total, label) => {
      if (done === 0) bar.start(total, 0, { label });
      bar.update(done, { label });
      if (done === total) bar.stop();
    };
  }
  const start = performance.now();
  return (done, total, label) => {
    const seconds = ((performance.now() - start) / 1000).toFixed(0);
    process.stderr.write(done === total ? `coro-compare: done in ${seconds} s\n` : `coro-compare: [${done + 1}/${total}] ${label} (${seconds} s)\n`);
  };
}

const onProgress = await progressReporter();
let report: Report;
try {
  report = await runComparison({
    quick: values.quick,
    placements,
    ...(values.cpus === undefined ? {} : { cpus: values.cpus }),
    ...(runs === undefined ? {} : { runs }),
    ...(values.workload ? { workloads: values.workload as WorkloadName[] } : {}),
    ...(values.kind ? { kinds: values.kind as Kind[] } : {}),
    onProgress,
  });
} catch (error) {
  process.stderr.write(`\ncoro-compare: ${(error as Error).message}\n`);
  process.exit(1);
}

// A write that fails (a full disk) must not lose a run of minutes: report it, print the table anyway.
let failed = false;
const write = (flag: string, file: string, text: () => string) => {
  try {
    if (file === '-') process.stdout.write(text());
    else writeFileSync(file, text());
  } catch (error) {
    failed = true;
    process.stderr.write(`coro-compare: ${flag} ${file}: ${(error as Error).message}\n`);
  }
};
const { machine, quick, results, python, claims, load } = report;
if (values.json !== undefined) write('--json', values.json, () => `${JSON.stringify({ machine, quick, placements: report.placements, results, python, claims, load }, null, 2)}\n`);
if (values.markdown !== undefined) write('--markdown', values.markdown, () => formatMarkdown(report));
if (values.svg !== undefined) write('--svg', values.svg, () => renderSvg(report));
if (values.json !== '-' && values.markdown !== '-') {
  const width = process.stdout.isTTY ? (process.stdout.columns ?? 100) : 100;
  process.stdout.write(`${formatTable(report, { width })}\n`);
}
if (failed) process.exitCode = 1;
