// A box-drawn text table that fits a given width (a 100-column terminal, issue 13): columns
// shrink, widest first, and their cells wrap at spaces, or anywhere in a long word or in Chinese.

/** Columns a character takes in a terminal: East Asian wide characters take two. */
function charWidth(code: number): number {
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6);
  return wide ? 2 : 1;
}

/** Terminal columns of a one-line string. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0)!);
  return width;
}

/** Wrap one line to `width` columns: at spaces where it can, inside a word (or CJK text) where it must. */
function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  let currentWidth = 0;
  const push = () => {
    out.push(current.trimEnd());
    current = '';
    currentWidth = 0;
  };
  for (const word of line.split(/(?<= )/)) {
    const w = textWidth(word.trimEnd());
    if (currentWidth > 0 && currentWidth + w > width) push();
    if (w <= width) {
      current += word;
      currentWidth += textWidth(word);
      continue;
    }
    for (const char of word) {
      const cw = charWidth(char.codePointAt(0)!);
      if (currentWidth + cw > width) push();
      current += char;
      currentWidth += cw;
    }
  }
  if (current.trim() !== '' || out.length === 0) push();
  return out;
}

/** Wrap plain text (which may hold newlines) to `width` columns. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

const MIN_COLUMN = 6;

/**
 * Render `head` and `rows` (cells may hold newlines) as a box-drawn table at most `width` columns
 * wide (as narrow as the cells allow when even the narrowest columns do not fit).
 */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], width: number): string {
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(1, ...all.map((row) => Math.max(...(row[c] ?? '').split('\n').map(textWidth)))));
  const frame = 3 * widths.length + 1; // "│ " before each cell, " " after, a closing "│"
  while (widths.reduce((a, b) => a + b, 0) + frame > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest]!--;
  }
  const rule = (left: string, mid: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const renderRow = (row: readonly string[]) => {
    const cells = widths.map((w, c) => (row[c] ?? '').split('\n').flatMap((line) => wrapLine(line, w)));
    const height = Math.max(...cells.map((lines) => lines.length));
    const lines: string[] = [];
    for (let i = 0; i < height; i++) {
      lines.push(`│${cells.map((cell, c) => ` ${cell[i] ?? ''}${' '.repeat(widths[c]! - textWidth(cell[i] ?? ''))} `).join('│')}│`);
    }
    return lines.join('\n');
  };
  const out = [rule('┌', '┬', '┐'), renderRow(head)];
  for (const row of rows) out.push(rule('├', '┼', '┤'), renderRow(row));
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
