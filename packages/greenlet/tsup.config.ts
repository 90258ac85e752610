import { definePackageBuild } from '../../tools/config/tsup.js';

// No keepNames here: its `__name(fn, "fn")` calls look like side effects to a user's bundler, which then keeps
// every function and class of the file (a run/spawn/sleep program grew from 7 KB to 10 KB gzipped). No
// identifier of this package collides in the bundle, so names survive anyway; the pack check asserts that
// every exported function and class still has its own name.
export default definePackageBuild(new URL('./', import.meta.url), { keepNames: false });
