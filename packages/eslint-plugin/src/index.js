import noDroppedOperation from './no-dropped-operation.js';

/** coro's ESLint plugin. Enable `coro/no-dropped-operation` with type information. */
export default {
  meta: { name: '@coro/eslint-plugin', version: '0.0.0' },
  rules: { 'no-dropped-operation': noDroppedOperation },
};
