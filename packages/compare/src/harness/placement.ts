import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Placement } from './measurement.js';

/** Expand a `taskset -c` list ("0-2,5") into CPU numbers; RangeError when it does not parse. */
export function parseCpuList(list: string): number[] {
  const cpus = new Set<number>();
  for (const part of list.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!match) throw new RangeError(`--cpus: "${list}" is not a CPU list like 0 or 0-3 or 0,2`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) throw new RangeError(`--cpus: "${part.trim()}" counts down`);
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

let tasksetFound: boolean | undefined;

/** Whether `taskset` (util-linux) can place processes on CPUs here. */
export function hasTaskset(): boolean {
  if (tasksetFound === undefined) {
    try {
      execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
      tasksetFound = true;
    } catch {
      tasksetFound = false;
    }
  }
  return tasksetFound;
}

/**
 * The placements to measure: pinned to the first CPU of `cpus` and spread over all of them. Where
 * `taskset` is missing there is one placement, `unpinned`, and every output says so.
 */
export function choosePlacements(wanted: readonly ('pinned' | 'spread')[], cpus = `0-${availableParallelism() - 1}`, taskset = hasTaskset()): Placement[] {
  const list = parseCpuList(cpus);
  if (!taskset) return [{ name: 'unpinned', cpus: '', count: availableParallelism() }];
  const placements: Placement[] = [];
  if (wanted.includes('pinned')) placements.push({ name: 'pinned', cpus: String(list[0]), count: 1 });
  if (wanted.includes('spread') && list.length > 1) placements.push({ name: 'spread', cpus: cpus.replace(/\s+/g, ''), count: list.length });
  if (placements.length === 0) placements.push({ name: 'pinned', cpus: String(list[0]), count: 1 });
  return placements;
}

/** How a placement reads in a table or a claim: "pinned to CPU 0", "spread over CPUs 0-1". */
export function describePlacement(placement: Placement): string {
  if (placement.name === 'unpinned') return `unpinned (taskset not found; ${placement.count} CPUs)`;
  return placement.name === 'pinned' ? `pinned to CPU ${placement.cpus}` : `spread over CPUs ${placement.cpus}`;
}
