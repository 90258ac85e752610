// The example a package README leads with: the first ```ts block under its "## Ten lines" heading, and the
// output printed after it (its ```text block), if any. The pack check compiles it and the browser test runs it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractSamples } from '../docs/scripts/extract-samples.mjs';

/**
 * @param {string} packageDir
 * @returns {{ code: string, output?: string } | undefined}
 */
export function readmeSample(packageDir) {
  const file = join(packageDir, 'README.md');
  if (!existsSync(file)) return undefined;
  const markdown = readFileSync(file, 'utf8');
  const heading = markdown.split('\n').findIndex((line) => /^## Ten lines\s*$/.test(line));
  if (heading === -1) return undefined;
  return extractSamples(markdown).find((sample) => sample.lang === 'ts' && sample.line > heading + 1);
}

/** The code of {@link readmeSample}, or undefined. */
export function readmeExample(packageDir) {
  return readmeSample(packageDir)?.code;
}
