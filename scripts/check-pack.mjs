#!/usr/bin/env node
// Pack check: each package's `npm pack` output must install alone in an empty folder outside the
// workspace and work as its README says: from `import`, from `require` (Node's require of ESM) and from
// TypeScript with exactly the compiler settings the READMEs state (TYPESCRIPT_SETTINGS below); it ships
// LICENSE and names its homepage and bug tracker; publint and @arethetypeswrong/cli must be clean.
// @coro/eslint-plugin is installed with its peers and must report `sleep(100);` inside a generator.
// Workspace dependencies are packed too and installed from their tarballs, never from the registry.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readmeExample } from './readme-example.mjs';
import { checkCompareTarball } from '../packages/compare/test/check-tarball.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const installedVersion = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const license = readFileSync(join(root, 'LICENSE'), 'utf8');

/**
 * What the READMEs tell TypeScript users (keep the two in step): ES2022 (`ErrorOptions`, `Error.cause`) and
 * ESNext.Disposable (`Symbol.dispose`, `await using`), plus Node's types or the DOM's for `AbortSignal`.
 */
const TYPESCRIPT_SETTINGS = {
  node: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'ESNext.Disposable'], types: ['node'] },
  browser: { module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022', lib: ['ES2022', 'ESNext.Disposable', 'DOM'], types: [] },
};
const BROWSER_PACKAGES = new Set(['@coro/core', '@coro/greenlet', '@coro/gevent']);

const packages = readdirSync(join(root, 'packages')).map((dir) => {
  const path = join(root, 'packages', dir);
  return { dir: path, pkg: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) };
});
const byName = new Map(packages.map((p) => [p.pkg.name, p]));
const work = mkdtempSync(join(tmpdir(), 'coro-pack-'));
const tarballs = new Map();
const packedFiles = new Map();
let failed = 0;

function localClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const dep of Object.keys(byName.get(name).pkg.dependencies ?? {})) if (byName.has(dep)) localClosure(dep, seen);
  return seen;
}

function check(label, fn) {
  try {
    fn();
    console.log(`  ok   ${label}`);
  } catch (error) {
    failed++;
    console.log(`  FAIL ${label}\n${String(error.stdout ?? '')}${String(error.stderr ?? error.message)}`.trimEnd());
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

for (const { dir, pkg } of packages) {
  const out = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], dir));
  tarballs.set(pkg.name, join(work, out[0].filename));
  packedFiles.set(pkg.name, new Set(out[0].files.map((f) => f.path)));
}

function checkMetadata({ dir, pkg }) {
  check('ships LICENSE (the root MIT licence), and names homepage and bugs', () => {
    assert(pkg.license === 'MIT', `license is ${JSON.stringify(pkg.license)}, not "MIT"`);
    assert(pkg.files?.includes('LICENSE'), '"files" does not list LICENSE');
    assert(packedFiles.get(pkg.name).has('LICENSE'), 'the tarball has no LICENSE');
    assert(readFileSync(join(dir, 'LICENSE'), 'utf8') === license, 'LICENSE differs from the root LICENSE');
    assert(/^https:\/\/\S+$/.test(pkg.homepage ?? ''), `homepage is ${JSON.stringify(pkg.homepage)}, not an https URL`);
    assert(/^https:\/\/\S+$/.test(pkg.bugs?.url ?? ''), `bugs.url is ${JSON.stringify(pkg.bugs?.url)}, not an https URL`);
    assert(pkg.private !== true, 'the package is private');
  });
}

function install(consumer, deps) {
  mkdirSync(consumer, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }));
  check('installs alone from its tarball', () =>
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...deps], consumer),
  );
}

