// How a task is named so that a worker on another machine runs the same code. A `file:` URL names a
// path on the submitting machine, so it travels as a path relative to a project root both sides
// agree on (`./tasks/primes.js`); a package specifier (`@acme/tasks`) travels as it is and each side
// resolves it from its root; any other URL (`data:`, `https:`) travels unchanged.
import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveTaskModule, type TaskRef } from '@coro/compare';
import { resolve as resolveSpecifier } from 'import-meta-resolve';

/** `root` (a path or a file URL) as a directory URL ending in `/`. */
export function rootUrl(owner: string, root: string | URL): URL {
  let url: URL;
  if (root instanceof URL) url = new URL(root.href);
  else if (typeof root === 'string' && root !== '') url = root.startsWith('file:') ? new URL(root) : pathToFileURL(root);
  else throw new TypeError(`${owner}: root must be a directory path or a file: URL, got ${typeof root === 'string' ? `'${root}'` : String(root)}`);
  if (url.protocol !== 'file:') throw new TypeError(`${owner}: root must be a directory path or a file: URL, got '${url.href}'`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  if (!existsSync(fileURLToPath(url))) throw new TypeError(`${owner}: root ${fileURLToPath(url)} does not exist`);
  return url;
}

const isUrl = (text: string) => /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z]:[\\/]/i.test(text);
const isRelative = (text: string) => text.startsWith('./') || text.startsWith('../') || text.startsWith('/');

/** Resolve a package specifier from `root` as Node's ESM loader would, or undefined. */
function resolvePackage(specifier: string, root: URL): string | undefined {
  try {
    return resolveSpecifier(specifier, new URL('index.js', root).href);
  } catch {
    return undefined;
  }
}

/**
 * The name under which `task` travels to workers, checked on this side: a `file:` module must lie
 * under `root` and exist (or its TypeScript sibling); a package specifier must resolve from `root`.
 * Returns a TypeError saying why not.
 */
export function taskName(owner: string, task: TaskRef, root: URL): string | TypeError {
  if (typeof task !== 'object' || task === null || typeof task.module !== 'string') return resolveTaskModule(owner, task);
  const module = task.module;
  if (!isUrl(module)) {
    if (isRelative(module)) {
      return new TypeError(`${owner}: task module '${module}' is a path; name it by URL (new URL('${module}', import.meta.url)) or by package specifier`);
    }
    if (resolvePackage(module, root) === undefined) {
      return new TypeError(`${owner}: task module '${module}' is not a package that resolves from the root ${fileURLToPath(root)}`);
    }
    return module;
  }
  const checked = resolveTaskModule(owner, task);
  if (checked instanceof TypeError) return checked;
  if (!module.startsWith('file:')) return module;
  const path = relative(fileURLToPath(root), fileURLToPath(module));
  if (path.startsWith('..') || isUrl(path) || path.startsWith(sep)) {
    return new TypeError(
      `${owner}: task module ${module} is outside the root ${fileURLToPath(root)}, so a worker elsewhere cannot find it; ` +
        `set the executor's root to a folder holding it (and start coro-worker with the same folder as --root), or name the task by package specifier`,
    );
  }
  return `./${path.split(sep).join('/')}`;
}

/**
 * The module URL a worker imports for a task name sent by {@link taskName}, resolved under the
 * worker's `root`, or the TypeError saying why it does not resolve on this worker.
 */
export function resolveTaskName(name: string, exportName: string, root: URL, where: string): string | TypeError {
  if (typeof name !== 'string' || name === '') return new TypeError(`${where}: the job names no task module (got ${JSON.stringify(name)}); was it added by @coro/bullmq?`);
  let url: string | undefined;
  if (name.startsWith('./')) url = new URL(name, root).href;
  else if (isUrl(name)) url = name;
  else {
    url = resolvePackage(name, root);
    if (url === undefined) return new TypeError(`${where}: task module '${name}' is not a package that resolves from this worker's root ${fileURLToPath(root)} (install it there, or start coro-worker with --root)`);
  }
  const checked = resolveTaskModule(where, { module: url, exportName, options: {}, with: () => { throw new Error('unused'); } });
  if (checked instanceof TypeError) {
    return new TypeError(`${checked.message}; the job named it '${name}', resolved under this worker's root ${fileURLToPath(root)} (set with --root)`);
  }
  return checked;
}
