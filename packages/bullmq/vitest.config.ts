import { definePackageTests } from '../../tools/config/vitest.js';

export default definePackageTests(new URL('./', import.meta.url));
