// Finds the TypeScript and Python samples of a guide and, for runnable ones, the output the page shows.

const fence = /^(```+|~~~+)\s*([\w-]*)/;
const label = /^[^`~\s<].{0,40}[:：]\s*$/;
// Layout wrappers such as <div class="coro-pair"> may sit between a sample and its output.
const htmlTagLine = /^\s*<\/?[a-z][^>]*>\s*$/;

/**
 * The ```ts / ```typescript and ```python blocks of a markdown page. `line` is the 1-based line of the opening
 * fence; `output` is set when the block is followed by a ```text block (after blank lines, HTML tag lines, and at
 * most one short label line ending in a colon). A Python block directly followed by its TypeScript port shares
 * the port's output: both must print it.
 * @param {string} markdown
 * @returns {{ lang: 'ts' | 'python', code: string, line: number, output?: string }[]}
 */
export function extractSamples(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && line.trimEnd() === open[1]);
    if (close === -1) throw new Error(`line ${i + 1}: a code block that is never closed`);
    const lang = { ts: 'ts', typescript: 'ts', python: 'python', py: 'python' }[open[2]] ?? open[2];
    blocks.push({ lang, line: i + 1, start: i, end: close, body: lines.slice(i + 1, close).join('\n') });
    i = close;
  }
  const adjacent = (a, b) => {
    if (!a || !b) return false;
    const between = lines.slice(a.end + 1, b.start).filter((line) => line.trim() !== '' && !htmlTagLine.test(line));
    return between.length === 0 || (between.length === 1 && label.test(between[0]));
  };
  const outputAfter = (index) => {
    const block = blocks[index];
    const next = blocks[index + 1];
    if (next?.lang === 'text' && adjacent(block, next)) return next.body;
    if (block.lang === 'python' && next?.lang === 'ts' && adjacent(block, next)) return outputAfter(index + 1);
    return undefined;
  };
  const samples = [];
  for (const [index, block] of blocks.entries()) {
    if (block.lang !== 'ts' && block.lang !== 'python') continue;
    const sample = { lang: block.lang, code: `${block.body}\n`, line: block.line };
    const output = outputAfter(index);
    if (output !== undefined) sample.output = output;
    samples.push(sample);
  }
  return samples;
}
