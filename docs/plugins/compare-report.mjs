// @ts-check
// The Concepts page's comparison, measured on the machine that builds the site, never typed by hand.
// With `--coroCompare`, `coro-compare --quick` (scripts/compare-report.mjs, which writes generated/) starts as soon as
// TypeDoc has read its options, and the page's markers are replaced just before rendering. `npm run docs` runs the
// measurement first and sets CORO_COMPARE_READY=1, so it does not compete with TypeDoc for the CPUs: on a 2-CPU
// machine a parallel TypeDoc halves what a "speed-up on all CPUs" can show.
//   <!-- coro-compare:machine -->  where it ran     <!-- coro-compare:table -->  the table and the verdicts
//   <!-- coro-compare:chart -->    the SVG chart, inline
// Without the option (a quick local `npx typedoc`), the markers say how to get the numbers. A failed measurement
// fails the build.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Application, ParameterType, ReflectionKind, RendererEvent } from 'typedoc';

const docsDir = join(import.meta.dirname, '..');
const generated = join(docsDir, 'generated');
const markers = ['machine', 'table', 'chart'];

/** Start the measurement; resolves to what each marker becomes. */
function measure() {
  return new Promise((resolve, reject) => {
    const script = join(docsDir, 'scripts', 'compare-report.mjs');
    const measured = (/** @type {(error: Error | null, stdout: string, stderr: string) => void} */ done) =>
      process.env.CORO_COMPARE_READY === '1'
        ? done(null, '', '')
        : execFile(process.execPath, [script], { cwd: docsDir, maxBuffer: 16 << 20 }, done);
    measured((error, _stdout, stderr) => {
      if (error) return reject(new Error(`coro-compare failed: ${stderr || error.message}`));
      const read = (name) => readFileSync(join(generated, name), 'utf8');
      const svg = read('compare.svg').replace(/^<\?xml[^>]*>\s*/, '');
      resolve({
        machine: read('machine.md'),
        table: read('compare.md'),
        chart: svg.trim() === '' ? '' : `<figure class="coro-chart">\n${svg}\n</figure>\n`,
      });
    });
  });
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.options.addDeclaration({
    name: 'coroCompare',
    help: 'Measure processes, threads and coroutines with coro-compare --quick for the Concepts page.',
    type: ParameterType.Boolean,
    defaultValue: false,
  });

  /** @type {Promise<Record<string, string>> | undefined} */
  let report;
  // Read at the root's bootstrap: with `entryPointStrategy: packages` each package is converted with its own options.
  app.on(Application.EVENT_BOOTSTRAP_END, () => {
    if (app.options.getValue('coroCompare') && !report) {
      report = measure();
      report.catch(() => {}); // reported when awaited, before rendering
    }
  });

  app.renderer.on(RendererEvent.BEGIN, () => {
    app.renderer.preRenderAsyncJobs.push(async (event) => {
      const started = Date.now();
      /** @type {Record<string, string>} */
      let values;
      try {
        values = report
          ? await report
          : {
              machine: '',
              table: '> This build did not measure anything: build the site with `npm run docs` (which passes `--coroCompare`), or run `npx coro-compare` to measure your machine.\n',
              chart: '',
            };
      } catch (error) {
        app.logger.error(String(error instanceof Error ? error.message : error));
        return;
      }
      if (report) app.logger.info(`coro-compare report ready (waited ${Date.now() - started} ms after conversion)`);
      for (const doc of event.project.getReflectionsByKind(ReflectionKind.Document)) {
        if (!doc.isDocument()) continue;
        for (const part of doc.content) {
          if (part.kind !== 'text' || !part.text.includes('<!-- coro-compare:')) continue;
          for (const marker of markers) part.text = part.text.replaceAll(`<!-- coro-compare:${marker} -->`, values[marker] ?? '');
        }
      }
    });
  });
}
