import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import type { Measurement } from './measurement.js';
import { suites } from './suites/index.js';
import { shown, summarise, verdict } from './summary.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
});

const known = Object.keys(suites);
if (values.help) {
  console.log(
    `usage: npm run bench -- [suite ...] [--json]\nsuites: ${known.join(', ') || '(none yet)'}\n` +
      'With no suite, every suite runs and one summary table prints each goal: its limit, the ratio (or bytes) measured in this run, and whether it is met.',
  );
  process.exit(0);
}
const unknown = positionals.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  console.error(`unknown suite ${unknown.map((n) => JSON.stringify(n)).join(', ')}; known suites: ${known.join(', ') || '(none yet)'}`);
  process.exit(2);
}
const selected = positionals.length > 0 ? positionals : known;
/** No suite named: run them all, and print the one-screen summary instead of every row. */
const summaryOnly = positionals.length === 0;

function figure(m: Measurement): string {
  if (m.opsPerSec !== undefined) return `${Math.round(m.opsPerSec).toLocaleString('en-US')} ops/s`;
  if (m.ms !== undefined) return `${m.ms.toFixed(2)} ms`;
  if (m.bytes !== undefined) return `${Math.round(m.bytes).toLocaleString('en-US')} B`;
  return '—';
}

const table = new Table({ head: ['suite', 'case', 'impl', 'median', 'runs', 'spread', 'note'] });
const measured: Measurement[] = [];
for (const name of selected) {
  const suite = await suites[name]!();
  if (summaryOnly) console.error(`bench: suite ${name}…`);
  for await (const m of suite.run()) {
    measured.push(m);
    if (summaryOnly) continue;
    if (values.json) console.log(JSON.stringify(m));
    else table.push([m.suite, m.case, m.impl, figure(m), m.runs, `${(m.spread * 100).toFixed(1)}%`, m.note ?? '']);
  }
}
if (summaryOnly) {
  const rows = summarise(measured);
  if (values.json) {
    for (const row of rows) console.log(JSON.stringify({ summary: row.row, limit: row.limit, value: row.value, unit: row.unit, goal: row.goal, met: row.met, spread: row.spread }));
  } else {
    const summary = new Table({ head: ['row', 'limit / peer', 'measured', 'spread', 'goal', ''] });
    for (const row of rows) summary.push([row.row, row.limit, shown(row), row.spread === undefined ? '' : `${(row.spread * 100).toFixed(0)}%`, row.goal, verdict(row)]);
    console.log(summary.toString());
  }
} else if (!values.json) console.log(table.toString());
