import { definePackageBuild } from '../../tools/config/tsup.js';

// Worker entries are build entries of their own: executors start them by URL next to index.js.
export default definePackageBuild(new URL('./', import.meta.url), {
  platform: 'node',
  entry: { index: 'src/index.ts', 'worker/thread-entry': 'src/worker/thread-entry.ts', 'worker/process-entry': 'src/worker/process-entry.ts' },
});
