import type { Workload, WorkloadName } from '../workload.js';
import { cpuWorkload } from './cpu.js';
import { ioWorkload } from './io.js';
import { memoryWorkload } from './memory.js';
import { sleepWorkload } from './sleep.js';
import { startWorkload } from './start.js';
import { switchWorkload } from './switch.js';

/** Every workload, in table order. */
export const workloads: readonly Workload[] = [startWorkload, switchWorkload, memoryWorkload, cpuWorkload, ioWorkload, sleepWorkload];

export function findWorkload(name: WorkloadName): Workload {
  return workloads.find((w) => w.name === name)!;
}
