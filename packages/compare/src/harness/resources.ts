import { readFileSync, readdirSync } from 'node:fs';

/** CPU time and peak resident memory of this process and every process it started. */
export interface ResourceUse {
  /** User + system CPU milliseconds, threads and reaped children included. */
  cpuMs: number;
  /** The highest sum of resident set sizes seen across this process and its live children. */
  peakRssBytes: number;
}

const linux = process.platform === 'linux';
const TICKS_PER_SECOND = 100;

/** CPU ms of children that have exited and been reaped (fields cutime + cstime of /proc/self/stat). */
function reapedChildrenCpuMs(): number {
  if (!linux) return 0;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) {
        found.push(Number(child), ...descendants(Number(child)));
      }
    }
  } catch {
    // the process ended while we looked
  }
  return found;
}

function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident bytes of this process plus all its live descendants (Linux; elsewhere this process only). */
export function treeRss(): number {
  let total = process.memoryUsage.rss();
  if (linux) for (const pid of descendants(process.pid)) total += rssOf(pid);
  return total;
}

/**
 * Start measuring; `stop()` returns what was used since. The tree's RSS is sampled at the start,
 * every 10 ms (less often while the event loop is busy) and at the end.
 */
export function meterResources(): { stop(): ResourceUse } {
  const cpuStart = process.cpuUsage();
  const childrenStart = reapedChildrenCpuMs();
  let peak = treeRss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, treeRss());
  }, 10);
  sampler.unref();
  return {
    stop() {
      clearInterval(sampler);
      peak = Math.max(peak, treeRss());
      const cpu = process.cpuUsage(cpuStart);
      return { cpuMs: (cpu.user + cpu.system) / 1000 + reapedChildrenCpuMs() - childrenStart, peakRssBytes: peak };
    },
  };
}
