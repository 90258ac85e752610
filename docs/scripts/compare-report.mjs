#!/usr/bin/env node
// The Concepts page's comparison of processes, threads and coroutines is measured on the machine that builds the
// docs, by `coro-compare --quick`, never typed by hand. This writes generated/compare.md (the table and the
// verdicts on the seed's claims), generated/compare.svg and chart.md (the chart) and generated/machine.md (where
// it ran). A failing run fails the docs build; only a @coro/compare without its CLI yields a page saying so.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

const generated = join(import.meta.dirname, '..', 'generated');
const markdownFile = join(generated, 'compare.md');
const svgFile = join(generated, 'compare.svg');
const machineFile = join(generated, 'machine.md');
const chartFile = join(generated, 'chart.md');
mkdirSync(generated, { recursive: true });

const require = createRequire(import.meta.url);
const manifestPath = require.resolve('@coro/compare/package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const binPath = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['coro-compare'];
const cli = binPath && join(dirname(manifestPath), binPath);
if (!cli || !existsSync(cli)) {
  const why = cli ? `${cli} is not built` : '@coro/compare declares no `coro-compare` bin';
  console.warn(`docs: no comparison table on the Concepts page: ${why}`);
  writeFileSync(markdownFile, `> This build of the docs could not measure anything: ${why}. Run \`npx coro-compare\` to measure your machine.\n`);
  writeFileSync(machineFile, '\n');
  writeFileSync(chartFile, '\n');
  process.exit(0);
}

const started = performance.now();
execFileSync(process.execPath, [cli, '--quick', '--markdown', markdownFile, '--svg', svgFile], {
  stdio: ['ignore', 'ignore', 'inherit'],
  timeout: 45_000,
});
const seconds = (performance.now() - started) / 1000;
writeFileSync(chartFile, '![Processes, threads and coroutines compared, as measured by coro-compare](compare.svg)\n');

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
writeFileSync(
  machineFile,
  `\`${cpu}\` · ${availableParallelism()} logical CPUs · ${memory} RAM · Node ${process.version} · ${process.platform}/${process.arch} · ` +
    `measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${seconds.toFixed(1)} s\n`,
);
console.log(`coro-compare --quick: ${seconds.toFixed(1)} s → ${markdownFile}, ${svgFile}`);
