import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { resolvePoolOptions } from './pool-options.js';

describe('pool options', () => {
  it('defaults to one worker per available CPU, an unbounded queue and hard aborts', () => {
    expect(resolvePoolOptions('ThreadExecutor')).toEqual({
      size: availableParallelism(),
      maxQueue: Infinity,
      idleTimeout: Infinity,
      abortGrace: 0,
      terminateTimeout: 1000,
      maxJobsPerWorker: Infinity,
      maxMemoryPerWorker: Infinity,
      name: 'ThreadExecutor',
    });
  });

  it('rejects a size of 0, fractions and negative durations with a RangeError naming the option', () => {
    expect(() => resolvePoolOptions('ThreadExecutor', { size: 0 })).toThrow(new RangeError('ThreadExecutor: options.size must be an integer >= 1, got 0'));
    expect(() => resolvePoolOptions('ProcessExecutor', { size: Infinity })).toThrow('ProcessExecutor: options.size must be an integer >= 1, got Infinity');
    expect(() => resolvePoolOptions('ProcessExecutor', { maxQueue: 1.5 })).toThrow(/options\.maxQueue must be an integer >= 0/);
    expect(() => resolvePoolOptions('ProcessExecutor', { abortGrace: -1 })).toThrow(/options\.abortGrace must be a number >= 0/);
    expect(() => resolvePoolOptions('ProcessExecutor', { maxJobsPerWorker: 0 })).toThrow(/options\.maxJobsPerWorker/);
    expect(() => resolvePoolOptions('ProcessExecutor', { idleTimeout: Number.NaN })).toThrow(/options\.idleTimeout/);
  });

  it('rejects options that are not an object', () => {
    expect(() => resolvePoolOptions('ThreadExecutor', 3 as never)).toThrow(new TypeError('ThreadExecutor: options must be an object, got 3'));
  });
});
