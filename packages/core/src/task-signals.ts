/*
 * `spawnWith({ signal }, …)` for many tasks with one AbortSignal: adding a listener per task is
 * O(n) per add in Node's EventTarget (100k tasks took 23 s) and prints MaxListenersExceededWarning.
 * A scheduler instead adds one listener per signal and keeps the tasks it cancels in one map, so a
 * spawn with a signal is O(1) and the signal holds one listener however many tasks share it.
 */
import type { Task } from './task.js';

class SignalGroup {
  /** Live tasks bound to the signal. */
  size = 0;
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
  // Found from the task when it ends; kept here rather than on the task, so tasks stay small.
  private readonly byTask = new Map<Task<any>, SignalGroup>();

  /** Cancel `task` when `signal` aborts (at once if it has). */
  bind(task: Task<any>, signal: AbortSignal): void {
    if (signal.aborted) return task.cancel(signal.reason);
    let group = this.groups.get(signal);
    if (group === undefined) {
      const listener = (): void => this.abort(signal);
      group = new SignalGroup(signal, listener);
      this.groups.set(signal, group);
      signal.addEventListener('abort', listener, { once: true });
    }
    group.size++;
    this.byTask.set(task, group);
  }

  /** `task` ended: forget it, and drop its signal's listener once no task needs it. */
  unbind(task: Task<any>): void {
    const group = this.byTask.get(task);
    if (group === undefined) return;
    this.byTask.delete(task);
    if (--group.size > 0 || this.groups.get(group.signal) !== group) return;
    this.groups.delete(group.signal);
    group.signal.removeEventListener('abort', group.listener);
  }

  private abort(signal: AbortSignal): void {
    const group = this.groups.get(signal);
    if (group === undefined) return;
    this.groups.delete(signal);
    // Aborts are rare: one pass over the bound tasks beats keeping a set per signal on every spawn.
    for (const [task, of] of this.byTask) {
      if (of !== group) continue;
      this.byTask.delete(task);
      task.cancel(signal.reason);
    }
  }
}
