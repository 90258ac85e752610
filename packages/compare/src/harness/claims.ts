import type { Kind } from './kinds.js';
import type { MachineLoad } from './machine-load.js';
import { physicalProblem, stabilityProblem, type Measurement, type Placement } from './measurement.js';
import { describePlacement } from './placement.js';
import { formatValue } from './format-value.js';
import type { PythonThreads } from './python-threads.js';
import type { WorkloadName } from './workload.js';

/**
 * One line of the seed's summary checked against the figures of one placement.
 *
 * @example
 * ```ts
 * const claim: Claim = {
 *   claim: 'A process round trip costs more than a thread round trip',
 *   seed: '进程切换需要的资源很最大，效率很低',
 *   verdict: 'confirmed',
 *   evidence: 'process 61.2 µs vs thread 9.80 µs per round trip (6.24×)',
 *   placement: 'pinned to CPU 0',
 * };
 * ```
 */
export interface Claim {
  /** The claim, in English, as measured. */
  readonly claim: string;
  /** The line of the seed's summary it comes from. */
  readonly seed: string;
  /**
   * Whether the figures agree with the claim; `'inconclusive'` when they cannot decide it: a figure
   * that cannot be physically true, one that varied beyond the bound over its runs, or timing
   * taken on a busy machine (`why` says which).
   */
  readonly verdict: 'confirmed' | 'refuted' | 'inconclusive';
  /** Why the verdict is inconclusive (absent otherwise). */
  readonly why?: string;
  /** The figures that decided it. */
  readonly evidence: string;
  /** Where the figures were taken. */
  readonly placement: string;
}

type Lookup = (workload: WorkloadName, kind: Kind) => Measurement | undefined;

interface ClaimRule {
  readonly seed: string;
  readonly claim: string;
  /** undefined when this placement lacks the figures (or cannot test the claim: one CPU for a speed-up). */
  check(get: Lookup, placement: Placement, python: PythonThreads | undefined): { holds: boolean; evidence: string } | undefined;
}

/** Workloads whose figures are times or speed-ups: another process on the CPUs distorts them. */
const timed = new Set<WorkloadName>(['start', 'switch', 'cpu', 'io', 'sleep']);

const fig = (m: Measurement) => formatValue(m.value, m.unit);
const ratio = (a: Measurement, b: Measurement) => `${(a.value / b.value).toFixed(a.value / b.value >= 10 ? 0 : 2)}×`;

/** "a costs more than b" for a lower-is-better workload. */
function costsMore(workload: WorkloadName, a: Kind, b: Kind, what: string): ClaimRule['check'] {
  return (get) => {
    const [ma, mb] = [get(workload, a), get(workload, b)];
    if (!ma || !mb) return undefined;
    return { holds: ma.value > mb.value, evidence: `${a} ${fig(ma)} vs ${b} ${fig(mb)} ${what} (${ratio(ma, mb)})` };
  };
}

const SPEEDUP = 1.3;
const NO_SPEEDUP = 1.15;

