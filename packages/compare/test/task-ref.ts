import type { JobOptions, TaskRef } from '@coro/core';

/** A TaskRef for the fixtures (tests only; users get theirs from core's `task()`). */
export function ref<F extends (...args: any[]) => any>(module: URL | string, exportName: string, options: JobOptions = {}): TaskRef<F> {
  const href = typeof module === 'string' ? module : module.href;
  return { module: href, exportName, options, with: (next) => ref<F>(href, exportName, next) };
}

export const fixtures = new URL('./fixtures/tasks.mjs', import.meta.url);

/** A fixture task, loosely typed: tests check behaviour, not inference. */
export const fixture = (exportName: string, options: JobOptions = {}) => ref<(...args: any[]) => any>(fixtures, exportName, options);