function checkLibrary({ dir, pkg }) {
  const consumer = join(work, `consumer-${pkg.name.split('/')[1]}`);
  // A typical TypeScript consumer on Node: the package, its workspace dependencies, and @types/node.
  install(consumer, [...[...localClosure(pkg.name)].map((name) => tarballs.get(name)), `@types/node@${installedVersion('@types/node')}`]);
  // Also: the build kept the name of every exported function and class of every entry point (errors and tasks
  // print by them).
  const specifiers = Object.keys(pkg.exports).filter((key) => key !== './package.json').map((key) => `${pkg.name}${key.slice(1)}`);
  writeFileSync(
    join(consumer, 'esm.mjs'),
    `import * as api from '${pkg.name}';\nconst { version } = api;\nif (version !== '${pkg.version}') throw new Error('bad version ' + version);\n` +
      `for (const specifier of ${JSON.stringify(specifiers)}) {\n` +
      `  const entry = await import(specifier);\n` +
      // An alias (JoinableQueue = Queue) is fine when the name it shows is exported too, as the same thing.
      `  const renamed = Object.entries(entry).filter(([name, value]) => typeof value === 'function' && value.name !== name && value.name !== '' && entry[value.name] !== value);\n` +
      `  if (renamed.length > 0) throw new Error(specifier + ': renamed by the build: ' + renamed.map(([name, value]) => name + ' is named ' + value.name).join(', '));\n` +
      `}\n` +
      `console.log('esm', version);\n`,
  );
  writeFileSync(join(consumer, 'cjs.cjs'), `const { version } = require('${pkg.name}');\nif (version !== '${pkg.version}') throw new Error('bad version ' + version);\nconsole.log('cjs', version);\n`);
  check('works from import', () => run(process.execPath, ['esm.mjs'], consumer));
  check('works from require', () => run(process.execPath, ['--no-warnings', 'cjs.cjs'], consumer));

  // Every entry point's declarations, and the README's example where it has one, compiled as a `.mts`
  // module (the READMEs say the examples are ESM) with nothing but the stated settings.
  const entries = Object.keys(pkg.exports).filter((key) => key !== './package.json');
  const example = BROWSER_PACKAGES.has(pkg.name) ? readmeExample(dir) : undefined;
  const flavours = BROWSER_PACKAGES.has(pkg.name) ? ['node', 'browser'] : ['node'];
  for (const flavour of flavours) {
    // In browsers only the main entry: @coro/gevent/monkey is Node's.
    const used = flavour === 'browser' ? entries.filter((key) => key === '.') : entries;
    const header = used.map((key, i) => `import * as entry${i} from '${pkg.name}${key.slice(1)}';`).join('\n');
    const source = `${header}\nexport const entries = [${used.map((_, i) => `entry${i}`).join(', ')}];\n`;
    writeFileSync(join(consumer, `entries-${flavour}.mts`), source);
    const files = [`entries-${flavour}.mts`];
    if (example !== undefined) {
      writeFileSync(join(consumer, `readme-${flavour}.mts`), example);
      files.push(`readme-${flavour}.mts`);
    }
    const settings = TYPESCRIPT_SETTINGS[flavour];
    writeFileSync(
      join(consumer, `tsconfig.${flavour}.json`),
      JSON.stringify({ compilerOptions: { ...settings, strict: true, noEmit: true, skipLibCheck: false }, files }),
    );
    check(`type-checks with the README's settings for ${flavour === 'node' ? 'Node' : 'browsers'} (${settings.lib.join(', ')}${settings.types.length > 0 ? ', @types/node' : ', no @types/node'})`, () =>
      run(bin('tsc'), ['-p', `tsconfig.${flavour}.json`], consumer),
    );
  }
  check('publint', () => run(bin('publint'), ['--strict', dir], root));
  check('attw --pack', () => run(bin('attw'), ['--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped'], root));
}

function checkEslintPlugin({ dir, pkg }) {
  const consumer = join(work, 'consumer-eslint-plugin');
  const peers = ['eslint', 'typescript-eslint', 'typescript'].map((name) => `${name}@${installedVersion(name)}`);
  install(consumer, [tarballs.get(pkg.name), tarballs.get('@coro/core'), ...peers]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0', type: 'module' }));
  writeFileSync(join(consumer, 'eslint.config.js'), "import coro from '@coro/eslint-plugin';\n\nexport default [coro.configs.recommended];\n");
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...TYPESCRIPT_SETTINGS.browser, strict: true, noEmit: true }, include: ['*.ts'] }),
  );
  writeFileSync(
    join(consumer, 'work.ts'),
    "import { sleep } from '@coro/core';\n\nexport function* work() {\n  sleep(100);\n  yield* sleep(100);\n}\n",
  );
  check('reports `sleep(100);` inside a generator with the recommended config', () => {
    let output = '';
    try {
      output = run(process.execPath, [join(consumer, 'node_modules/eslint/bin/eslint.js'), 'work.ts'], consumer);
    } catch (error) {
      output = String(error.stdout);
    }
    // The type's name is core's (an Operation or a subtype of it); the rest is the rule's.
    const expected = /4:3 {2}error {2}This call returns \w*Operation<void>, which does nothing until you delegate to it\. Write `yield\* sleep\(100\)` \(or assign it and yield\* it later\) {2}coro\/no-dropped-operation/;
    assert(expected.test(output), `eslint printed:\n${output}\nexpected a line matching:\n${expected}`);
    assert(output.includes('1 problem'), `expected exactly one problem, eslint printed:\n${output}`);
  });
  check('meta names the package and its version', () => {
    const printed = run(process.execPath, ['--input-type=module', '-e', "import coro from '@coro/eslint-plugin'; console.log(JSON.stringify(coro.meta));"], consumer);
    assert(printed.trim() === JSON.stringify({ name: pkg.name, version: pkg.version }), `meta is ${printed.trim()}`);
  });
  check('publint', () => run(bin('publint'), ['--strict', dir], root));
  check('attw --pack', () => run(bin('attw'), ['--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped'], root));
}

for (const entry of packages) {
  console.log(entry.pkg.name);
  checkMetadata(entry);
  if (entry.pkg.name === '@coro/eslint-plugin') checkEslintPlugin(entry);
  else checkLibrary(entry);
  // compare's README example under tsx and compiled, and its library entry without the CLI's dependency.
  if (entry.pkg.name === '@coro/compare') checkCompareTarball({ tarballs, work, check });
}

rmSync(work, { recursive: true, force: true });
if (failed > 0) {
  console.error(`pack check: ${failed} failure(s)`);
  process.exit(1);
}
console.log('pack check: every package ships LICENSE, installs alone and works from import, require and TypeScript with the stated settings; the lint plugin reports a dropped operation');
