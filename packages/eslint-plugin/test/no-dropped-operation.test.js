import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import coro from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const file = `${fixtures}dropped.ts`;

async function lintFixture() {
  const eslint = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { project: `${fixtures}tsconfig.json`, tsconfigRootDir: fixtures },
        },
        plugins: { coro },
        rules: { 'coro/no-dropped-operation': 'error' },
      },
    ],
  });
  const [result] = await eslint.lintFiles([file]);
  return result;
}

describe('coro/no-dropped-operation', () => {
  it('reports every Operation dropped inside a generator, and nothing else', async () => {
    const result = await lintFixture();
    const expected = readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.includes('// expect-error') ? [i + 1] : []));
    expect(result.messages.map((m) => m.line)).toEqual(expected);
    expect(result.messages.every((m) => m.ruleId === 'coro/no-dropped-operation')).toBe(true);
    expect(result.messages[0].message).toContain('Write `yield* g2.switch()`');
  }, 60_000);
});
