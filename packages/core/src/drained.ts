import type { Operation, Resume, Teardown } from './operation.js';
import { SuspendOperation } from './suspend-operation.js';
import type { Task } from './task.js';

/** Wait until `task` has no live children. @internal */
export function drained(task: Task<any>): Operation<void> {
  return new Drained(task);
}

class Drained extends SuspendOperation<void> {
  constructor(private readonly task: Task<any>) {
    super();
  }
  enter(resume: Resume<void>): Teardown | void {
    if (this.task.firstChild === null) return resume.resolve();
    const x = this.task.ext();
    x.drainWaiter = resume;
    return () => {
      if (x.drainWaiter === resume) x.drainWaiter = null;
    };
  }
  override toString(): string {
    return 'the scope’s tasks to end';
  }
}
