#!/usr/bin/env node
// The Concepts page's comparison of processes, threads and coroutines is measured on the machine that builds the
// docs, by `coro-compare --quick`, never typed by hand. This writes generated/compare.md (the table and the verdicts
// on the tutorial's claims), generated/compare.svg (the chart) and generated/machine.md (where it ran). The docs
// build runs it in parallel with TypeDoc (plugins/compare-report.mjs); it also runs alone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

const generated = join(import.meta.dirname, '..', 'generated');
mkdirSync(generated, { recursive: true });

const require = createRequire(import.meta.url);
const manifestPath = require.resolve('@coro/compare/package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const binPath = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['coro-compare'];
const cli = binPath && join(dirname(manifestPath), binPath);
if (!cli || !existsSync(cli)) {
  throw new Error(`coro-compare is missing (${cli ?? '@coro/compare declares no bin'}): build @coro/compare before the docs`);
}

const started = performance.now();
execFileSync(process.execPath, [cli, '--quick', '--markdown', join(generated, 'compare.md'), '--svg', join(generated, 'compare.svg')], {
  stdio: ['ignore', 'ignore', 'inherit'],
  timeout: 300_000, // a loaded machine is slow; a hung one must still fail the build
});
const seconds = (performance.now() - started) / 1000;

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
writeFileSync(
  join(generated, 'machine.md'),
  `*Measured on* \`${cpu}\` · ${availableParallelism()} logical CPUs · ${memory} RAM · Node ${process.version} · ` +
    `${process.platform}/${process.arch} · ${when} UTC · \`coro-compare --quick\` took ${seconds.toFixed(1)} s\n`,
);
console.log(`coro-compare --quick: ${seconds.toFixed(1)} s → ${generated}`);
