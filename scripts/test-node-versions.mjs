#!/usr/bin/env node
// Every Node that users run: the packages' unit tests (not the docs) once more on each other supported major,
// with vitest started by that Node binary (so worker threads and child processes run on it too). The binaries
// come from the npm registry's `node` package through npx, cached after the first run. The current Node runs
// them in the turbo `test` task already.
//   node scripts/test-node-versions.mjs [22 24] [--only core,greenlet]
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex === -1 ? undefined : args.splice(onlyIndex, 2)[1].split(',');
const versions = args.length > 0 ? args : ['22', '24'];
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');

const packages = readdirSync(join(root, 'packages'))
  .filter((dir) => only === undefined || only.includes(dir))
  .filter((dir) => JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).scripts?.test !== undefined)
  .sort();

const started = performance.now();
const failures = [];
for (const major of versions) {
  let node;
  try {
    node = execFileSync('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    failures.push(`Node ${major}: could not get it through npx (${String(error.stderr ?? error.message).trim().split('\n')[0]})`);
    continue;
  }
  const actual = execFileSync(node, ['-v'], { encoding: 'utf8' }).trim();
  for (const dir of packages) {
    const t = performance.now();
    // The child's PATH leads with this Node, so anything a test starts by name (`node …`) runs on it too.
    const env = { ...process.env, PATH: `${resolve(node, '..')}:${process.env.PATH}`, NO_COLOR: '1', FORCE_COLOR: '0' };
    const result = spawnSync(node, [vitest, 'run', '--reporter=dot'], { cwd: join(root, 'packages', dir), env, encoding: 'utf8' });
    const seconds = ((performance.now() - t) / 1000).toFixed(1);
    const summary = /Tests\s+(.*)/.exec(result.stdout)?.[1]?.trim() ?? 'no summary';
    if (result.status === 0) {
      console.log(`  ok   node ${actual} @coro/${dir}: ${summary} (${seconds}s)`);
    } else {
      failures.push(`node ${actual} @coro/${dir}`);
      console.log(`  FAIL node ${actual} @coro/${dir}: ${summary} (${seconds}s)\n${`${result.stdout}${result.stderr}`.trimEnd().replace(/^/gm, '       ')}`);
    }
  }
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`node versions: ${failures.length} failure(s) in ${seconds}s: ${failures.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log(`node versions: the unit tests of ${packages.length} packages pass on Node ${versions.join(' and ')} (${seconds}s)`);
}
