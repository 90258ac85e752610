// Entry of a measurement process (a build entry of its own), started under `taskset` so every
// figure has a known CPU placement: one process per figure (a fresh heap each), or in quick mode
// one per placement.
import type { Kind } from './kinds.js';
import { median, SPREAD_BOUND, spreadOf, type Measurement, type Placement } from './measurement.js';
import { meterResources } from './resources.js';
import { findWorkload } from './workloads/index.js';
import type { WorkloadName } from './workload.js';

/** What the parent asks this process to measure. */
export interface MeasureRequest {
  workload: WorkloadName;
  kind: Kind;
  placement: Placement;
  quick: boolean;
  runs: number;
  url: string;
}

/**
 * Measure one workload on one kind: an optional warm-up, then `runs` metered runs, and up to twice
 * as many more while the figures spread beyond {@link SPREAD_BOUND} (a stable figure or an honest
 * spread, never one lucky run).
 */
async function measure(request: MeasureRequest): Promise<Measurement> {
  const workload = findWorkload(request.workload);
  const context = { quick: request.quick, cpus: request.placement.count, url: request.url };
  // Warm-up (JIT, module loading), except where it costs most and teaches least: starting
  // processes and threads again in quick mode.
  if (!request.quick || request.kind === 'coroutine' || request.kind === 'greenlet') await workload.run(request.kind, context);
  const values: number[] = [];
  const walls: number[] = [];
  const cpus: number[] = [];
  const peaks: number[] = [];
  let note = '';
  const most = request.runs >= 2 ? request.runs * 3 : 1;
  for (let i = 0; i < request.runs || (i < most && spreadOf(values) > SPREAD_BOUND); i++) {
    const meter = meterResources();
    const start = performance.now();
    const run = await workload.run(request.kind, context);
    walls.push(performance.now() - start);
    const use = meter.stop();
    values.push(run.value);
    cpus.push(use.cpuMs);
    peaks.push(use.peakRssBytes);
    note = run.note;
  }
  return {
    workload: request.workload,
    kind: request.kind,
    placement: request.placement,
    value: median(values),
    unit: workload.unit,
    runs: values.length,
    spread: spreadOf(values),
    wallMs: median(walls),
    cpuMs: median(cpus),
    peakRssBytes: median(peaks),
    note,
  };
}

// One line per measurement, as each is done, so the parent can show progress.
for (const request of JSON.parse(process.argv[2]!) as MeasureRequest[]) {
  process.stdout.write(`@@measurement ${JSON.stringify(await measure(request))}\n`);
}
