/*
 * `spawnWith({ signal }, …)` for many tasks with one AbortSignal: adding a listener per task is
 * O(n) per add in Node's EventTarget (100k tasks took 23 s) and prints MaxListenersExceededWarning.
 * A scheduler instead adds one listener per signal and keeps the tasks it cancels in a Set, so a
 * spawn with a signal is O(1) and the signal holds one listener however many tasks share it.
 */
import type { Task } from './task.js';

class SignalGroup {
  readonly tasks = new Set<Task<any>>();
  constructor(
    readonly signal: AbortSignal,
    readonly listener: () => void,
  ) {}
}

/**
 * The tasks of one scheduler bound to abort signals.
 *
 * @internal
 */
export class TaskSignals {
  private readonly groups = new Map<AbortSignal, SignalGroup>();

  /** Cancel `task` when `signal` aborts (at once if it has). Returns false if it had aborted. */
  bind(task: Task<any>, signal: AbortSignal): boolean {
    if (signal.aborted) {
      task.cancel(signal.reason);
      return false;
    }
    let group = this.groups.get(signal);
    if (group === undefined) {
      const listener = (): void => this.abort(signal);
      group = new SignalGroup(signal, listener);
      this.groups.set(signal, group);
      signal.addEventListener('abort', listener, { once: true });
    }
    group.tasks.add(task);
    return true;
  }

  /** `task` ended: forget it, and drop the listener once no task needs it. */
  unbind(task: Task<any>, signal: AbortSignal): void {
    const group = this.groups.get(signal);
    if (group === undefined || !group.tasks.delete(task) || group.tasks.size > 0) return;
    this.groups.delete(signal);
    signal.removeEventListener('abort', group.listener);
  }

  private abort(signal: AbortSignal): void {
    const group = this.groups.get(signal);
    if (group === undefined) return;
    this.groups.delete(signal);
    for (const task of group.tasks) task.cancel(signal.reason);
  }
}
