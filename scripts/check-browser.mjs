#!/usr/bin/env node
// Browsers, proven: the example each of @coro/core, @coro/greenlet and @coro/gevent leads its README with is
// bundled by esbuild for the browser (from the built packages, as a user's bundler would take them) and run
// in Debian's Chromium through playwright-core; what it prints must be what the README shows after it (`…`
// matches any text within a line, as in the docs' samples). Then the size budgets: a program that imports only
// `version` keeps next to nothing of core, greenlet and gevent (nothing runs at import, every class is droppable),
// and a minimal run/spawn/sleep program with @coro/core, minified and gzipped, stays within CORE_BUDGET_BYTES;
// effection's size for the same program is printed beside it when effection is installed (apps/bench has it).
// The size of gevent's README example, minified and gzipped, is printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { readmeSample } from './readme-example.mjs';

const root = resolve(import.meta.dirname, '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const runTimeoutMs = 20_000;
/**
 * The budget the test enforces, in bytes of minified + gzipped output. The goal was 5 KB (effection's size for the
 * same program). Measured: 10.2 KB before core tree-shook (keepNames' `__name()` calls kept every function),
 * 7.1 KB since, 7.2 KB now that the util.inspect hooks are installed by a pure static initializer (so that a
 * program without Task or Scheduler drops both classes). 5 KB is not reachable without dropping public API or
 * behaviour: the program uses Scheduler and Task, and a bundler keeps every method of a class it keeps, so
 * everything those methods reach ships. What the 7.2 KB are, measured by removing each group from the minified
 * bundle (gzip shares bytes between groups, so the lines add up to more than the difference):
 *   3.2 KB  the rest: the run loop (pump, step, park), the Task state machine (settle, joins, children, ends),
 *           Wake, SuspendOperation, Sleep, run/spawn and the default scheduler
 *   1.1 KB  argument checks and their messages: Scheduler and spawn options, spawn's fn (async functions,
 *           promises), sleep's ms, yields the scheduler does not understand, joins of self/ancestor/other scheduler
 *   0.7 KB  time: TimerHeap, Timer, RealClock (O(log n) timers, one host timer)
 *   0.7 KB  inspection: Scheduler.stats()/inspect() and util.inspect hooks, Task.waitingOn/toString/children/state
 *   0.3 KB  dropped-operation detection (an Operation created but never `yield*`-ed fails the step)
 *   0.3 KB  AbortSignal support: spawnWith's signal, Task.signal, Host.signal
 *   0.3 KB  RunQueue (a public class: unshift, peek, clear, iteration ship with it)
 *   0.2 KB  cancellation: cancel(), asyncDispose, retracting hand-offs, Cancelled messages
 *   0.2 KB  spawn stacks (traceSpawns) and the task chain added to failures' stacks
 *   0.1 KB  awaiting from ordinary code: Task.then, Operation.then
 */
const CORE_BUDGET_BYTES = 7.3 * 1024;
/**
 * What a program that imports only `version` may keep of each package (minified + gzipped): next to nothing.
 * A class with a computed method key (`[Symbol.for('nodejs.util.inspect.custom')]()`), a statement at module level
 * (`Object.defineProperty(…)`, `rt.main = …`) or a `new` at import is kept in every bundle of the file, and each
 * package ships as one file (gevent as its two entries and a chunk they share); such work goes in
 * `/* @__PURE__ *\/` calls instead (see core's inspect-hook.ts, gevent's class-hooks.ts).
 * gevent is held to it too since it is built without keepNames (22.1 KB before, 50 B now; its README example
 * 22.2 KB before, 14.8 KB now): its blocking operations are `/* @__PURE__ *\/ blocking('wait', function* …)`, whose
 * name is a string because esbuild renames functions and classes whose names collide across its files (it had
 * made `sleep2`, `get3`, `joinAll2`, `_Greenlet`, …); the pack check asserts that every export keeps its name.
 */
const VERSION_ONLY_BUDGET_BYTES = 300;
const VERSION_ONLY_ENFORCED = new Set(['core', 'greenlet', 'gevent']);

const MINIMAL_CORE = `import { run, sleep, spawn } from '@coro/core';
await run(function* () {
  const task = spawn(function* () { yield* sleep(10); return 1; });
  console.log(yield* task);
});
`;
const MINIMAL_EFFECTION = `import { run, sleep, spawn } from 'effection';
await run(function* () {
  const task = yield* spawn(function* () { yield* sleep(10); return 1; });
  console.log(yield* task);
});
`;

let failures = 0;
function report(ok, label, detail = '') {
  if (!ok) failures++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}${detail && !ok ? `\n${detail.replace(/^/gm, '       ')}` : ''}`);
}

async function bundle(code, { minify = false, metafile = false, external = [] } = {}) {
  const result = await build({
    stdin: { contents: code, loader: 'ts', resolveDir: root, sourcefile: 'example.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    metafile,
    external,
    logLevel: 'silent',
  });
  return { text: result.outputFiles[0].text, metafile: result.metafile };
}

async function runInChromium(browser, script) {
  const page = await browser.newPage();
  const printed = [];
  const errors = [];
  page.on('console', (message) => (message.type() === 'error' ? errors : printed).push(message.text()));
  let failed;
  const failure = new Promise((resolve) => (failed = resolve));
  page.on('pageerror', (error) => {
    errors.push(`${error.name}: ${error.message}`);
    failed();
  });
  try {
    await page.setContent('<!doctype html><meta charset="utf-8"><title>coro README example</title>');
    // The module's last statement runs after its top-level awaits: that is when the example is done.
    await page.addScriptTag({ type: 'module', content: `${script}\nglobalThis.__coroDone = true;\n` });
    const done = page.waitForFunction(() => globalThis.__coroDone === true || undefined, undefined, { timeout: runTimeoutMs }).then(
      () => undefined,
      () => errors.push(`did not finish within ${runTimeoutMs} ms`),
    );
    await Promise.race([done, failure]);
    return { printed: printed.join('\n'), errors };
  } finally {
    await page.close();
  }
}

/** Line by line; `…` in an expected line matches any text (the docs' sample rule). */
function compareOutput(expected, actual) {
  const want = expected.replace(/\n+$/, '').split('\n');
  const got = actual.replace(/\n+$/, '').split('\n').map((line) => line.trimEnd());
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    const pattern = want[i] === undefined ? undefined : new RegExp(`^${want[i].trimEnd().split('…').map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    if (!pattern || got[i] === undefined || !pattern.test(got[i])) {
      return `output line ${i + 1} differs:\n  README:  ${JSON.stringify(want[i])}\n  printed: ${JSON.stringify(got[i])}\nwhole output:\n${actual}`;
    }
  }
  return undefined;
}

