import type { Task } from './task.js';

/** What tasks hang off: a parent task, or the scheduler for roots. @internal */
export interface Owner {
  firstChild: Task<any> | null;
  /** A child nobody joined failed. */
  adoptFailure(child: Task<any>, error: unknown): void;
  /** A child ended (it is already unlinked). */
  childEnded(child: Task<any>): void;
}

/** Take `child` out of `owner`'s list of children. @internal */
export function unlink(owner: Owner, child: Task<any>): void {
  const prev = child.prevSibling;
  const next = child.nextSibling;
  if (prev === null) owner.firstChild = next;
  else prev.nextSibling = next;
  if (next !== null) next.prevSibling = prev;
  child.prevSibling = child.nextSibling = null;
}
