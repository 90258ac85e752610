import { spawn } from 'node:child_process';
import { availableParallelism, cpus as cpuInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { evaluateClaims, type Claim } from './claims.js';
import { startHttpServer } from './http-server.js';
import { kinds as allKinds, type Kind } from './kinds.js';
import { LoadMonitor, type MachineLoad } from './machine-load.js';
import type { MeasureRequest } from './measure-entry.js';
import type { Measurement, Placement } from './measurement.js';
import { choosePlacements, parseCpuList } from './placement.js';
import { measurePythonThreads, type PythonThreads } from './python-threads.js';
import { workloads as allWorkloads } from './workloads/index.js';
import type { WorkloadName } from './workload.js';

const entry = fileURLToPath(new URL('./compare-measure.js', import.meta.url));

/**
 * What to measure and how often.
 *
 * @example
 * ```ts
 * const options: ComparisonOptions = { quick: true, placements: ['pinned'], workloads: ['switch', 'start'] };
 * ```
 */
export interface ComparisonOptions {
  /** Fewer units, rounds and runs: for docs builds and demos (well under a minute on 2 CPUs). */
  readonly quick?: boolean;
  /** Which CPU placements to measure; default both. */
  readonly placements?: readonly ('pinned' | 'spread')[];
  /** The CPUs to use, as a `taskset -c` list; default all. Pinned uses the first. */
  readonly cpus?: string;
  /** Runs per measurement (the median is reported); default 1 quick, 5 otherwise. */
  readonly runs?: number;
  /** Which workloads; default all. */
  readonly workloads?: readonly WorkloadName[];
  /** Which kinds of unit; default all. */
  readonly kinds?: readonly Kind[];
  /** Also time two Python threads on the CPU workload (python3 needed); default true. */
  readonly python?: boolean;
  /** Called before each measurement starts and once at the end. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * Everything one comparison found: the machine, the placements, every measurement, and the
 * verdict on each claim of the seed's summary.
 *
 * @example
 * ```ts
 * const report: Report = await runComparison({ quick: true });
 * console.log(report.claims.map((c) => `${c.verdict}: ${c.claim}`).join('\n'));
 * ```
 */
export interface Report {
  /** Where it ran. */
  readonly machine: {
    /** The CPU model. */
    readonly cpu: string;
    /** Logical CPUs available. */
    readonly cpus: number;
    /** The Node version. */
    readonly node: string;
    /** `platform/arch`. */
    readonly platform: string;
  };
  /** Whether this was a quick run. */
  readonly quick: boolean;
  /** The placements measured, in order. */
  readonly placements: readonly Placement[];
  /** Every measurement: workload × kind × placement. */
  readonly results: readonly Measurement[];
  /** Python's threads on the CPU workload, per placement with two CPUs or more (empty without python3). */
  readonly python: readonly PythonThreads[];
  /** The seed's summary, line by line, checked per placement. */
  readonly claims: readonly Claim[];
  /** Other work seen on the machine; when `busy`, timing claims are inconclusive. */
  readonly load: MachineLoad;
}

/** Run `requests` in one measurement process under their placement; `onResult` hears each figure as it lands. */
function measureInChild(requests: readonly MeasureRequest[], onResult: (m: Measurement) => void): Promise<void> {
  const placement = requests[0]!.placement;
  const node = [process.execPath, '--expose-gc', entry, JSON.stringify(requests)];
  const [command, args] = placement.cpus ? ['taskset', ['-c', placement.cpus, ...node]] : [node[0]!, node.slice(1)];
  const what = requests.length === 1 ? `${requests[0]!.workload} on ${requests[0]!.kind}` : `the ${placement.name} placement`;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('@@measurement ')) onResult(JSON.parse(line.slice('@@measurement '.length)) as Measurement);
    });
    child.on('error', (error) => reject(new Error(`measuring ${what} could not start: ${error.message}`, { cause: error })));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`measuring ${what} failed (${signal ?? `exit code ${String(code)}`}): ${stderr.trim()}`));
    });
  });
}

/**
 * Measure every workload on every kind of unit under each CPU placement (one fresh process per
 * figure; in quick mode one per placement), and check the seed's claims against the figures.
 *
 * @example
 * ```ts
 * import { runComparison, formatTable } from '@coro/compare';
 *
 * const report = await runComparison({ quick: true });
 * console.log(formatTable(report));
 * ```
 */
export async function runComparison(options: ComparisonOptions = {}): Promise<Report> {
  const quick = options.quick ?? false;
  const runs = options.runs ?? (quick ? 1 : 5);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runComparison: options.runs must be an integer >= 1, got ${String(runs)}`);
  const placements = choosePlacements(options.placements ?? ['pinned', 'spread'], options.cpus);
  const kinds = options.kinds ?? allKinds;
  const measured = placements.flatMap((p) => (p.cpus ? parseCpuList(p.cpus) : []));
  const monitor = new LoadMonitor(measured.length > 0 ? measured : undefined);
  await monitor.sample(quick ? 300 : 1000); // before anything of ours runs
  const workloads = allWorkloads.filter((w) => !options.workloads || options.workloads.includes(w.name));
  const server = await startHttpServer(quick ? 2 : 5);
  const results: Measurement[] = [];
  const python: PythonThreads[] = [];
  const pythonPlacements = workloads.some((w) => w.name === 'cpu') && options.python !== false ? placements.filter((p) => p.count >= 2) : [];
  const total = placements.length * workloads.length * kinds.length + pythonPlacements.length;
  try {
    for (const placement of placements) {
      const requests = workloads.flatMap((workload) => kinds.map((kind): MeasureRequest => ({ workload: workload.name, kind, placement, quick, runs, url: server.url })));
      const label = (r: MeasureRequest | undefined) => (r ? `${r.workload} · ${r.kind} · ${placement.name}` : placement.name);
      let done = 0; // figures arrive in request order
      const onResult = (m: Measurement) => {
        results.push(m);
        options.onProgress?.(results.length, total, label(requests[++done]));
      };
      options.onProgress?.(results.length, total, label(requests[0]));
      // Quick mode measures a placement in one process; otherwise every figure gets a fresh one.
      if (quick) await measureInChild(requests, onResult);
      else {
        for (const request of requests) {
          await measureInChild([request], onResult);
          await monitor.sample(100);
        }
      }
      await monitor.sample(200);
    }
    for (const placement of pythonPlacements) {
      options.onProgress?.(results.length + python.length, total, `cpu · Python threads · ${placement.name}`);
      const figure = await measurePythonThreads(placement, quick);
      if (figure) python.push(figure);
    }
  } finally {
    await server.close();
  }
  options.onProgress?.(total, total, 'done');
  const load = monitor.result();
  return {
    machine: { cpu: cpuInfo()[0]?.model.trim() ?? 'unknown', cpus: availableParallelism(), node: process.version, platform: `${process.platform}/${process.arch}` },
    quick,
    placements,
    results,
    python,
    claims: evaluateClaims(results, placements, python, load),
    load,
  };
}
