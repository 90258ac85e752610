import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus as cpuInfo } from 'node:os';
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

/** The CPUs this process may run on (Linux: its affinity), so `--cpus 99` is refused before anything runs. */
export function allowedCpus(): number[] {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('Cpus_allowed_list:'));
    if (line) return parseCpuList(line.split(':')[1]!.trim());
  } catch {
    // not Linux: every CPU the OS reports
  }
  return Array.from({ length: cpuInfo().length || availableParallelism() }, (_, i) => i);
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
  const allowed = allowedCpus();
  const missing = list.filter((cpu) => !allowed.includes(cpu));
  if (missing.length > 0) {
    throw new RangeError(`--cpus: CPU ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not available here; this process may use CPUs ${allowed.join(',')}`);
  }
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
