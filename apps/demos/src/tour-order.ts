import type { Demo } from './registry.js';

/** The order of the tutorial's listings (architecture §5): the tour follows the seed, not the registry. */
export const seedOrder: readonly string[] = ['generators', 'greenlet', 'gevent-sleep', 'gevent-http', 'compare'];

/** The registered demos in seed order; demos the seed does not name follow, in registry order. */
export function inTourOrder(demos: readonly Demo[]): Demo[] {
  const rank = (demo: Demo): number => {
    const index = seedOrder.indexOf(demo.name);
    return index === -1 ? seedOrder.length : index;
  };
  return demos
    .map((demo, index) => ({ demo, index }))
    .sort((a, b) => rank(a.demo) - rank(b.demo) || a.index - b.index)
    .map(({ demo }) => demo);
}

/** The one line the tour prints above a demo; the tour test splits the tour's output on it. */
export function headingLine(demo: Demo): string {
  return `── ${demo.heading} · npm run demo -- ${demo.name} ──`;
}

/** Recognises a line printed by {@link headingLine} and returns the demo name it announces. */
export function parseHeadingLine(line: string): string | undefined {
  return /^── .* · npm run demo -- (\S+) ──$/.exec(line)?.[1];
}
