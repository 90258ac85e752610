import { beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, howToEnable } from './demos/local-redis.js';
import { parseSpeedUpLine } from './demos/speed-up.js';
import { demos } from './registry.js';
import { captureScript, type DemoOutput } from './run-demo.js';
import { inTourOrder, parseHeadingLine, seedOrder } from './tour-order.js';

/** What a reader must see in each demo's output (architecture §5), given the lines it printed. */
type Expectation = (lines: string[]) => void;

const workLines = (lines: string[]): string[] => lines.filter((line) => /^Work[12]---\d+$/.test(line));
const sequential = [...range(10).map((i) => `Work1---${i}`), ...range(10).map((i) => `Work2---${i}`)];
const alternating = range(10).flatMap((i) => [`Work1---${i}`, `Work2---${i}`]);

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Seconds from the seed's `count_time` line, `总耗时: <seconds>`. */
function totals(lines: string[]): number[] {
  return lines.flatMap((line) => {
    const match = /^总耗时: ?(\d+(?:\.\d+)?)/.exec(line);
    return match?.[1] ? [Number(match[1])] : [];
  });
}

const expectations: Record<string, Expectation> = {
  generators(lines) {
    expect(workLines(lines)).toEqual(alternating);
  },
  greenlet(lines) {
    const expected = range(10).flatMap((i) => [String(i), '切换到g2', String(i + 10), '切换到g1']);
    expect(lines.filter((line) => /^(\d+|切换到g[12])$/.test(line))).toEqual(expected);
  },
  'gevent-sleep'(lines) {
    expect(workLines(lines)).toEqual([...sequential, ...alternating]);
    const [unpatched, patched] = totals(lines);
    expect(totals(lines)).toHaveLength(2);
    // Twenty 100 ms sleeps one after the other, then two workers sleeping side by side; generous bounds for a busy CI.
    expect(unpatched).toBeGreaterThanOrEqual(1.9);
    expect(unpatched).toBeLessThan(4);
    expect(patched).toBeGreaterThanOrEqual(0.95);
    expect(patched).toBeLessThan(1.8);
    // The seed's work1 runs to the end before work2 starts only without the patch.
    expect(lines.indexOf('Work2---0')).toBeGreaterThan(lines.indexOf('Work1---9'));
  },
  'gevent-http'(lines) {
    const frames = lines.filter((line) => /^(>>>开始执行>>>|<<<执行结束<<<|总耗时: )/.test(line));
    expect(frames.map((line) => line.replace(/^总耗时: .*/, '总耗时: …'))).toEqual([
      '>>>开始执行>>>',
      '<<<执行结束<<<',
      '总耗时: …',
      '>>>开始执行>>>',
      '<<<执行结束<<<',
      '总耗时: …',
    ]);
    expect(totals(lines)).toHaveLength(2);
    // Each run fetches all 100 URLs of the seed's queue, and the demo says so: with 1 worker, then with 10.
    const counts = lines.filter((line) => /\b1 worker\b|\b10 workers\b/.test(line));
    expect(counts).toHaveLength(2);
    expect(counts[0]).toMatch(/\b1 worker\b.*\b100\b/);
    expect(counts[1]).toMatch(/\b10 workers\b.*\b100\b/);
  },
  compare(lines) {
    // A measured table: every workload of the seed's summary, for every kind of unit.
    const text = lines.join('\n').toLowerCase();
    for (const measure of ['start', 'switch', 'memory', 'cpu-bound', 'i/o-bound']) expect(text).toContain(measure);
    for (const kind of ['process', 'thread', 'coroutine', 'greenlet']) expect(text).toContain(kind);
    // And, for each claim of the seed's summary, whether the numbers confirm it.
    expect(text).toMatch(/confirmed|refuted/);
    expect(lines.some((line) => /^\d+ of \d+ checks confirm the seed's summary(; \d+ are inconclusive on this run)?\.$/.test(line.trim()))).toBe(true);
  },
  distributed(lines) {
    // Without Redis the tour goes on after one line saying how to enable it; with it, a measured speed-up.
    if (!process.env.REDIS_URL && findRedisServer() === undefined) {
      expect(lines.filter((line) => line !== '')).toEqual([howToEnable]);
      return;
    }
    expect(lines.filter((line) => /^[12] coro-workers? *: 16 jobs in .* jobs\/s$/.test(line))).toHaveLength(2);
    const speedUps = lines.flatMap((line) => parseSpeedUpLine(line) ?? []);
    expect(speedUps).toHaveLength(1);
    expect(speedUps[0]!.ratio).toBeGreaterThan(0);
  },
};

/** The tour's output, split into the lines each demo printed under its heading. */
function sections(output: DemoOutput): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.stdout.split('\n')) {
    const name = parseHeadingLine(line);
    if (name !== undefined) result.set(name, (current = []));
    else current?.push(line.trimEnd());
  }
  return result;
}

describe('the tour (npm start)', () => {
  let tour: DemoOutput;
  let byDemo: Map<string, string[]>;

  beforeAll(async () => {
    tour = await captureScript(['--import', 'tsx', 'src/tour.ts'], 280_000);
    byDemo = sections(tour);
  }, 300_000);

  it('runs every registered demo under its heading, in the order of the seed, and exits 0', () => {
    expect(tour.stderr).toBe('');
    expect(tour.status).toBe(0);
    expect([...byDemo.keys()]).toEqual(inTourOrder(demos).map((demo) => demo.name));
  });

  it('knows what a reader must see for every registered demo', () => {
    expect(demos.map((demo) => demo.name).filter((name) => !(name in expectations))).toEqual([]);
  });

  it.each(inTourOrder(demos).map((demo) => demo.name))('shows what the seed promises: %s', (name) => {
    const lines = byDemo.get(name);
    expect(lines, `no output under the heading of ${name}`).toBeDefined();
    expectations[name]?.(lines ?? []);
  });
});

describe('tour order', () => {
  it('follows the seed whatever order the registry lists demos in, unknown demos last', () => {
    const demo = (name: string) => ({ name, heading: name, file: `${name}.ts` });
    const shuffled = ['extra', 'compare', 'greenlet', 'generators', 'gevent-http', 'gevent-sleep'].map(demo);
    expect(inTourOrder(shuffled).map((d) => d.name)).toEqual([...seedOrder, 'extra']);
  });
});
