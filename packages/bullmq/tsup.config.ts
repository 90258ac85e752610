import { definePackageBuild } from '../../tools/config/tsup.js';

// The CLI is an entry of its own, so `import '@coro/bullmq'` never parses arguments. No keepNames:
// its `__name()` calls would run for every closure made per job; no identifier of this package
// collides in the bundle, so names survive anyway (the pack check asserts every export keeps its own).
export default definePackageBuild(new URL('./', import.meta.url), {
  platform: 'node',
  keepNames: false,
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
});
