import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * The one build recipe every package shares: ESM only, with `.d.ts`.
 * ESM-only is deliberate (architecture §6): Node >=20.19 can `require()` ESM, so a single copy
 * serves both module systems and there is exactly one main greenlet, one hub and one set of
 * error classes per process.
 */
export function definePackageBuild(packageDir: URL, overrides: Options = {}) {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8')) as { version: string };
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'es2022',
    platform: 'neutral',
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    // Keep class names: greenlets, tasks and errors print and inspect by their real names.
    keepNames: true,
    splitting: true,
    define: { __CORO_VERSION__: JSON.stringify(pkg.version) },
    ...overrides,
  });
}
