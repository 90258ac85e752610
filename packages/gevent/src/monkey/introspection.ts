import { patchableModules } from './modules.js';
import { isAreaPatched, moduleHasPatches, objectIsPatched, originalOf, type PatchArea } from './registry.js';

function checkModule(fn: string, moduleName: unknown): string {
  if (typeof moduleName !== 'string' || !(moduleName in patchableModules)) {
    throw new RangeError(`${fn}: unknown module ${JSON.stringify(moduleName)}; known: ${Object.keys(patchableModules).join(', ')}`);
  }
  return moduleName;
}

/**
 * True when `area` has been patched (by its `patch*` function or {@link patchAll}) and not undone.
 *
 * @example
 * ```ts
 * import { isPatched, patchTime } from '@coro/gevent/monkey';
 * patchTime();
 * console.log(isPatched('time'), isPatched('fetch')); // true false
 * ```
 */
export function isPatched(area: PatchArea): boolean {
  return isAreaPatched(area);
}

/**
 * True when at least one export of `moduleName` is patched (gevent's `is_module_patched`).
 * Module names: `'time'`, `'globalThis'`, `'Response.prototype'`, and `'node:…'` built-ins.
 *
 * @example
 * ```ts
 * import { isModulePatched, patchNet } from '@coro/gevent/monkey';
 * patchNet();
 * console.log(isModulePatched('node:net')); // true
 * ```
 */
export function isModulePatched(moduleName: string): boolean {
  return moduleHasPatches(checkModule('isModulePatched(moduleName)', moduleName));
}

/**
 * True when `moduleName`'s export `name` is patched (gevent's `is_object_patched`).
 *
 * @example
 * ```ts
 * import { isObjectPatched, patchFetch } from '@coro/gevent/monkey';
 * patchFetch();
 * console.log(isObjectPatched('globalThis', 'fetch')); // true
 * ```
 */
export function isObjectPatched(moduleName: string, name: string): boolean {
  return objectIsPatched(checkModule('isObjectPatched(moduleName)', moduleName), name);
}

/**
 * The original (unpatched) export `name` of `moduleName`, or the current one when it was never
 * patched (gevent's `get_original`). Patching twice never replaces the saved original.
 *
 * @example
 * ```ts
 * import { getOriginal, patchFetch } from '@coro/gevent/monkey';
 * patchFetch();
 * const platformFetch = getOriginal('globalThis', 'fetch') as typeof fetch;
 * ```
 */
export function getOriginal(moduleName: string, name: string): unknown {
  const target = patchableModules[checkModule('getOriginal(moduleName)', moduleName)]!;
  return objectIsPatched(moduleName, name) ? originalOf(moduleName, name) : (target as Record<string, unknown>)[name];
}
