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
      loadTimeout: 10_000,
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

  it('rejects unknown options, naming the known ones (new ThreadExecutor({ bogus: 1 }))', () => {
    expect(() => resolvePoolOptions('ThreadExecutor', { bogus: 1 } as never, ['env'])).toThrow(
      new TypeError(
        'ThreadExecutor: unknown option "bogus"; the options are size, maxQueue, idleTimeout, abortGrace, terminateTimeout, loadTimeout, maxJobsPerWorker, maxMemoryPerWorker, name, env',
      ),
    );
    expect(resolvePoolOptions('ThreadExecutor', { env: {} } as never, ['env']).size).toBeGreaterThan(0);
  });

  it("shows a string option as a string (size: '2' is not 2)", () => {
    expect(() => resolvePoolOptions('ThreadExecutor', { size: '2' } as never)).toThrow(new TypeError("ThreadExecutor: options.size must be an integer >= 1, got '2' (a string)"));
    expect(() => resolvePoolOptions('ThreadExecutor', { maxQueue: '100' } as never)).toThrow(
      new TypeError("ThreadExecutor: options.maxQueue must be an integer >= 0 (or Infinity), got '100' (a string)"),
    );
    expect(() => resolvePoolOptions('ThreadExecutor', { name: 7 } as never)).toThrow(new TypeError('ThreadExecutor: options.name must be a string, got 7'));
  });

  it('accepts Infinity for every duration (never)', () => {
    const resolved = resolvePoolOptions('ProcessExecutor', { idleTimeout: Infinity, abortGrace: Infinity, terminateTimeout: Infinity, loadTimeout: Infinity });
    expect([resolved.idleTimeout, resolved.abortGrace, resolved.terminateTimeout, resolved.loadTimeout]).toEqual([Infinity, Infinity, Infinity, Infinity]);
  });

  it('rejects options that are not an object', () => {
    expect(() => resolvePoolOptions('ThreadExecutor', 3 as never)).toThrow(new TypeError('ThreadExecutor: options must be an object, got 3'));
  });
});
