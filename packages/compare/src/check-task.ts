import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TaskRef } from '@coro/core';

const existing = new Set<string>();

/**
 * Why a task reference cannot work, found before anything is sent to a worker: not a TaskRef,
 * a module URL that does not parse, or a local module file that does not exist. (Whether the export
 * exists is only known once a worker imports the module; that error names the exports it found.)
 */
export function taskProblem(owner: string, task: TaskRef): TypeError | undefined {
  if (typeof task !== 'object' || task === null || typeof task.module !== 'string' || typeof task.exportName !== 'string') {
    return new TypeError(`${owner}: task must be a TaskRef made by task(moduleUrl, exportName), got ${typeof task === 'object' ? JSON.stringify(task) : String(task)}`);
  }
  if (existing.has(task.module)) return undefined;
  let url: URL;
  try {
    url = new URL(task.module);
  } catch {
    return new TypeError(`${owner}: task module must be an absolute URL such as new URL('./tasks.js', import.meta.url), got "${task.module}"`);
  }
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
    return new TypeError(`${owner}: task module ${task.module} does not exist (looked for ${fileURLToPath(url)})`);
  }
  existing.add(task.module);
  return undefined;
}