const started = performance.now();
const profile = mkdtempSync(join(tmpdir(), 'coro-browser-'));
const browser = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: chromiumArgs });
try {
  for (const name of ['core', 'greenlet', 'gevent']) {
    const sample = readmeSample(join(root, 'packages', name));
    const label = `@coro/${name}: the README example runs in Chromium and prints what the README shows`;
    if (sample?.output === undefined) {
      report(false, label, 'the README has no "## Ten lines" ```ts block followed by a ```text block of its output');
      continue;
    }
    let result;
    try {
      result = await runInChromium(browser, (await bundle(sample.code)).text);
    } catch (error) {
      report(false, label, String(error?.message ?? error));
      continue;
    }
    const mismatch = result.errors.length > 0 ? result.errors.join('\n') : compareOutput(sample.output, result.printed);
    report(mismatch === undefined, label, mismatch);
  }

  // What a program that only reads `version` keeps of each package (VERSION_ONLY_BUDGET_BYTES).
  const unenforced = [];
  for (const name of ['core', 'greenlet', 'gevent']) {
    const { text } = await bundle(`import { version } from '@coro/${name}';\nconsole.log(version);\n`, { minify: true });
    const bytes = gzipSync(text, { level: 9 }).length;
    if (!VERSION_ONLY_ENFORCED.has(name)) {
      unenforced.push(`${name} ${(bytes / 1024).toFixed(1)} KB`);
      continue;
    }
    report(
      bytes <= VERSION_ONLY_BUDGET_BYTES,
      `size: a program that imports only \`version\` keeps ${bytes} B of @coro/${name} minified + gzipped (budget ${VERSION_ONLY_BUDGET_BYTES} B)`,
      `what it keeps (minified):\n${text.slice(0, 2000)}`,
    );
  }
  if (unenforced.length > 0) console.log(`  note importing only \`version\` keeps (minified + gzipped, not enforced yet): ${unenforced.join(', ')}`);
  const geventSample = readmeSample(join(root, 'packages', 'gevent'));
  if (geventSample !== undefined) {
    const { text } = await bundle(geventSample.code, { minify: true });
    console.log(`  note gevent's README example is ${(gzipSync(text, { level: 9 }).length / 1024).toFixed(1)} KB minified + gzipped`);
  }

  const core = await bundle(MINIMAL_CORE, { minify: true, metafile: true });
  const coreBytes = gzipSync(core.text, { level: 9 }).length;
  let effection = '';
  try {
    // effection's `main` reaches for node:process only when called; `run` never does.
    const e = await bundle(MINIMAL_EFFECTION, { minify: true, external: ['node:*'] });
    effection = `; effection ${(gzipSync(e.text, { level: 9 }).length / 1024).toFixed(1)} KB for the same program`;
  } catch {
    effection = '; effection is not installed, not compared';
  }
  const ran = await runInChromium(browser, core.text);
  report(ran.errors.length === 0 && ran.printed === '1', 'the minimal run/spawn/sleep program runs minified in Chromium', [...ran.errors, ran.printed].join('\n'));
  const within = coreBytes <= CORE_BUDGET_BYTES;
  const biggest = Object.entries(core.metafile.outputs)[0][1].inputs;
  const breakdown = Object.entries(biggest)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 12)
    .map(([file, info]) => `${String(info.bytesInOutput).padStart(6)} B  ${file.replace(/^.*packages\//, '')}`)
    .join('\n');
  report(
    within,
    `size: a minimal run/spawn/sleep program with @coro/core is ${(coreBytes / 1024).toFixed(1)} KB minified + gzipped (budget ${(CORE_BUDGET_BYTES / 1024).toFixed(1)} KB)${effection}`,
    within ? '' : `largest inputs (minified, before gzip):\n${breakdown}`,
  );
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures > 0) {
  console.error(`browser check: ${failures} failure(s) in ${seconds}s`);
  process.exitCode = 1;
} else {
  console.log(`browser check: the README examples of core, greenlet and gevent run in Chromium; the size budgets hold (${seconds}s)`);
}
