import { beforeAll, describe, expect, it } from 'vitest';
import { findDemo } from '../registry.js';
import { captureDemo, type DemoOutput } from '../run-demo.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const work = (lines: string[]): string[] => lines.filter((line) => /^Work[12]---\d+$/.test(line));
const totals = (lines: string[]): number[] => lines.flatMap((line) => /^总耗时: (\d+(?:\.\d+)?)$/.exec(line)?.slice(1).map(Number) ?? []);
const linesOf = (output: DemoOutput): string[] => output.stdout.split('\n').filter((line) => line !== '');

describe('npm run demo -- gevent-sleep', () => {
  let output: DemoOutput;
  beforeAll(async () => {
    output = await captureDemo(findDemo('gevent-sleep'), 30_000);
  }, 40_000);

  it('exits 0 by itself and prints nothing on stderr', () => {
    expect([output.status, output.stderr]).toEqual([0, '']);
  });

  it('unpatched, work1 runs to the end before work2; after patchAll() the same code interleaves', () => {
    const sequential = [...range(10).map((i) => `Work1---${i}`), ...range(10).map((i) => `Work2---${i}`)];
    const alternating = range(10).flatMap((i) => [`Work1---${i}`, `Work2---${i}`]);
    expect(work(linesOf(output))).toEqual([...sequential, ...alternating]);
  });

  it("ends each run with the seed's 总耗时 line: ≈2.0 s unpatched, ≈1.0 s patched", () => {
    const [unpatched, patched] = totals(linesOf(output));
    expect(totals(linesOf(output))).toHaveLength(2);
    // Twenty 100 ms sleeps one after the other, then two greenlets sleeping side by side; generous upper bounds for a busy machine.
    expect(unpatched).toBeGreaterThanOrEqual(2.0);
    expect(unpatched).toBeLessThan(4);
    expect(patched).toBeGreaterThanOrEqual(1.0);
    expect(patched).toBeLessThan(1.9);
  });
});

describe('npm run demo -- gevent-http', () => {
  let output: DemoOutput;
  beforeAll(async () => {
    output = await captureDemo(findDemo('gevent-http'), 60_000);
  }, 70_000);

  it('exits 0 by itself and prints nothing on stderr', () => {
    expect([output.status, output.stderr]).toEqual([0, '']);
  });

  it('frames each run like the seed: >>>开始执行>>>, <<<执行结束<<<, 总耗时: <seconds>', () => {
    const frames = linesOf(output).filter((line) => /^(>>>开始执行>>>|<<<执行结束<<<|总耗时: )/.test(line));
    expect(frames.map((line) => line.replace(/^总耗时: \d+(\.\d+)?$/, '总耗时: …'))).toEqual(['>>>开始执行>>>', '<<<执行结束<<<', '总耗时: …', '>>>开始执行>>>', '<<<执行结束<<<', '总耗时: …']);
  });

  it('fetches all 100 URLs of the queue with 1 worker, then with 10', () => {
    expect(linesOf(output).filter((line) => line.startsWith('# '))).toEqual(['# 1 worker: 100 URLs fetched', '# 10 workers: 100 URLs fetched']);
  });
});
