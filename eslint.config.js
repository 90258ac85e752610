import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import coro from '@coro/eslint-plugin';

// ESLint over Biome: coro needs type-aware rules (no-floating-promises) and a custom rule that asks
// the type checker whether a dropped call returns an Operation. Biome has neither.
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/test/fixtures/**', 'docs/api/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { coro },
    rules: {
      'coro/no-dropped-operation': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/require-yield': 'off',
      'require-yield': 'off',
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    plugins: { coro },
    rules: { 'coro/no-dropped-operation': 'off' },
  },
);
