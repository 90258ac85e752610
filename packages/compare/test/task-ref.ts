import type { JobOptions, TaskRef } from '@coro/core';

/** A TaskRef for the fixtures (tests only; users get theirs from core's `task()`). */
export function ref<F extends (...args: any[]) => any>(module: URL | string, exportName: string, options: JobOptions = {}): TaskRef<F> {
  const href = typeof module === 'string' ? module : module.href;
  return { module: href, exportName, options, with: (next) => ref<F>(href, exportName, next) };
}

export const fixtures = new URL('./fixtures/tasks.mjs', import.meta.url);

/** A fixture task, loosely typed: tests check behaviour, not inference. */
export const fixture = (exportName: string, options: JobOptions = {}) => ref<(...args: any[]) => any>(fixtures, exportName, options);

/** For `.then(unexpected, (e) => e)`: a job that should have failed resolved instead. */
export const unexpected = (value: unknown): never => {
  throw new Error(`expected the job to fail, it returned ${String(value)}`);
};
