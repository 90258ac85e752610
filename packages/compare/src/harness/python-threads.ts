import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Placement } from './measurement.js';

const run = promisify(execFile);

/**
 * CPU-bound speed-up of two Python threads over one loop, for the seed's last line (the GIL keeps
 * Python's threads from running in parallel).
 *
 * @example
 * ```ts
 * const figure: PythonThreads = { placement: { name: 'spread', cpus: '0-1', count: 2 }, speedup: 0.98, python: 'Python 3.11.2' };
 * ```
 */
export interface PythonThreads {
  /** Where the Python process ran. */
  readonly placement: Placement;
  /** Time of one loop over the time of the same work split over two threads. */
  readonly speedup: number;
  /** `python3 --version`. */
  readonly python: string;
}

const script = `
import json, sys, threading, time
def count(lo, hi):
    found = 0
    for n in range(max(lo, 2), hi):
        d, prime = 2, True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        found += prime
    return found
limit = int(sys.argv[1])
count(0, limit // 10)
start = time.perf_counter(); count(0, limit); serial = time.perf_counter() - start
threads = [threading.Thread(target=count, args=(i * limit // 2, (i + 1) * limit // 2)) for i in range(2)]
start = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"speedup": serial / (time.perf_counter() - start), "python": sys.version.split()[0]}))
`;

/** Measure with `python3` under `placement`; undefined when python3 is not installed. */
export async function measurePythonThreads(placement: Placement, quick: boolean): Promise<PythonThreads | undefined> {
  const python = ['python3', '-c', script, String(quick ? 20_000 : 60_000)];
  const [command, args] = placement.cpus ? ['taskset', ['-c', placement.cpus, ...python]] : [python[0]!, python.slice(1)];
  try {
    const { stdout } = await run(command, args, { timeout: 120_000 });
    const { speedup, python: version } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { speedup: number; python: string };
    return { placement, speedup, python: `Python ${version}` };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`measuring Python threads failed: ${(error as Error & { stderr?: string }).stderr?.trim() || (error as Error).message}`, { cause: error });
  }
}
