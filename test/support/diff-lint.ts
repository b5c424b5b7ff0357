/**
 * What a reviewer would hand-edit in a diff the tool wrote, as checks on a
 * file's text before and after a rewrite. Only what the rewrite did counts:
 * a problem the input already had (a doubled blank line, a blank line after
 * a brace) is the author's, so the after text may not have more of it than
 * the before text had.
 * - a line the tool wrote has no trailing whitespace;
 * - no more doubled blank lines, blocks opening on a blank line or closing
 *   after one, than the input had;
 * - the final newline is kept (or its absence);
 * - a line the tool wrote is indented one unit (the file's: spaces or a tab)
 *   deeper than a line it follows that opens a block or bracket, and a
 *   closing line it wrote sits one unit out from the line before it, unless
 *   that line opened the bracket.
 */
import { diffLines } from 'diff';

/**
 * The file's indentation units: a tab, or the steps by which a line of code
 * goes deeper than the one before it (a file may mix two and four spaces;
 * comment continuation lines, ` * `, are not steps).
 */
function indentUnits(text: string): string[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !/^\s*\*/.test(l));
  if (lines.some((l) => l.startsWith('\t'))) return ['\t'];
  const steps = new Set<number>();
  for (let i = 1; i < lines.length; i++) {
    const step = indentOf(lines[i]).length - indentOf(lines[i - 1]).length;
    if (step > 0) steps.add(step);
  }
  return (steps.size > 0 ? [...steps] : [2]).map((n) => ' '.repeat(n));
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)?.[0] ?? '';

/** A line's code without a trailing `//` or `#` comment (roughly: enough to see what it ends with). */
function code(line: string, python: boolean): string {
  const comment = python ? /\s+#.*$/ : /\s+\/\/.*$/;
  return line.replace(comment, '').trimEnd();
}

/** The 0-based indexes of the lines of `after` the rewrite wrote (not in `before`). */
function writtenLines(before: string, after: string): Set<number> {
  const written = new Set<number>();
  let at = 0;
  for (const change of diffLines(before, after)) {
    const count = change.count ?? 0;
    if (change.removed) continue;
    if (change.added) for (let k = 0; k < count; k++) written.add(at + k);
    at += count;
  }
  return written;
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

export function diffLint(before: string, after: string, python: boolean): string[] {
  const problems: string[] = [];
  const normal = (t: string) => t.replace(/\r\n/g, '\n');
  const [b, a] = [normal(before), normal(after)];
  if (b.endsWith('\n') !== a.endsWith('\n')) problems.push('the final newline changed');
  // Python puts two blank lines between top-level definitions (PEP 8): three in a row is residue there.
  const shapes: [string, RegExp][] = [
    python
      ? ['three blank lines in a row', /\n[ \t]*\n[ \t]*\n[ \t]*\n[ \t]*\S/g]
      : ['two blank lines in a row', /\n[ \t]*\n[ \t]*\n[ \t]*\S/g],
    ['a block opening on a blank line', python ? /:\n[ \t]*\n/g : /\{\n[ \t]*\n/g],
    ['a block closing after a blank line', /\n[ \t]*\n[ \t]*[}\])]/g],
  ];
  for (const [what, pattern] of shapes)
    if (count(a, pattern) > count(b, pattern))
      problems.push(`${what}: ${count(b, pattern)} before, ${count(a, pattern)} after`);
  const lines = a.split('\n');
  const units = indentUnits(b);
  const opens = python ? /[:([{]$/ : /[{([]$|=>$/;
  const closes = /^[}\])]/;
  for (const index of writtenLines(b, a)) {
    const line = lines[index] ?? '';
    if (/[ \t]$/.test(line)) problems.push(`line ${index + 1}: trailing whitespace`);
    if (line.trim() === '') continue;
    let p = index - 1;
    while (p >= 0 && lines[p].trim() === '') p--;
    if (p < 0) continue;
    const previous = lines[p];
    const [mine, theirs] = [indentOf(line), indentOf(previous)];
    const opened = opens.test(code(previous, python));
    const closing = closes.test(line.trim());
    if (opened && !closing && !units.some((unit) => mine === theirs + unit))
      problems.push(
        `line ${index + 1}: one unit deeper than the line it follows was expected: ${JSON.stringify(line)}`,
      );
    const outdents = units.map((unit) => theirs.slice(0, Math.max(0, theirs.length - unit.length)));
    if (!opened && closing && !python && mine !== theirs && !outdents.includes(mine))
      problems.push(
        `line ${index + 1}: a closing line one unit out from the line before was expected: ${JSON.stringify(line)}`,
      );
  }
  return problems;
}
