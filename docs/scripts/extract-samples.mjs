// Finds the TypeScript samples of a guide and, for runnable ones, the output the page shows.

const fence = /^(```+|~~~+)\s*([\w-]*)/;
const label = /^[^`~\s<].{0,40}[:：]\s*$/;
// Layout wrappers such as <div class="coro-pair"> may sit between a sample and its output.
const htmlTagLine = /^\s*<\/?[a-z][^>]*>\s*$/;

/**
 * The ```ts / ```typescript blocks of a markdown page. `line` is the 1-based line of the opening fence; `output` is
 * set when the block is followed by a ```text block (after blank lines, HTML tag lines, and at most one short label
 * line ending in a colon).
 * @param {string} markdown
 * @returns {{ code: string, line: number, output?: string }[]}
 */
export function extractSamples(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && line.trimEnd() === open[1]);
    if (close === -1) throw new Error(`line ${i + 1}: a code block that is never closed`);
    blocks.push({ lang: open[2], line: i + 1, start: i, end: close, body: lines.slice(i + 1, close).join('\n') });
    i = close;
  }
  const samples = [];
  for (const [index, block] of blocks.entries()) {
    if (block.lang !== 'ts' && block.lang !== 'typescript') continue;
    const sample = { code: `${block.body}\n`, line: block.line };
    const next = blocks[index + 1];
    if (next?.lang === 'text') {
      const between = lines.slice(block.end + 1, next.start).filter((line) => line.trim() !== '' && !htmlTagLine.test(line));
      if (between.length === 0 || (between.length === 1 && label.test(between[0]))) sample.output = next.body;
    }
    samples.push(sample);
  }
  return samples;
}
