import { createRequire } from 'node:module';
import tseslint from 'typescript-eslint';
import noDroppedOperation from './no-dropped-operation.js';

/**
 * coro's ESLint plugin: the `no-dropped-operation` rule, and a `recommended` flat config that enables it
 * together with the two typescript-eslint rules that catch the same mistake on promises.
 */
const { version } = createRequire(import.meta.url)('../package.json');

const plugin = {
  meta: { name: '@coro/eslint-plugin', version },
  rules: { 'no-dropped-operation': noDroppedOperation },
  configs: {},
};

// The preset carries the parser and the project service because all three rules need type
// information; the typescript-eslint plugin object is the user's own copy (a peer dependency), so
// combining the preset with typescript-eslint's configs does not register it twice.
plugin.configs.recommended = {
  name: '@coro/eslint-plugin/recommended',
  files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: true },
  },
  plugins: { coro: plugin, '@typescript-eslint': tseslint.plugin },
  rules: {
    'coro/no-dropped-operation': 'error',
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/await-thenable': 'error',
  },
};

export default plugin;
