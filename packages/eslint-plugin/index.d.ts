import type { ESLint, Linter, Rule } from 'eslint';

/** coro's ESLint plugin: `rules['no-dropped-operation']` and the `recommended` flat config. */
declare const plugin: ESLint.Plugin & {
  meta: { name: '@coro/eslint-plugin'; version: string };
  rules: { 'no-dropped-operation': Rule.RuleModule };
  configs: { recommended: Linter.Config };
};
export default plugin;
