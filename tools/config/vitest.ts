import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/** Test settings shared by every package: colocated `*.test.ts`, the package version injected as in the build. */
export function definePackageTests(packageDir: URL) {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8')) as { version: string };
  return defineConfig({
    define: { __CORO_VERSION__: JSON.stringify(pkg.version) },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 20_000,
    },
  });
}
