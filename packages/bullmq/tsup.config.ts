import { definePackageBuild } from '../../tools/config/tsup.js';

// The CLI is an entry of its own, so `import '@coro/bullmq'` never parses arguments.
export default definePackageBuild(new URL('./', import.meta.url), {
  platform: 'node',
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
});
