#!/usr/bin/env node
// Pack check: each package's `npm pack` output must install alone in an empty folder outside the
// workspace and work from `import`, from `require` (Node's require of ESM) and from TypeScript;
// publint and @arethetypeswrong/cli must be clean. Workspace dependencies are packed too and
// installed from their tarballs, never from the registry.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

const packages = readdirSync(join(root, 'packages')).map((dir) => {
  const path = join(root, 'packages', dir);
  return { dir: path, pkg: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) };
});
const byName = new Map(packages.map((p) => [p.pkg.name, p]));
const work = mkdtempSync(join(tmpdir(), 'coro-pack-'));
const tarballs = new Map();
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

for (const { dir, pkg } of packages) {
  const out = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], dir));
  tarballs.set(pkg.name, join(work, out[0].filename));
}

for (const { dir, pkg } of packages) {
  console.log(pkg.name);
  const consumer = join(work, `consumer-${pkg.name.split('/')[1]}`);
  run('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }));
  // A typical TypeScript consumer on Node: the package, its workspace dependencies, and @types/node.
  const typesNode = `@types/node@${JSON.parse(readFileSync(join(root, 'node_modules/@types/node/package.json'), 'utf8')).version}`;
  const deps = [...[...localClosure(pkg.name)].map((name) => tarballs.get(name)), typesNode];
  check('installs alone from its tarball', () =>
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...deps], consumer),
  );
  writeFileSync(join(consumer, 'esm.mjs'), `import { version } from '${pkg.name}';\nif (version !== '${pkg.version}') throw new Error('bad version ' + version);\nconsole.log('esm', version);\n`);
  writeFileSync(join(consumer, 'cjs.cjs'), `const { version } = require('${pkg.name}');\nif (version !== '${pkg.version}') throw new Error('bad version ' + version);\nconsole.log('cjs', version);\n`);
  writeFileSync(join(consumer, 'consumer.ts'), `import { version } from '${pkg.name}';\nconst v: string = version;\nexport default v;\n`);
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], lib: ['ES2023', 'esnext.disposable'] }, files: ['consumer.ts'] }),
  );
  check('works from import', () => run(process.execPath, ['esm.mjs'], consumer));
  check('works from require', () => run(process.execPath, ['--no-warnings', 'cjs.cjs'], consumer));
  check('type-checks in a TypeScript consumer', () => run(bin('tsc'), ['-p', 'tsconfig.json'], consumer));
  check('publint', () => run(bin('publint'), ['--strict', dir], root));
  check('attw --pack', () => run(bin('attw'), ['--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped'], root));
}

rmSync(work, { recursive: true, force: true });
if (failed > 0) {
  console.error(`pack check: ${failed} failure(s)`);
  process.exit(1);
}
console.log('pack check: every package installs alone and works from import, require and TypeScript');
