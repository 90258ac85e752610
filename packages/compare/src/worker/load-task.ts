import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

type TaskFunction = (...args: unknown[]) => unknown;

const typeScriptFile = /\.[cm]?tsx?$/;
let tsxRegistered: Promise<void> | undefined;

/**
 * TypeScript task modules are loaded through tsx's loader, registered in this worker the first
 * time one is needed (Node 20 cannot strip types by itself). tsx is looked up from the task
 * module's own folder first, so the user's copy is used; ours is the fallback.
 */
function registerTsx(moduleUrl: string): Promise<void> {
  tsxRegistered ??= (async () => {
    if ((process.features as { typescript?: unknown }).typescript) return;
    // Started under tsx (`npx tsx main.ts`, tsx perhaps not installed in the project): the worker
    // inherits tsx's flags, whose paths say where that tsx is. (Its loader does not act in workers.)
    const fromFlags = process.execArgv.map((arg) => /^(.*[\\/]node_modules[\\/]tsx)[\\/]/.exec(arg.replace(/^(--\w+=)?(file:\/\/)?/, ''))?.[1]).filter((dir) => dir !== undefined);
    const main = process.argv[1] ? [pathToFileURL(process.argv[1]).href] : [];
    const bases = [moduleUrl, ...main, ...fromFlags.map((dir) => pathToFileURL(`${dir}/../`).href), import.meta.url];
    let manifest: string | undefined;
    for (const base of bases) {
      try {
        manifest = createRequire(base).resolve('tsx/package.json');
        break;
      } catch {
        // not installed there; try the next place
      }
    }
    if (manifest === undefined) {
      throw new TypeError(`task module ${moduleUrl} is TypeScript: install tsx next to it (npm i -D tsx) or compile it to JavaScript`);
    }
    // The ESM build of tsx's API (its CommonJS build cannot be import()ed from here).
    const api = (await import(new URL('./dist/esm/api/index.mjs', pathToFileURL(manifest)).href)) as { register: () => unknown };
    api.register();
  })();
  return tsxRegistered;
}

const cache = new Map<string, TaskFunction>();

/** Import `moduleUrl`, failing with an error that names the module and the task, within `timeout` ms. */
async function importModule(moduleUrl: string, exportName: string, timeout: number): Promise<Record<string, unknown>> {
  const what = `task module ${moduleUrl} (task "${exportName}")`;
  let timer: NodeJS.Timeout | undefined;
  const late =
    timeout === Infinity
      ? new Promise<never>(() => {})
      : new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${what} did not finish loading within ${timeout} ms (loadTimeout): does a top-level await never settle?`)),
            Math.min(timeout, 2 ** 31 - 1),
          );
        });
  try {
    return (await Promise.race([import(moduleUrl), late])) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(what)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const Class = error instanceof SyntaxError ? SyntaxError : Error;
    throw new Class(`${what} could not be loaded: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The exported function `exportName` of `moduleUrl`, imported once per thread (within `timeout`
 * ms), as compare's workers load tasks: TypeScript modules through tsx, errors that name the module,
 * the task and the exports found. Executors built on this package run tasks in-process with it.
 *
 * @example
 * ```ts
 * const fn = await loadTask(new URL('./primes.js', import.meta.url).href, 'countPrimes');
 * fn(1000); // 168
 * ```
 */
export async function loadTask(moduleUrl: string, exportName: string, timeout = Infinity): Promise<(...args: unknown[]) => unknown> {
  const key = `${moduleUrl}#${exportName}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (typeScriptFile.test(new URL(moduleUrl).pathname)) await registerTsx(moduleUrl);
  const mod = await importModule(moduleUrl, exportName, timeout);
  const fn = mod[exportName];
  if (typeof fn !== 'function') {
    const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new TypeError(
      `task module ${moduleUrl} has no exported function "${exportName}"` +
        (exported.length > 0 ? `; its exported functions are ${exported.join(', ')}` : '; it exports no functions'),
    );
  }
  cache.set(key, fn as TaskFunction);
  return fn as TaskFunction;
}

/** The function if it has been loaded already, so the hot path stays synchronous. */
export function loadedTask(moduleUrl: string, exportName: string): TaskFunction | undefined {
  return cache.get(`${moduleUrl}#${exportName}`);
}