/** The seed's summary, line by line, as claims the harness can test. */
export const claimRules: readonly ClaimRule[] = [
  {
    seed: '进程是资源分配的单位',
    claim: 'A process is the unit of resource allocation: an idle process holds more memory than an idle thread',
    check: costsMore('memory', 'process', 'thread', 'resident per idle unit'),
  },
  {
    seed: '线程是操作系统调度的单位',
    claim: `Threads are scheduled by the OS onto every CPU: CPU-bound work on threads speeds up (≥ ${SPEEDUP}×)`,
    check(get, placement) {
      const m = get('cpu', 'thread');
      if (!m || placement.count < 2) return undefined;
      return { holds: m.value >= SPEEDUP, evidence: `threads ${fig(m)} on ${placement.count} CPUs` };
    },
  },
  {
    seed: '进程切换需要的资源很最大，效率很低',
    claim: 'Hand-off: a process round trip costs more than a thread round trip',
    check: costsMore('switch', 'process', 'thread', 'per round trip'),
  },
  {
    seed: '线程切换需要的资源一般，效率一般',
    claim: 'Hand-off: a thread round trip costs more than a coroutine round trip',
    check: costsMore('switch', 'thread', 'coroutine', 'per round trip'),
  },
  {
    seed: '协程切换任务资源很小，效率高',
    claim: 'Hand-off: switching between greenlets costs less than a thread round trip',
    check: costsMore('switch', 'thread', 'greenlet', 'per round trip'),
  },
  {
    seed: '进程切换需要的资源很最大 / 线程切换需要的资源一般 / 协程切换任务资源很小',
    claim: 'Start-up: starting a process costs more than starting a thread, which costs more than starting a coroutine',
    check(get) {
      const [p, t, c] = [get('start', 'process'), get('start', 'thread'), get('start', 'coroutine')];
      if (!p || !t || !c) return undefined;
      return { holds: p.value > t.value && t.value > c.value, evidence: `process ${fig(p)}, thread ${fig(t)}, coroutine ${fig(c)} to start and finish one unit` };
    },
  },
  {
    seed: '协程切换任务资源很小，效率高',
    claim: 'Coroutines hold the most concurrent waits per megabyte (then threads, then processes)',
    check(get) {
      const [p, t, c, g] = [get('memory', 'process'), get('memory', 'thread'), get('memory', 'coroutine'), get('memory', 'greenlet')];
      if (!p || !t || !c) return undefined;
      const perMiB = (m: Measurement) => {
        const n = 2 ** 20 / m.value;
        return n >= 10 ? Math.floor(n).toLocaleString('en-US') : n.toPrecision(2);
      };
      const greenlets = g ? `, greenlets ${perMiB(g)}` : '';
      return {
        holds: c.value < t.value && t.value < p.value,
        evidence: `idle units per MiB: coroutines ${perMiB(c)}${greenlets}, threads ${perMiB(t)}, processes ${perMiB(p)}`,
      };
    },
  },
  {
    seed: '协程一般是利用一个线程等待资源到来的的时间，去执行其它的函数里面的代码',
    claim: 'Coroutines use the waiting time: many concurrent waits finish sooner on coroutines than on a pool of threads',
    check: costsMore('sleep', 'thread', 'coroutine', 'for the same waits'),
  },
  {
    seed: '多进程、多线程根据cpu核数不一样可能是并行的，但是协程是在一个线程中 所以是并发',
    claim: `Processes and threads speed CPU-bound work up across cores (≥ ${SPEEDUP}×); coroutines do not (≤ ${NO_SPEEDUP}×)`,
    check(get, placement) {
      const [p, t, c] = [get('cpu', 'process'), get('cpu', 'thread'), get('cpu', 'coroutine')];
      if (!p || !t || !c || placement.count < 2) return undefined;
      return {
        holds: p.value >= SPEEDUP && t.value >= SPEEDUP && c.value <= NO_SPEEDUP,
        evidence: `speed-up on ${placement.count} CPUs: processes ${fig(p)}, threads ${fig(t)}, coroutines ${fig(c)}`,
      };
    },
  },
  {
    seed: 'Python中的线程由于GIL的存在，多线程并不能实现真正的并行',
    claim: `Python's threads do not speed CPU-bound work up (≤ ${NO_SPEEDUP}×, the GIL); Node's worker threads do (≥ ${SPEEDUP}×)`,
    check(get, placement, python) {
      const t = get('cpu', 'thread');
      if (!t || !python || placement.count < 2) return undefined;
      return {
        holds: python.speedup <= NO_SPEEDUP && t.value >= SPEEDUP,
        evidence: `speed-up on ${placement.count} CPUs: ${python.python} threads ${python.speedup.toFixed(2)}×, Node worker threads ${fig(t)}`,
      };
    },
  },
];

/**
 * Check every claim against the figures of every placement (never mixing placements). A claim
 * is left out for a placement that lacks its figures or cannot test it. `python` holds Python's
 * thread figures for the seed's last line (the GIL), when python3 was there to measure them.
 *
 * @example
 * ```ts
 * for (const c of evaluateClaims(report.results, report.placements)) console.log(c.verdict, c.claim);
 * ```
 */
export function evaluateClaims(results: readonly Measurement[], placements: readonly Placement[], python: readonly PythonThreads[] = [], load?: MachineLoad): Claim[] {
  const claims: Claim[] = [];
  for (const rule of claimRules) {
    for (const placement of placements) {
      const used: Measurement[] = [];
      const get: Lookup = (workload, kind) => {
        const found = results.find((m) => m.workload === workload && m.kind === kind && m.placement.name === placement.name);
        if (found) used.push(found);
        return found;
      };
      const pythonFigure = python.find((p) => p.placement.name === placement.name);
      const outcome = rule.check(get, placement, pythonFigure);
      if (!outcome) continue;
      const problems = [...used.map(physicalProblem), ...used.map(stabilityProblem)].filter((p): p is string => p !== undefined);
      if (pythonFigure && rule.seed.includes('GIL') && pythonFigure.speedup > placement.count * 1.1) {
        problems.push(`a ${pythonFigure.speedup.toFixed(2)}× speed-up of Python threads on ${placement.count} CPUs is impossible`);
      }
      if (load?.busy && used.some((m) => timed.has(m.workload))) problems.push(`the machine was busy: ${load.reasons.join(', ')}`);
      const claim = { claim: rule.claim, seed: rule.seed, evidence: outcome.evidence, placement: describePlacement(placement) };
      if (problems.length > 0) claims.push({ ...claim, verdict: 'inconclusive', why: problems.join('; ') });
      else claims.push({ ...claim, verdict: outcome.holds ? 'confirmed' : 'refuted' });
    }
  }
  return claims;
}
