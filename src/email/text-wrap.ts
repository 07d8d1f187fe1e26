/**
 * Wraps a plain-text document at `width` columns. A line's leading indent and list marker ("- ",
 * "* ", "1. ", "> ") become a hanging indent for its continuation lines. Words longer than the
 * width (URLs) are never broken: they get a line of their own.
 */
export function wrapText(
  text: string,
  width = 72,
  measure: (word: string) => number = (w) => w.length,
): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length <= width || measureLine(line, measure) <= width) {
      out.push(line);
      continue;
    }
    const marker = /^(\s*(?:[-*>]\s+|\d+\.\s+)?)/.exec(line)?.[1] ?? '';
    // Quoted lines keep their "> " on every line; list items get a hanging indent.
    const hanging = marker.trimStart().startsWith('>') ? marker : ' '.repeat(marker.length);
    const words = line
      .slice(marker.length)
      .split(/ +/)
      .filter((w) => w !== '');
    let current = marker;
    let columns = marker.length;
    let empty = true;
    for (const word of words) {
      const length = measure(word);
      if (!empty && columns + 1 + length > width) {
        out.push(current);
        current = hanging;
        columns = hanging.length;
        empty = true;
      }
      current += empty ? word : ` ${word}`;
      columns += empty ? length : length + 1;
      empty = false;
    }
    out.push(current);
  }
  return out.join('\n');
}

function measureLine(line: string, measure: (word: string) => number): number {
  let total = 0;
  for (const part of line.split(' ')) total += (part === '' ? 0 : measure(part)) + 1;
  return total - 1;
}
