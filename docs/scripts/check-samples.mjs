#!/usr/bin/env node
// Docs never drift: every ```ts block of every guide is type-checked against the built packages, and every
// runnable one is executed and what it prints compared with the page. Runnable ```python blocks (the From Python
// page's originals) are run with a Python that has greenlet and gevent, when there is one, and must print the same.
//
// A ```ts block is runnable when the next thing on the page (after blank lines and at most one short label line
// such as "Output:" or "输出：") is a ```text block: that block is the expected output, line for line. In the
// expected output, `…` stands for any text within one line (for timings and other numbers that vary).
// Arguments, if any, restrict the check to the guides (and package READMEs) whose path contains one of them.
// A sample whose first line is `// file: <name>.ts` is written under that name, so other samples can import it
// (`./<name>.js`), as a task module for an executor would be.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { extractSamples } from './extract-samples.mjs';

const docsDir = join(import.meta.dirname, '..');
const guidesDir = join(docsDir, 'guides');
const workDir = join(docsDir, '.samples');
const outDir = join(workDir, 'out');
const tsc = join(docsDir, '..', 'node_modules', 'typescript', 'bin', 'tsc');
const runTimeoutMs = 30_000;
const python = process.env.CORO_PYTHON ?? '/usr/bin/python3';
const started = performance.now();

// The package READMEs (what npm shows) are held to the same rule as the guides.
const packagesDir = join(docsDir, '..', 'packages');
const readmes = readdirSync(packagesDir)
  .map((dir) => join(packagesDir, dir, 'README.md'))
  .filter((file) => existsSync(file));
const guideFiles = readdirSync(guidesDir, { recursive: true })
  .filter((file) => String(file).endsWith('.md'))
  .map((file) => join(guidesDir, String(file)))
  .concat(readmes)
  .filter((file) => process.argv.length <= 2 || process.argv.slice(2).some((only) => file.includes(only)))
  .sort();

// One file per distinct sample: the English and Chinese pages often share code, which is then checked once.
const samples = new Map();
for (const file of guideFiles) {
  for (const sample of extractSamples(readFileSync(file, 'utf8'))) {
    const hash = createHash('sha1').update(sample.lang).update(sample.code).digest('hex').slice(0, 10);
    const where = `${relative(docsDir, file)}:${sample.line}`;
    const known = samples.get(hash);
    if (known) {
      known.places.push(where);
      if (sample.output !== undefined && known.output !== undefined && sample.output !== known.output) {
        fail(`${where}: the same sample shows a different output than ${known.places[0]}`);
      }
      known.output ??= sample.output;
    } else {
      const extension = sample.lang === 'python' ? 'py' : 'ts';
      const named = /^\/\/ file: ([\w-]+)\.ts\n/.exec(sample.code)?.[1];
      const name = named ?? `sample-${hash}`;
      const clash = named && [...samples.values()].find((other) => other.name === named);
      if (clash) fail(`${where}: file ${named}.ts is also defined, differently, at ${clash.places[0]}`);
      samples.set(hash, { ...sample, name, source: `${name}.${extension}`, file, places: [where] });
    }
  }
}

let failures = 0;
function fail(message) {
  failures++;
  console.error(`  FAIL ${message}`);
}

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
writeFileSync(join(workDir, 'package.json'), JSON.stringify({ name: 'coro-docs-samples', private: true, type: 'module' }));
writeFileSync(
  join(workDir, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../tsconfig.base.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: false, outDir: 'out', rootDir: '.', noUnusedLocals: false },
    include: ['*.ts'],
  }),
);
for (const sample of samples.values()) writeFileSync(join(workDir, sample.source), sample.code);

