import { describe, expect, it } from 'vitest';
import { fixedReport } from '../../test/fixed-report.js';
import { evaluateClaims } from './claims.js';

describe('claims', () => {
  it('confirms every line of the seed summary when the figures agree with it', () => {
    const { claims } = fixedReport();
    expect(claims.every((c) => c.verdict === 'confirmed')).toBe(true);
    expect(new Set(claims.map((c) => c.seed)).size).toBe(9);
  });

  it('checks each claim per placement and leaves speed-up claims out on one CPU', () => {
    const { claims } = fixedReport();
    const speedUps = claims.filter((c) => c.claim.includes('speed'));
    expect(speedUps.map((c) => c.placement)).toEqual(['spread over CPUs 0-1', 'spread over CPUs 0-1', 'spread over CPUs 0-1']);
    const handOff = claims.filter((c) => c.claim.startsWith('Hand-off: a process'));
    expect(handOff.map((c) => c.placement)).toEqual(['pinned to CPU 0', 'spread over CPUs 0-1']);
  });

  it('gives the figures as evidence', () => {
    const claim = fixedReport().claims.find((c) => c.claim.startsWith('Hand-off: a process'))!;
    expect(claim).toEqual({
      claim: 'Hand-off: a process round trip costs more than a thread round trip',
      seed: '进程切换需要的资源很最大，效率很低',
      verdict: 'confirmed',
      evidence: 'process 60.0 µs vs thread 12.0 µs per round trip (5.00×)',
      placement: 'pinned to CPU 0',
    });
    const memory = fixedReport().claims.find((c) => c.claim.startsWith('Coroutines hold'))!;
    expect(memory.evidence).toBe('idle units per MiB: coroutines 1,747, greenlets 1,165, threads 0.14, processes 0.025');
  });

  it('refutes a claim the figures contradict: a process hand-off faster than a thread hand-off', () => {
    const report = fixedReport((m) => (m.workload === 'switch' && m.kind === 'process' ? { ...m, value: 8 } : m));
    const claim = report.claims.find((c) => c.claim.startsWith('Hand-off: a process') && c.placement.startsWith('pinned'))!;
    expect(claim.verdict).toBe('refuted');
    expect(claim.evidence).toBe('process 8.00 µs vs thread 12.0 µs per round trip (0.67×)');
  });

  it('refutes the parallelism claim when coroutines speed up or threads do not', () => {
    const report = fixedReport((m) => (m.workload === 'cpu' && m.kind === 'thread' && m.placement.name === 'spread' ? { ...m, value: 1.05 } : m));
    const claim = report.claims.find((c) => c.claim.startsWith('Processes and threads speed'))!;
    expect(claim.verdict).toBe('refuted');
    expect(claim.evidence).toBe('speed-up on 2 CPUs: processes 1.80×, threads 1.05×, coroutines 0.98×');
  });

  it("checks the GIL line against Python's threads and Node's worker threads", () => {
    const claim = fixedReport().claims.find((c) => c.seed.startsWith('Python'))!;
    expect([claim.verdict, claim.evidence]).toEqual(['confirmed', 'speed-up on 2 CPUs: Python 3.11.2 threads 0.98×, Node worker threads 1.90×']);
    const { results, placements } = fixedReport();
    const free = evaluateClaims(results, placements, [{ placement: placements[1]!, speedup: 1.9, python: 'Python 3.13t' }]);
    expect(free.find((c) => c.seed.startsWith('Python'))!.verdict).toBe('refuted');
    expect(evaluateClaims(results, placements).some((c) => c.seed.startsWith('Python'))).toBe(false);
  });

  it('calls a negative memory figure impossible, never evidence (−568 B per coroutine, issue 13)', () => {
    const report = fixedReport((m) => (m.workload === 'memory' && m.kind === 'coroutine' ? { ...m, value: -568 } : m));
    const memory = report.claims.find((c) => c.claim.startsWith('Coroutines hold') && c.placement.startsWith('pinned'))!;
    expect([memory.verdict, memory.why]).toEqual(['inconclusive', 'memory on coroutine: -568 bytes is negative']);
  });

  it('calls a speed-up beyond the CPUs given impossible (Python threads 2.21× on 2 CPUs, issue 13)', () => {
    const { results, placements } = fixedReport();
    const claims = evaluateClaims(results, placements, [{ placement: placements[1]!, speedup: 2.21, python: 'Python 3.11.2' }]);
    const gil = claims.find((c) => c.seed.startsWith('Python'))!;
    expect([gil.verdict, gil.why]).toEqual(['inconclusive', 'a 2.21× speed-up of Python threads on 2 CPUs is impossible']);
    const report = fixedReport((m) => (m.workload === 'cpu' && m.kind === 'thread' && m.placement.name === 'spread' ? { ...m, value: 2.6 } : m));
    const parallel = report.claims.find((c) => c.claim.startsWith('Processes and threads speed'))!;
    expect([parallel.verdict, parallel.why]).toEqual(['inconclusive', 'cpu on thread: a 2.60× speed-up on 2 CPUs is impossible']);
  });

  it('calls a figure that varied beyond the bound over its runs inconclusive, with its spread', () => {
    const report = fixedReport((m) => (m.workload === 'switch' && m.kind === 'process' ? { ...m, spread: 0.9, runs: 15 } : m));
    const claim = report.claims.find((c) => c.claim.startsWith('Hand-off: a process') && c.placement.startsWith('pinned'))!;
    expect([claim.verdict, claim.why]).toEqual(['inconclusive', 'switch on process varied ±45% over 15 runs']);
  });

  it('makes timing claims inconclusive on a busy machine, and keeps memory claims', () => {
    const busy = { busy: true, loadAverage: 3.2, othersCpu: 0.5, steal: 0, reasons: ['other processes used 50% of the CPUs while the harness was idle'] };
    const report = fixedReport(undefined, busy);
    const handOff = report.claims.find((c) => c.claim.startsWith('Hand-off: a process'))!;
    expect([handOff.verdict, handOff.why]).toEqual(['inconclusive', 'the machine was busy: other processes used 50% of the CPUs while the harness was idle']);
    expect(report.claims.find((c) => c.claim.startsWith('A process is the unit'))!.verdict).toBe('confirmed');
  });

  it('leaves out a claim whose figures were not measured', () => {
    const { results, placements } = fixedReport();
    const claims = evaluateClaims(results.filter((m) => m.kind !== 'coroutine'), placements);
    expect(claims.some((c) => c.claim.includes('coroutine round trip'))).toBe(false);
    expect(claims.some((c) => c.claim.includes('greenlets'))).toBe(true);
  });
});
