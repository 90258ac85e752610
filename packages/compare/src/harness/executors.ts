import { CoroutineExecutor, type Executor } from '@coro/core';
import { ProcessExecutor } from '../process-executor.js';
import { ThreadExecutor } from '../thread-executor.js';
import type { Kind } from './kinds.js';

/**
 * The one place the harness chooses an executor: every executor-based workload calls this and
 * runs the same task module on whatever comes back. Coroutines need no size (they are too cheap
 * to ration); greenlets run in a gevent `Pool` of `size`.
 */
export async function createExecutor(kind: Kind, size: number): Promise<Executor> {
  switch (kind) {
    case 'process':
      return new ProcessExecutor({ size, execArgv: [] });
    case 'thread':
      return new ThreadExecutor({ size });
    case 'coroutine':
      return new CoroutineExecutor();
    case 'greenlet': {
      const { Pool } = await import('@coro/gevent');
      return new Pool(size);
    }
  }
}