// Type-check (and compile) every sample at once; report errors at their line in the guide.
try {
  execFileSync(process.execPath, [tsc, '-p', workDir, '--pretty', 'false'], { encoding: 'utf8', stdio: 'pipe' });
} catch (error) {
  const byName = new Map([...samples.values()].map((s) => [s.name, s]));
  for (const line of String(error.stdout).split('\n').filter(Boolean)) {
    const match = /^(?:.*[\\/])?([\w-]+)\.ts\((\d+),(\d+)\): (.*)$/.exec(line);
    const sample = match && byName.get(match[1]);
    if (!sample) {
      fail(line);
      continue;
    }
    const [file, codeLine] = sample.places[0].split(':');
    fail(`${file}:${Number(codeLine) + Number(match[2])}:${match[3]} ${match[4]}${sample.places.length > 1 ? ` (also ${sample.places.slice(1).join(', ')})` : ''}`);
  }
}

const pythonWorks = canRunPython();
const runnable = [...samples.values()].filter((s) => s.output !== undefined && (s.lang === 'ts' || pythonWorks));
if (failures === 0) await runAll(runnable);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const count = (lang, list) => list.filter((s) => s.lang === lang).length;
const all = [...samples.values()];
const summary =
  `${count('ts', all)} distinct TypeScript samples from ${guideFiles.length} pages (guides and package READMEs) type-checked; ` +
  `${count('ts', runnable)} TypeScript and ${count('python', runnable)} Python samples run and their output compared, in ${seconds}s`;
if (failures > 0) {
  console.error(`docs samples: ${failures} failure(s); ${summary}`);
  process.exitCode = 1;
} else {
  console.log(`docs samples: ${summary}`);
}

async function runAll(list) {
  const queue = [...list];
  const workers = Array.from({ length: Math.min(availableParallelism(), 4) }, async () => {
    while (queue.length > 0) await runOne(queue.shift());
  });
  await Promise.all(workers);
}

/**
 * Run a sample; a sample whose output differs is run once more before it fails, since timings on a busy CI
 * machine can reorder lines that are a few milliseconds apart (the page should leave wider margins than that).
 */
async function runOne(sample) {
  const first = await execute(sample);
  if (first === undefined) return;
  const second = first.retry ? await execute(sample) : first;
  if (second === undefined) console.log(`  note ${sample.places[0]}: passed on its second run`);
  else fail(second.message);
}

function execute(sample) {
  return new Promise((resolve) => {
    const [command, args] =
      sample.lang === 'python' ? [python, [join(workDir, sample.source)]] : [process.execPath, [join(outDir, `${sample.name}.js`)]];
    const child = spawn(command, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), runTimeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const where = sample.places.join(', ');
      if (status !== 0) return resolve({ message: `${where}: the sample exited with ${signal ?? status}\n${stderr || stdout}` });
      const mismatch = compareOutput(sample.output, stdout);
      resolve(mismatch ? { message: `${where}: ${mismatch}`, retry: true } : undefined);
    });
  });
}

function canRunPython() {
  try {
    execFileSync(python, ['-c', 'import greenlet, gevent'], { stdio: 'ignore' });
    return true;
  } catch {
    console.log(`  note the Python originals were not run: ${python} with greenlet and gevent is not available (set CORO_PYTHON)`);
    return false;
  }
}

/** Line by line; `…` in an expected line matches any text. Returns a description of the first difference. */
function compareOutput(expected, actual) {
  const want = expected.replace(/\n+$/, '').split('\n');
  const got = actual.replace(/\n+$/, '').split('\n').map((line) => line.trimEnd());
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    const pattern = want[i] === undefined ? undefined : new RegExp(`^${want[i].trimEnd().split('…').map(escapeRegExp).join('.*')}$`);
    if (!pattern || got[i] === undefined || !pattern.test(got[i])) {
      return `printed output differs from the page at output line ${i + 1}:\n    page:    ${JSON.stringify(want[i])}\n    printed: ${JSON.stringify(got[i])}\n  whole output:\n${actual.replace(/^/gm, '    ')}`;
    }
  }
  return undefined;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
