import { definePackageBuild } from '../../tools/config/tsup.js';

// No keepNames here: its `__name(fn, "fn")` calls look like side effects to a user's bundler, which then keeps
// all of gevent (22 KB gzipped for a program that imports only `version`; 50 B without). Where names collide
// across gevent's files, the name that is shown does not come from the identifier: blocking operations get
// theirs as a string (`blocking('get', …)`), and the few classes the bundle renames (Greenlet, Timeout, the
// link and signal RawGreenlets) set theirs in a pure static initializer (class-hooks.ts). The pack check asserts
// that every exported function and class of both entries keeps its own name.
export default definePackageBuild(new URL('./', import.meta.url), { platform: 'node', entry: ['src/index.ts', 'src/monkey/index.ts'], keepNames: false });
