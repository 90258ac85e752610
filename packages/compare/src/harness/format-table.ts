import Table from 'cli-table3';
import type { Claim } from './claims.js';
import type { Measurement } from './measurement.js';
import { formatValue } from './format-value.js';
import { kinds } from './kinds.js';
import { describePlacement } from './placement.js';
import type { Report } from './run-comparison.js';
import { workloads } from './workloads/index.js';

/** What one run of a measurement cost: wall time, CPU time (children included) and peak RSS. */
const costOf = (m: Measurement) => `${formatValue(m.wallMs, 'ms')} · ${formatValue(m.cpuMs, 'ms')} CPU · ${formatValue(m.peakRssBytes, 'bytes')}`;

/**
 * Rows of workload × placement, one column per kind, as text cells: the figures, or with `cell`
 * something else about each measurement.
 */
export function tableRows(report: Report, cell: (m: Measurement) => string = (m) => formatValue(m.value, m.unit)): { head: string[]; rows: string[][] } {
  const present = kinds.filter((k) => report.results.some((m) => m.kind === k));
  const head = ['workload', 'placement', ...present];
  const rows: string[][] = [];
  for (const workload of workloads) {
    for (const placement of report.placements) {
      const cells = present.map((kind) => {
        const m = report.results.find((r) => r.workload === workload.name && r.kind === kind && r.placement.name === placement.name);
        return m ? cell(m) : '—';
      });
      if (cells.every((c) => c === '—')) continue;
      rows.push([`${workload.title} (${workload.better} is better)`, describePlacement(placement), ...cells]);
    }
  }
  return { head, rows };
}

/** The Python figure, said in words under the table (it is not a kind of unit of its own). */
function pythonLines(report: Report): string[] {
  return report.python.map((p) => `${p.python}: two threads on the same CPU-bound work ran ${p.speedup.toFixed(2)}× as fast as one loop (${describePlacement(p.placement)}).`);
}

/** Chinese has no spaces to wrap at: break it every `chars` characters (each is two columns wide). */
function breakWide(text: string, chars: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += chars) lines.push(text.slice(i, i + chars));
  return lines.join('\n');
}

const mark = (claim: Claim) => (claim.verdict === 'confirmed' ? '✔ confirmed' : '✘ refuted');

/**
 * The report as terminal text: the figures table, then each claim with its verdict and evidence.
 *
 * @example
 * ```ts
 * console.log(formatTable(await runComparison({ quick: true })));
 * ```
 */
export function formatTable(report: Report): string {
  const { head, rows } = tableRows(report);
  const figures = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  figures.push(...rows);
  const claims = new Table({ head: ['verdict', 'claim (seed)', 'evidence', 'placement'], style: { head: [], border: [] }, colWidths: [13, 48, 48, 22], wordWrap: true });
  for (const c of report.claims) claims.push([mark(c), `${c.claim}\n${breakWide(c.seed, 22)}`, c.evidence, c.placement]);
  const where = report.placements.map(describePlacement).join('; ');
  return `${figures.toString()}\n${pythonLines(report).join('\n')}\n\nThe seed's summary, checked (${where}):\n${claims.toString()}`;
}

/**
 * The report as Markdown: a table of figures, then the claims as a table with verdicts.
 *
 * @example
 * ```ts
 * writeFileSync('compare.md', formatMarkdown(report));
 * ```
 */
export function formatMarkdown(report: Report): string {
  const { head, rows } = tableRows(report);
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
  const out = [line(head), line(head.map(() => '---')), ...rows.map(line), ''];
  out.push(line(['verdict', 'claim', 'seed', 'evidence', 'placement']), line(['---', '---', '---', '---', '---']));
  for (const c of report.claims) out.push(line([c.verdict === 'confirmed' ? '✅ confirmed' : '❌ refuted', c.claim, c.seed, c.evidence, c.placement]));
  out.splice(rows.length + 2, 0, ...pythonLines(report).map((l) => `\n${l}`));
  const cost = tableRows(report, costOf);
  out.push('', 'What one run cost (wall time · CPU time, children included · peak RSS of the measuring process and its children):', '');
  out.push(line(cost.head), line(cost.head.map(() => '---')), ...cost.rows.map(line), '');
  const runs = report.results[0]?.runs ?? 0;
  out.push('', `Medians of ${runs} run${runs === 1 ? '' : 's'} per figure${report.quick ? ' (quick mode: one Node process per placement)' : '; each figure measured in a fresh Node process'}; ${report.placements.map(describePlacement).join('; ')}.`);
  return `${out.join('\n')}\n`;
}
