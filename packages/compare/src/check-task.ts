import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TaskRef } from '@coro/core';
import { shown } from './shown.js';

/** Module URL as named → module URL a worker imports (the same, or its TypeScript sibling). */
const resolved = new Map<string, string>();

const siblings: Record<string, readonly string[]> = { '.js': ['.ts', '.mts'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/**
 * The TypeScript source beside a missing `.js` file, as TypeScript's own `.js`-suffix convention
 * names it: `new URL('./primes.js', import.meta.url)` works under tsx (only `primes.ts` exists)
 * and after compiling (`primes.js` exists, and wins).
 */
function typeScriptSibling(url: URL): string | undefined {
  const match = /\.[cm]?js$/.exec(url.pathname);
  if (!match) return undefined;
  for (const ext of siblings[match[0]] ?? []) {
    const sibling = new URL(url.href);
    sibling.pathname = url.pathname.slice(0, -match[0].length) + ext;
    if (existsSync(fileURLToPath(sibling))) return sibling.href;
  }
  return undefined;
}

/**
 * Check a task reference before anything is sent to a worker, and find the module the worker
 * should import. Returns that module URL, or the TypeError saying why the reference cannot work:
 * not a TaskRef, a module URL that does not parse, or a local module file that does not exist
 * (nor its TypeScript sibling). Whether the export exists is only known once a worker imports the
 * module; that error names the exports it found. Executors built on this package use it to
 * check a task where it is submitted.
 *
 * @example
 * ```ts
 * const found = resolveTaskModule('submit', task(new URL('./primes.js', import.meta.url), 'countPrimes'));
 * if (found instanceof TypeError) throw found; // else found is the module URL to import
 * ```
 */
export function resolveTaskModule(owner: string, task: TaskRef): string | TypeError {
  if (typeof task !== 'object' || task === null || typeof task.module !== 'string' || typeof task.exportName !== 'string') {
    return new TypeError(`${owner}: task must be a TaskRef made by task(moduleUrl, exportName), got ${shown(task)}`);
  }
  const known = resolved.get(task.module);
  if (known !== undefined) return known;
  let url: URL;
  try {
    url = new URL(task.module);
  } catch {
    return new TypeError(`${owner}: task module must be an absolute URL such as new URL('./tasks.js', import.meta.url), got '${task.module}'`);
  }
  let module = task.module;
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
    const sibling = typeScriptSibling(url);
    if (sibling === undefined) {
      const path = fileURLToPath(url);
      const also = /\.[cm]?js$/.test(path) ? ' nor a .ts/.mts sibling' : '';
      return new TypeError(`${owner}: task module ${task.module} does not exist (looked for ${path}${also})`);
    }
    module = sibling;
  }
  resolved.set(task.module, module);
  return module;
}
