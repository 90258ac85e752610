import { definePackageBuild } from '../../tools/config/tsup.js';

export default definePackageBuild(new URL('./', import.meta.url), { platform: 'node', entry: ['src/index.ts', 'src/monkey/index.ts'], keepNames: false });
