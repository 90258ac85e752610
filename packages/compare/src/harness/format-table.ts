import type { Claim } from './claims.js';
import { physicalProblem, SPREAD_BOUND, type Measurement } from './measurement.js';
import { formatValue } from './format-value.js';
import { kinds } from './kinds.js';
import { describePlacement } from './placement.js';
import type { Report } from './run-comparison.js';
import { workloads } from './workloads/index.js';
import { renderTable, wrapText } from './text-table.js';

/** What one run of a measurement cost: wall time, CPU time (children included) and peak RSS. */
const costOf = (m: Measurement) => `${formatValue(m.wallMs, 'ms')} · ${formatValue(m.cpuMs, 'ms')} CPU · ${formatValue(m.peakRssBytes, 'bytes')}`;

/** How far a figure varied over its runs, as ± half its spread (nothing for a single run). */
const spreadNote = (m: Measurement) => (m.runs < 2 ? '' : ` ±${Math.round((m.spread * 100) / 2)}%`);

/** A figure with its spread, and a mark when it cannot be physically true. */
const figureCell = (m: Measurement) => `${formatValue(m.value, m.unit)}${spreadNote(m)}${physicalProblem(m) ? ' (impossible)' : ''}`;

/**
 * Rows of workload × placement, one column per kind, as text cells: the figures with their spread,
 * or with `cell` something else about each measurement.
 */
export function tableRows(report: Report, cell: (m: Measurement) => string = figureCell): { head: string[]; rows: string[][] } {
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

const mark = (claim: Claim) => ({ confirmed: '✔ confirmed', refuted: '✘ refuted', inconclusive: '? inconclusive' })[claim.verdict];

/** The warning printed above everything when the machine was busy (empty when it was not). */
function loadWarning(report: Report): string[] {
  if (!report.load?.busy) return [];
  return [`⚠ The machine was busy: ${report.load.reasons.join('; ')}. Timing figures may be wrong; their claims are inconclusive.`, ''];
}

/**
 * Options of {@link formatTable}.
 *
 * @example
 * ```ts
 * const options: TableOptions = { width: process.stdout.columns ?? 100 };
 * ```
 */
export interface TableOptions {
  /** The widest the text may be, in terminal columns; default 100. */
  readonly width?: number;
}

/**
 * The report as terminal text, at most `width` columns wide: a load warning when the machine was
 * busy, the figures table (each figure with ± its spread over runs), then each claim with its
 * verdict, evidence and, when inconclusive, why.
 *
 * @example
 * ```ts
 * console.log(formatTable(await runComparison({ quick: true }), { width: process.stdout.columns ?? 100 }));
 * ```
 */
export function formatTable(report: Report, options: TableOptions = {}): string {
  const width = Math.max(40, options.width ?? 100);
  const { head, rows } = tableRows(report);
  const figures = renderTable(head, rows, width);
  const claimRows = report.claims.map((c) => [mark(c), `${c.claim}\n${c.seed}`, c.why ? `${c.evidence}\n— inconclusive: ${c.why}` : c.evidence, c.placement]);
  const claims = renderTable(['verdict', 'claim (seed)', 'evidence', 'placement'], claimRows, width);
  const where = report.placements.map(describePlacement).join('; ');
  const text = (lines: string[]) => lines.map((line) => wrapText(line, width));
  return [...text(loadWarning(report)), figures, ...text(pythonLines(report)), '', ...text([`The seed's summary, checked (${where}):`]), claims].join('\n');
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
  const verdict = { confirmed: '✅ confirmed', refuted: '❌ refuted', inconclusive: '❔ inconclusive' };
  for (const c of report.claims) out.push(line([verdict[c.verdict], c.claim, c.seed, c.why ? `${c.evidence} (inconclusive: ${c.why})` : c.evidence, c.placement]));
  out.splice(rows.length + 2, 0, ...pythonLines(report).map((l) => `\n${l}`));
  const cost = tableRows(report, costOf);
  out.push('', 'What one run cost (wall time · CPU time, children included · peak RSS of the measuring process and its children):', '');
  out.push(line(cost.head), line(cost.head.map(() => '---')), ...cost.rows.map(line), '');
  const runs = Math.min(...report.results.map((m) => m.runs));
  out.unshift(...loadWarning(report));
  const repeat = runs >= 2 ? `, more (up to three times as many) while a figure varied beyond ±${(SPREAD_BOUND * 50).toFixed(1)}%; ± is half the spread over the runs` : '';
  out.push('', `Medians of ${runs} run${runs === 1 ? '' : 's'} per figure${repeat}${report.quick ? ' (quick mode: one Node process per placement)' : '; each figure measured in a fresh Node process'}; ${report.placements.map(describePlacement).join('; ')}.`);
  return `${out.join('\n')}\n`;
}
