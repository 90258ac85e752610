import { execFile } from 'node:child_process';
import { availableParallelism, cpus as cpuInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { evaluateClaims, type Claim } from './claims.js';
import { startHttpServer } from './http-server.js';
import { kinds as allKinds, type Kind } from './kinds.js';
import type { MeasureRequest } from './measure-entry.js';
import type { Measurement, Placement } from './measurement.js';
import { choosePlacements } from './placement.js';
import { measurePythonThreads, type PythonThreads } from './python-threads.js';
import { workloads as allWorkloads } from './workloads/index.js';
import type { WorkloadName } from './workload.js';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('./compare-measure.js', import.meta.url));

/**
 * What to measure and how often.
 *
 * @example
 * ```ts
 * const options: ComparisonOptions = { quick: true, placements: ['pinned'], workloads: ['switch', 'spawn'] };
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
}

async function measureInChild(request: MeasureRequest): Promise<Measurement> {
  const node = [process.execPath, '--expose-gc', entry, JSON.stringify(request)];
  const [command, args] = request.placement.cpus ? ['taskset', ['-c', request.placement.cpus, ...node]] : [node[0]!, node.slice(1)];
  const { stdout } = await run(command, args, { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`measuring ${request.workload} on ${request.kind} failed: ${error.stderr?.trim() || error.message}`, { cause: error });
  });
  const line = stdout.split('\n').find((l) => l.startsWith('@@measurement '));
  if (!line) throw new Error(`measuring ${request.workload} on ${request.kind} printed no result:\n${stdout}`);
  return JSON.parse(line.slice('@@measurement '.length)) as Measurement;
}

/**
 * Measure every workload on every kind of unit under each CPU placement, one fresh process per
 * measurement, and check the seed's claims against the figures.
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
  const workloads = allWorkloads.filter((w) => !options.workloads || options.workloads.includes(w.name));
  const server = await startHttpServer(quick ? 2 : 5);
  const results: Measurement[] = [];
  const python: PythonThreads[] = [];
  const pythonPlacements = workloads.some((w) => w.name === 'cpu') && options.python !== false ? placements.filter((p) => p.count >= 2) : [];
  const total = placements.length * workloads.length * kinds.length + pythonPlacements.length;
  try {
    for (const placement of placements) {
      for (const workload of workloads) {
        for (const kind of kinds) {
          options.onProgress?.(results.length, total, `${workload.name} · ${kind} · ${placement.name}`);
          results.push(await measureInChild({ workload: workload.name, kind, placement, quick, runs, url: server.url }));
        }
      }
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
  return {
    machine: { cpu: cpuInfo()[0]?.model.trim() ?? 'unknown', cpus: availableParallelism(), node: process.version, platform: `${process.platform}/${process.arch}` },
    quick,
    placements,
    results,
    python,
    claims: evaluateClaims(results, placements, python),
  };
}
