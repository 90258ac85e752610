/**
 * The seed's closing comparison of processes, threads and coroutines, measured instead of argued:
 * a short run of @coro/compare's harness (the `coro-compare --quick` CLI does the same), then each
 * line of the seed's summary, confirmed, refuted or inconclusive (a busy machine, an impossible or
 * unstable figure) with the figures.
 */
import { formatTable, runComparison } from '@coro/compare';

console.log('进程、线程、协程对比 — measured on this machine, spread over all CPUs, one run per figure');
console.log('(`npx coro-compare` repeats each figure and adds a run pinned to one CPU)\n');
const report = await runComparison({ quick: true, runs: 1, placements: ['spread'] });
console.log(formatTable(report, { width: process.stdout.isTTY ? (process.stdout.columns ?? 100) : 100 }));
const count = (verdict: string) => report.claims.filter((c) => c.verdict === verdict).length;
const inconclusive = count('inconclusive');
console.log(`\n${count('confirmed')} of ${report.claims.length} checks confirm the seed's summary${inconclusive > 0 ? `; ${inconclusive} are inconclusive on this run` : ''}.`);
