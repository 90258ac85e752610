import type { TaskState } from './task-state.js';
import type { Task } from './task.js';
import type { Owner } from './task-tree.js';

/**
 * What {@link Scheduler.stats} reports.
 *
 * @example
 * ```ts
 * const { switches, tasks } = scheduler.stats();
 * console.log(`${switches} switches, ${tasks.suspended} tasks waiting`);
 * ```
 */
export interface SchedulerStats {
  /** Task resumptions so far. */
  readonly switches: number;
  /** Tasks spawned so far. */
  readonly spawned: number;
  /** Tasks alive now. */
  readonly live: number;
  /** Live tasks by state (`pending`, `running`, `suspended`); ended tasks counted since the start. */
  readonly tasks: Readonly<Record<TaskState, number>>;
}

/**
 * One line of {@link Scheduler.inspect}: a live task and what it waits on.
 *
 * @example
 * ```ts
 * for (const t of scheduler.inspect()) console.log(' '.repeat(t.depth), t.name, t.state, t.waitingOn ?? '');
 * ```
 */
export interface TaskSnapshot {
  /** The task's name. */
  readonly name: string;
  /** Its state. */
  readonly state: TaskState;
  /** 0 for roots, 1 for their children, … */
  readonly depth: number;
  /** What it waits on (`sleep(100)`, `join b`, `channel.receive()`), when suspended. */
  readonly waitingOn?: string;
}

/** Every live task under `owner`, depth first, children in spawn order. @internal */
export function* liveTasks(owner: Owner, depth = 0): Generator<{ task: Task<any>; depth: number }> {
  const children: Task<any>[] = [];
  for (let c = owner.firstChild; c !== null; c = c.nextSibling) children.push(c);
  for (let i = children.length - 1; i >= 0; i--) {
    const task = children[i]!;
    yield { task, depth };
    yield* liveTasks(task, depth + 1);
  }
}
