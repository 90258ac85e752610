import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import coro from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const file = `${fixtures}preset.ts`;

describe('configs.recommended', () => {
  it('reports a dropped Operation, a floating promise and an awaited non-thenable, with nothing else configured', async () => {
    const eslint = new ESLint({ cwd: fixtures, overrideConfigFile: true, overrideConfig: [coro.configs.recommended] });
    const [result] = await eslint.lintFiles([file]);
    const expected = readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        const rule = / \/\/ expect: (\S+)$/.exec(line)?.[1];
        return rule ? [{ line: i + 1, ruleId: rule }] : [];
      });
    expect(result.messages.map((m) => ({ line: m.line, ruleId: m.ruleId }))).toEqual(expected);
    expect(result.messages[0].message).toBe(
      'This call returns Operation<void>, which does nothing until you delegate to it. Write `yield* sleep(100)` (or assign it and yield* it later).',
    );
  }, 60_000);

  it('names itself and registers the plugin under "coro", with the version of its package', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(coro.meta).toEqual({ name: '@coro/eslint-plugin', version });
    expect(coro.configs.recommended.name).toBe('@coro/eslint-plugin/recommended');
    expect(coro.configs.recommended.plugins.coro).toBe(coro);
    expect(Object.keys(coro.configs.recommended.rules)).toEqual([
      'coro/no-dropped-operation',
      '@typescript-eslint/no-floating-promises',
      '@typescript-eslint/await-thenable',
    ]);
  });
});
