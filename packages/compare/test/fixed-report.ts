import type { Kind, Measurement, Placement, Report, WorkloadName } from '../src/index.js';
import { evaluateClaims } from '../src/harness/claims.js';
import type { MachineLoad } from '../src/harness/machine-load.js';

export const quiet: MachineLoad = { busy: false, loadAverage: 0.1, othersCpu: 0.01, steal: 0, reasons: [] };

export const pinned: Placement = { name: 'pinned', cpus: '0', count: 1 };
export const spread: Placement = { name: 'spread', cpus: '0-1', count: 2 };

const units: Record<WorkloadName, string> = { start: 'µs', switch: 'µs', memory: 'bytes', cpu: '×', io: 'req/s', sleep: 'ms' };

/** Fixed figures, shaped like the seed's summary predicts (unless overridden). */
const figures: Record<WorkloadName, Record<Kind, number>> = {
  start: { process: 45_000, thread: 9_000, coroutine: 1.2, greenlet: 2.5 },
  switch: { process: 60, thread: 12, coroutine: 0.3, greenlet: 0.4 },
  memory: { process: 40 * 2 ** 20, thread: 7 * 2 ** 20, coroutine: 600, greenlet: 900 },
  cpu: { process: 1.8, thread: 1.9, coroutine: 0.98, greenlet: 0.97 },
  io: { process: 2500, thread: 2800, coroutine: 3900, greenlet: 3700 },
  sleep: { process: 260, thread: 255, coroutine: 12, greenlet: 13 },
};

export function measurement(workload: WorkloadName, kind: Kind, placement: Placement, value = figures[workload][kind]): Measurement {
  return { workload, kind, placement, value, unit: units[workload], runs: 3, spread: 0.05, wallMs: 100, cpuMs: 90, peakRssBytes: 5e7, note: `${kind} note` };
}

/** A report over both placements with the fixed figures, `override` applied. */
export function fixedReport(override: (m: Measurement) => Measurement = (m) => m, load: MachineLoad = quiet): Report {
  const placements = [pinned, spread];
  const results: Measurement[] = [];
  for (const placement of placements) {
    for (const workload of Object.keys(figures) as WorkloadName[]) {
      for (const kind of ['process', 'thread', 'coroutine', 'greenlet'] as const) {
        const m = measurement(workload, kind, placement);
        results.push(override(placement.name === 'pinned' && workload === 'cpu' ? { ...m, value: kind === 'process' || kind === 'thread' ? 0.95 : 0.97 } : m));
      }
    }
  }
  const python = [{ placement: spread, speedup: 0.98, python: 'Python 3.11.2' }];
  return { machine: { cpu: 'Test CPU', cpus: 2, node: 'v20.20.2', platform: 'linux/x64' }, quick: true, placements, results, python, claims: evaluateClaims(results, placements, python, load), load };
}
