import { definePackageBuild } from '../../tools/config/tsup.js';

// Everything a worker, child or measurement process loads by URL is a build entry of its own, at a
// fixed place next to index.js (workers under worker/): executors and the harness find them there.
export default definePackageBuild(new URL('./', import.meta.url), {
  platform: 'node',
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'compare-measure': 'src/harness/measure-entry.ts',
    'harness-tasks': 'src/harness/tasks.ts',
    'worker/thread-entry': 'src/worker/thread-entry.ts',
    'worker/process-entry': 'src/worker/process-entry.ts',
  },
});
