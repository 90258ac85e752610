import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import type { Measurement } from './measurement.js';
import { suites } from './suites/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
});

const known = Object.keys(suites);
if (values.help) {
  console.log(`usage: npm run bench -- [suite ...] [--json]\nsuites: ${known.join(', ') || '(none yet)'}`);
  process.exit(0);
}
const unknown = positionals.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  console.error(`unknown suite ${unknown.map((n) => JSON.stringify(n)).join(', ')}; known suites: ${known.join(', ') || '(none yet)'}`);
  process.exit(2);
}
const selected = positionals.length > 0 ? positionals : known;

function figure(m: Measurement): string {
  if (m.opsPerSec !== undefined) return `${Math.round(m.opsPerSec).toLocaleString('en-US')} ops/s`;
  if (m.ms !== undefined) return `${m.ms.toFixed(2)} ms`;
  if (m.bytes !== undefined) return `${Math.round(m.bytes).toLocaleString('en-US')} B`;
  return '—';
}

const table = new Table({ head: ['suite', 'case', 'impl', 'median', 'runs', 'spread', 'note'] });
for (const name of selected) {
  const suite = await suites[name]!();
  for await (const m of suite.run()) {
    if (values.json) console.log(JSON.stringify(m));
    else table.push([m.suite, m.case, m.impl, figure(m), m.runs, `${(m.spread * 100).toFixed(1)}%`, m.note ?? '']);
  }
}
if (!values.json) console.log(table.toString());
