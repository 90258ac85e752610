#!/usr/bin/env node
// The compare README's example, run as printed from the packed tarballs in an empty ESM project, both
// ways a TypeScript user runs it (issue 13): under tsx (only primes.ts exists; the task is named
// './primes.js') and compiled by tsc with the README's settings (primes.js exists). Also: the library
// entry works without the CLI's dependency (cli-progress removed from node_modules).
//
// Standalone: `node packages/compare/test/check-tarball.mjs` packs core, greenlet, gevent and compare itself.
// From scripts/check-pack.mjs: `checkCompareTarball({ tarballs, work, check })` reuses its tarballs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractSamples } from '../../../docs/scripts/extract-samples.mjs';

const root = resolve(import.meta.dirname, '../../..');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const LOCAL = ['@coro/core', '@coro/greenlet', '@coro/gevent', '@coro/compare'];

/** The README's task module and main example (the two ```ts blocks under "## Ten lines") and the main one's output. */
function readmeExample() {
  const markdown = readFileSync(join(root, 'packages/compare/README.md'), 'utf8');
  const heading = markdown.split('\n').findIndex((line) => /^## Ten lines\s*$/.test(line));
  const [module, main] = extractSamples(markdown).filter((s) => s.lang === 'ts' && s.line > heading + 1);
  if (!module?.code.startsWith('// file: primes.ts\n') || !main?.output) throw new Error('the README example is not primes.ts + a main block with output');
  return { primes: module.code, main: main.code, output: main.output };
}

/** Printed lines that must match the README's text block (`…` matches anything within a line). */
function matches(printed, expected) {
  const got = printed.trimEnd().split('\n');
  const want = expected.trimEnd().split('\n');
  return got.length === want.length && want.every((line, i) => new RegExp(`^${line.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(got[i]));
}

/**
 * @param {{ tarballs: Map<string, string>, work: string, check: (label: string, fn: () => void) => void }} context
 */
export function checkCompareTarball({ tarballs, work, check }) {
  const consumer = join(work, 'consumer-compare-readme');
  mkdirSync(consumer, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'readme', private: true, version: '0.0.0', type: 'module' }));
  const deps = [...LOCAL.map((name) => tarballs.get(name)), `tsx@${version('tsx')}`, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`];
  check('installs with tsx and typescript for the README example', () =>
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...deps], consumer),
  );
  const { primes, main, output } = readmeExample();
  writeFileSync(join(consumer, 'primes.ts'), primes);
  writeFileSync(join(consumer, 'main.ts'), main);
  check("runs the README example under tsx (task './primes.js', only primes.ts exists)", () => {
    const printed = run(join(consumer, 'node_modules/.bin/tsx'), ['main.ts'], consumer);
    if (!matches(printed, output)) throw new Error(`printed:\n${printed}\nexpected:\n${output}`);
  });
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'ESNext.Disposable'], types: ['node'], strict: true, outDir: 'dist' },
      files: ['main.ts', 'primes.ts'],
    }),
  );
  check('runs the README example compiled by tsc with the README settings', () => {
    run(join(consumer, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], consumer);
    const printed = run(process.execPath, ['dist/main.js'], consumer);
    if (!matches(printed, output)) throw new Error(`printed:\n${printed}\nexpected:\n${output}`);
  });
  check("the library entry loads without the CLI's dependency (cli-progress)", () => {
    rmSync(join(consumer, 'node_modules/cli-progress'), { recursive: true, force: true });
    rmSync(join(consumer, 'node_modules/cli-table3'), { recursive: true, force: true });
    run(process.execPath, ['--input-type=module', '-e', "const c = await import('@coro/compare'); if (typeof c.ThreadExecutor !== 'function' || typeof c.task !== 'function') throw new Error('exports missing');"], consumer);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const work = mkdtempSync(join(tmpdir(), 'coro-compare-pack-'));
  const tarballs = new Map();
  for (const name of LOCAL) {
    const dir = join(root, 'packages', name.split('/')[1]);
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], dir));
    tarballs.set(name, join(work, packed.filename));
  }
  let failed = 0;
  checkCompareTarball({
    tarballs,
    work,
    check(label, fn) {
      try {
        fn();
        console.log(`  ok   ${label}`);
      } catch (error) {
        failed++;
        console.log(`  FAIL ${label}\n${String(error.stdout ?? '')}${String(error.stderr ?? error.message)}`.trimEnd());
      }
    },
  });
  rmSync(work, { recursive: true, force: true });
  process.exit(failed > 0 ? 1 : 0);
}
