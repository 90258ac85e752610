import type { Executor } from '@coro/core';
import { ProcessExecutor } from '../process-executor.js';
import { ThreadExecutor } from '../thread-executor.js';
import type { Kind } from './kinds.js';

/**
 * The one place the harness chooses an executor: every executor-based workload calls this and
 * runs the same task module on whatever comes back.
 */
export function createExecutor(kind: Kind, size: number): Executor {
  switch (kind) {
    case 'process':
      return new ProcessExecutor({ size, execArgv: [] });
    case 'thread':
      return new ThreadExecutor({ size });
    case 'coroutine':
    case 'greenlet':
      throw new Error(`no ${kind} executor yet`);
  }
}
