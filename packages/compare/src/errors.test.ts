import { describe, expect, it } from 'vitest';
import { ExecutorClosed, JobAborted, QueueFull, WorkerCrashed } from './errors.js';

describe('errors', () => {
  it('WorkerCrashed says how the worker ended and keeps the code, signal and cause', () => {
    const byCode = new WorkerCrashed('the child process running work', 3, null);
    expect(byCode.message).toBe('the child process running work exited with code 3 while running this job');
    expect([byCode.name, byCode.exitCode, byCode.signal]).toEqual(['WorkerCrashed', 3, null]);
    const cause = new Error('boom');
    const bySignal = new WorkerCrashed('the child process running work', null, 'SIGKILL', { cause });
    expect(bySignal.message).toBe('the child process running work was killed by SIGKILL while running this job');
    expect(bySignal.cause).toBe(cause);
  });

  it('JobAborted says how the job was stopped and carries the reason', () => {
    const reason = new Error('user cancelled');
    expect(new JobAborted('queued', reason).message).toBe('job aborted before it started');
    expect(new JobAborted('graceful', reason).message).toBe('job aborted and it stopped by itself');
    const hard = new JobAborted('hard', reason);
    expect([hard.name, hard.mode, hard.cause, hard.message]).toEqual(['JobAborted', 'hard', reason, 'job aborted and its worker was terminated']);
  });

  it('QueueFull and ExecutorClosed are named errors with advice', () => {
    expect(new QueueFull(10).message).toBe("the executor's queue is full (maxQueue: 10); wait for jobs to finish or raise maxQueue");
    expect(new QueueFull(10).name).toBe('QueueFull');
    expect(new ExecutorClosed('closed').name).toBe('ExecutorClosed');
  });
});
