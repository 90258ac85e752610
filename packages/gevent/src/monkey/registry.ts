import { syncBuiltinESMExports } from 'node:module';

/** The areas `patchAll()` covers, one `patch*` function each. */
export type PatchArea = 'time' | 'timers' | 'fetch' | 'net' | 'http' | 'dns' | 'fs' | 'childProcess' | 'blocking';

interface Saved {
  readonly target: object;
  readonly name: string;
  readonly original: unknown;
  readonly hadOwn: boolean;
}

// Keyed by the module name a user would import ("node:fs", "globalThis", "@coro/gevent/monkey#time"), then by export name.
const saved = new Map<string, Map<string, Saved>>();
const patchedAreas = new Set<PatchArea>();

/**
 * Replace `target[name]` with `replacement` and remember the original under `moduleName`.
 * Patching twice keeps the first original, so undo always restores what the platform shipped.
 */
export function replace<T extends object, K extends keyof T & string>(moduleName: string, target: T, name: K, replacement: T[K]): void {
  let names = saved.get(moduleName);
  if (!names) saved.set(moduleName, (names = new Map<string, Saved>()));
  if (!names.has(name)) names.set(name, { target, name, original: target[name], hadOwn: Object.hasOwn(target, name) });
  setProperty(target, name, replacement);
}

function setProperty(target: object, name: string, value: unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  if (descriptor && !descriptor.writable && !descriptor.set) {
    Object.defineProperty(target, name, { ...descriptor, value });
  } else {
    (target as Record<string, unknown>)[name] = value;
  }
}

/** Record that an area is patched and publish the new built-in exports to ESM named imports. */
export function markPatched(area: PatchArea): void {
  patchedAreas.add(area);
  syncBuiltinESMExports();
}

/** True once `area` was patched (and not undone). */
export function isAreaPatched(area: PatchArea): boolean {
  return patchedAreas.has(area);
}

/** True when `moduleName` has at least one patched export. */
export function moduleHasPatches(moduleName: string): boolean {
  return (saved.get(moduleName)?.size ?? 0) > 0;
}

/** True when `moduleName`'s export `name` is patched. */
export function objectIsPatched(moduleName: string, name: string): boolean {
  return saved.get(moduleName)?.has(name) ?? false;
}

/** The unpatched export, or the current one when it was never patched; `undefined` for an unknown name. */
export function originalOf(moduleName: string, name: string): unknown {
  const entry = saved.get(moduleName)?.get(name);
  return entry ? entry.original : undefined;
}

/** Every module name with patched exports, for error messages and introspection. */
export function patchedModules(): string[] {
  return [...saved.keys()];
}

/** Put every original back, forget every area, and republish ESM exports. */
export function restoreAll(): void {
  for (const names of saved.values()) {
    for (const entry of names.values()) {
      if (entry.hadOwn) setProperty(entry.target, entry.name, entry.original);
      else delete (entry.target as Record<string, unknown>)[entry.name];
    }
  }
  saved.clear();
  patchedAreas.clear();
  syncBuiltinESMExports();
}
