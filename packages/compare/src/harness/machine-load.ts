// Is the machine busy with something else? A figure taken while another process competes for the
// CPUs is not evidence: the harness samples the machine whenever it is itself idle (before it
// starts, between measurements) and reports what it saw beside the figures.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/**
 * What the harness saw of other work on the machine, and whether it is too much to trust timing.
 *
 * @example
 * ```ts
 * const load: MachineLoad = { busy: true, loadAverage: 2.1, othersCpu: 0.98, steal: 0, reasons: ['other work kept CPU 0 98% busy while the harness was idle'] };
 * ```
 */
export interface MachineLoad {
  /** True when timing figures may be wrong: their claims are then inconclusive. */
  readonly busy: boolean;
  /** The 1-minute load average when the run started. */
  readonly loadAverage: number;
  /** The highest share (0–1) of one measured CPU's time that other work used while the harness was idle. */
  readonly othersCpu: number;
  /** Share of CPU time stolen by the hypervisor over the run (0–1), from /proc/stat. */
  readonly steal: number;
  /** Why the machine counts as busy, in words (empty when it does not). */
  readonly reasons: readonly string[];
}

/** A CPU counts as taken when other work kept it busy more than this share of the time. */
export const BUSY_CPU = 0.5;
/** Stolen share above which the machine is busy. */
export const BUSY_STEAL = 0.05;

interface CpuTimes {
  readonly total: number;
  readonly idle: number;
  readonly steal: number;
}

/** Jiffies per CPU from /proc/stat (`all` is the aggregate line), or undefined off Linux. */
function cpuTimes(): Map<string, CpuTimes> | undefined {
  try {
    const times = new Map<string, CpuTimes>();
    for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
      if (!line.startsWith('cpu')) continue;
      const [name, ...rest] = line.trim().split(/\s+/);
      // user nice system idle iowait irq softirq steal (guest time is already inside user)
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = rest.map(Number);
      times.set(name === 'cpu' ? 'all' : name!.slice(3), { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, steal });
    }
    return times;
  } catch {
    return undefined;
  }
}

/**
 * Watches the CPUs a comparison uses: `sample(ms)` while the harness itself is idle (whatever
 * keeps a CPU busy meanwhile is someone else's work), `result()` at the end.
 */
export class LoadMonitor {
  private readonly start = cpuTimes();
  private readonly loadAverage = loadavg()[0] ?? 0;
  private othersCpu = 0;
  private busiest = '';

  /** @param cpus - the CPUs measurements run on (default all). */
  constructor(private readonly cpus?: readonly number[]) {}

  /** Watch for `ms` while the harness does nothing. */
  async sample(ms: number): Promise<void> {
    const before = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const after = cpuTimes();
    if (!before || !after) return;
    for (const [name, end] of after) {
      if (name === 'all' || (this.cpus && !this.cpus.includes(Number(name)))) continue;
      const begin = before.get(name);
      if (!begin || end.total <= begin.total) continue;
      const busy = 1 - (end.idle - begin.idle) / (end.total - begin.total);
      if (busy > this.othersCpu) {
        this.othersCpu = busy;
        this.busiest = name;
      }
    }
  }

  result(): MachineLoad {
    const end = cpuTimes()?.get('all');
    const start = this.start?.get('all');
    const steal = start && end && end.total > start.total ? (end.steal - start.steal) / (end.total - start.total) : 0;
    const cpus = availableParallelism();
    const reasons: string[] = [];
    if (this.othersCpu > BUSY_CPU) reasons.push(`other work kept CPU ${this.busiest} ${Math.round(this.othersCpu * 100)}% busy while the harness was idle`);
    if (steal > BUSY_STEAL) reasons.push(`the hypervisor stole ${Math.round(steal * 100)}% of the CPU time`);
    if (this.loadAverage > cpus * 0.75) reasons.push(`the load average was ${this.loadAverage.toFixed(2)} on ${cpus} CPUs when the run started`);
    return { busy: reasons.length > 0, loadAverage: this.loadAverage, othersCpu: this.othersCpu, steal, reasons };
  }
}
