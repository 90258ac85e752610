import { afterEach } from 'vitest';
import { ProcessExecutor, ThreadExecutor, type PoolExecutor } from '../dist/index.js';

/** Both pool executors, for behaviour they must share (`describe.each(kinds)`). */
export const kinds = [
  ['ThreadExecutor', (options: Record<string, unknown> = {}) => new ThreadExecutor(options)],
  ['ProcessExecutor', (options: Record<string, unknown> = {}) => new ProcessExecutor(options)],
] as const;

/**
 * A factory for executors that the current `describe` block destroys after each test, so a test
 * that fails midway never leaves workers or children behind.
 */
export function openExecutors<O, E extends PoolExecutor>(create: (options: O) => E): (options: O) => E {
  const open: E[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((executor) => executor.destroy()));
  });
  return (options) => {
    const executor = create(options);
    open.push(executor);
    return executor;
  };
}
