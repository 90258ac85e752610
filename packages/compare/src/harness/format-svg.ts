import { formatValue } from './format-value.js';
import { kinds } from './kinds.js';
import type { Measurement } from './measurement.js';
import { describePlacement } from './placement.js';
import type { Report } from './run-comparison.js';
import { workloads } from './workloads/index.js';

const WIDTH = 720;
const LABEL = 90;
const BAR_AREA = 440;
const BAR = 14;
const COLORS = { pinned: '#4c78a8', spread: '#f58518', unpinned: '#54a24b' } as const;

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Where a value falls on a bar axis from 0 to `max`; logarithmic (from `min`) when the numbers span decades. */
export function barLength(value: number, min: number, max: number, log: boolean): number {
  if (!(value > 0) || !(max > 0)) return 0;
  if (!log) return (value / max) * BAR_AREA;
  const floor = Math.log10(min) - 0.5;
  return Math.max(2, ((Math.log10(value) - floor) / (Math.log10(max) - floor)) * BAR_AREA);
}

/** Log scale when the largest figure is at least 100 times the smallest. */
export function spansDecades(values: readonly number[]): boolean {
  const positive = values.filter((v) => v > 0);
  return positive.length > 1 && Math.max(...positive) / Math.min(...positive) >= 100;
}

function panel(title: string, measurements: Measurement[], y: number): { svg: string; height: number } {
  const values = measurements.map((m) => m.value);
  const log = spansDecades(values);
  const [min, max] = [Math.min(...values.filter((v) => v > 0)), Math.max(...values)];
  const parts = [`<text x="10" y="${y + 16}" font-weight="bold">${esc(title)}${log ? ' — log scale' : ''}</text>`];
  let row = y + 28;
  for (const kind of kinds) {
    const mine = measurements.filter((m) => m.kind === kind);
    if (mine.length === 0) continue;
    parts.push(`<text x="10" y="${row + BAR - 2}">${kind}</text>`);
    for (const m of mine) {
      const length = barLength(m.value, min, max, log);
      parts.push(
        `<rect x="${LABEL}" y="${row}" width="${length.toFixed(1)}" height="${BAR}" fill="${COLORS[m.placement.name]}"><title>${esc(`${kind}, ${describePlacement(m.placement)}: ${formatValue(m.value, m.unit)}`)}</title></rect>`,
        `<text x="${LABEL + length + 6}" y="${row + BAR - 2}">${esc(formatValue(m.value, m.unit))}</text>`,
      );
      row += BAR + 3;
    }
    row += 6;
  }
  return { svg: parts.join('\n'), height: row - y + 8 };
}

/**
 * The report as one hand-written SVG: a bar chart per workload, one bar per kind and placement,
 * log scale where the figures span decades.
 *
 * @example
 * ```ts
 * writeFileSync('compare.svg', renderSvg(report));
 * ```
 */
export function renderSvg(report: Report): string {
  const legend = report.placements
    .map((p, i) => `<rect x="${10 + i * 240}" y="8" width="12" height="12" fill="${COLORS[p.name]}"/><text x="${28 + i * 240}" y="18">${esc(describePlacement(p))}</text>`)
    .join('\n');
  const panels: string[] = [];
  let y = 30;
  for (const workload of workloads) {
    const measurements = report.results.filter((m) => m.workload === workload.name);
    if (measurements.length === 0) continue;
    const { svg, height } = panel(`${workload.title} (${workload.better} is better)`, measurements, y);
    panels.push(svg);
    y += height;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y + 10}" viewBox="0 0 ${WIDTH} ${y + 10}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    legend,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
