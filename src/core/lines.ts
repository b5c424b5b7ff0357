/** Offsets to 1-based line and column, with the line starts computed once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
  }
}

/**
 * The whole-line comments (`//` or `#`, by `marker`) right above the line
 * that starts at `lineStart`, with no blank line between: their text and
 * where the first starts. A line inside a multi-line string is not one.
 * Used by the release fixes of both front ends: such comments say what the
 * release does, and move with it.
 */
export function commentLinesAbove(
  text: string,
  lineStart: number,
  marker: string,
  literals: readonly { start: number; end: number }[],
): { start: number; lines: string[] } {
  let start = lineStart;
  const lines: string[] = [];
  while (start > 0) {
    const above = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(above, start).trim();
    if (!line.startsWith(marker) || literals.some((l) => l.start < above && above < l.end)) break;
    lines.unshift(line);
    start = above;
  }
  return { start, lines };
}

/**
 * The line right above the one that starts at `lineStart`, trimmed (none
 * for the first line). A statement under a comment is not moved away from
 * it: the comment speaks of it, or is a directive for the next line
 * (`// @ts-expect-error`, `// eslint-disable-next-line`,
 * `# pylint: disable-next=...`) that would then apply to another.
 */
export function lineAbove(text: string, lineStart: number): string | undefined {
  if (lineStart === 0) return undefined;
  return text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart).trim();
}

/**
 * The start of the first line, from the one that starts at `lineStart` on,
 * that holds more than white space (the text's end when none does). Both
 * front ends' checkout moves skip blank lines with it.
 */
export function pastBlankLines(text: string, lineStart: number): number {
  let at = lineStart;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const next = newline < 0 ? text.length : newline + 1;
    if (!/^[ \t\f\v\r]*\n?$/.test(text.slice(at, next))) break;
    at = next;
  }
  return at;
}
