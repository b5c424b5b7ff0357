/**
 * Printing a rewritten tree so that only what a transform meant to change
 * changes: recast reprints modified nodes, and these passes undo the three
 * things it gets wrong for us (blank line after a new import, spaces in a
 * tab-indented file, re-indented template literal text).
 */
import type { Collection } from 'jscodeshift';
import type { Node } from '../analysis/ast';
import { walkNodes } from '../analysis/ast';
import { parserFor } from './parser';

export function printRoot(root: Collection, text: string, path: string): string {
  const printed = retab(closeImportGap(printWithLocalIndent(root, text, path), text), text);
  return restoreTemplateText(printed, text, path);
}

/**
 * Recast indents a reprinted block by one file-wide width, guessed from the
 * dominant indentation; in a file that mixes 2- and 4-space code that would
 * re-indent untouched lines around a rewrite. Print with each plausible
 * width; if none leaves every original line verbatim, take each top-level
 * statement from the print whose width is that statement's own indent unit.
 */
function printWithLocalIndent(root: Collection, text: string, path: string): string {
  const options = printOptions(text);
  if (options.useTabs) return root.toSource(options);
  const prints: { width: number | undefined; text: string }[] = [];
  for (const width of [undefined, 2, 4, 8, 3]) {
    const printed = root.toSource(width ? { ...options, tabWidth: width } : options);
    if (linesLost(text, printed) === 0) return printed;
    prints.push({ width, text: printed });
  }
  return statementwise(prints, text, path) ?? prints.reduce((best, p) => (linesLost(text, p.text) < linesLost(text, best.text) ? p : best)).text;
}

type Range = { start: number; end: number };

/**
 * Assemble a print from, for each top-level statement, the version printed
 * with that statement's own indent unit. Statements are matched from the end
 * (a transform may add imports at the top). Undefined if the prints disagree.
 */
function statementwise(prints: { width: number | undefined; text: string }[], original: string, path: string): string | undefined {
  const parser = parserFor(path);
  const ranges = (t: string): Range[] => (parser.parse(t).program.body as Node[]).map((n) => ({ start: n.start, end: n.end }));
  const bodies = prints.map((p) => ranges(p.text));
  const before = ranges(original);
  if (bodies.some((b) => b.length !== bodies[0].length) || bodies[0].length < before.length) return undefined;
  let result = prints[0].text;
  for (let j = 1; j <= before.length; j++) {
    const k = bodies[0].length - j;
    const unit = indentUnit(original.slice(before[before.length - j].start, before[before.length - j].end));
    const chosen = prints.findIndex((p) => p.width === unit);
    if (chosen <= 0) continue;
    const version = prints[chosen].text.slice(bodies[chosen][k].start, bodies[chosen][k].end);
    result = result.slice(0, bodies[0][k].start) + version + result.slice(bodies[0][k].end);
  }
  return result;
}

/** The most common step between the indentation of consecutive lines (spaces only). */
function indentUnit(text: string): number | undefined {
  const counts = new Map<number, number>();
  let previous = -1;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const indent = /^ */.exec(line)![0].length;
    if (previous >= 0 && indent > previous) counts.set(indent - previous, (counts.get(indent - previous) ?? 0) + 1);
    previous = indent;
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/** How many lines of `before` (as a multiset) are missing from `after`. */
function linesLost(before: string, after: string): number {
  const available = new Map<string, number>();
  for (const line of after.split('\n')) available.set(line, (available.get(line) ?? 0) + 1);
  let lost = 0;
  for (const line of before.split('\n')) {
    const n = available.get(line) ?? 0;
    if (n > 0) available.set(line, n - 1);
    else lost++;
  }
  return lost;
}

/**
 * How new code is printed: the file's own quotes and indentation (recast
 * guesses the indent width but not tabs; without this a tab-indented file
 * would come back indented with spaces).
 */
function printOptions(text: string): { quote: 'single' | 'double'; arrowParensAlways: true; useTabs: boolean; tabWidth?: number } {
  return { quote: guessQuote(text), arrowParensAlways: true, ...indentOptions(text) };
}

/** Parse and print must agree on how wide a tab is, or reused lines are re-indented with spaces. */
export function indentOptions(text: string): { useTabs: boolean; tabWidth?: number } {
  return usesTabs(text) ? { useTabs: true, tabWidth: 4 } : { useTabs: false };
}

/**
 * Recast indents the first line of a moved statement with spaces even when
 * asked for tabs. In a tab-indented file, rewrite the leading whitespace of
 * every line that is not verbatim in the original as tabs (4 columns each);
 * lines that are verbatim in the original are left exactly as they were.
 */
function retab(printed: string, original: string): string {
  if (!usesTabs(original)) return printed;
  const before = new Set(original.split('\n'));
  return printed
    .split('\n')
    .map((line) => {
      if (before.has(line)) return line;
      const indent = /^[\t ]*/.exec(line)![0];
      let columns = 0;
      for (const ch of indent) columns = ch === '\t' ? columns - (columns % 4) + 4 : columns + 1;
      return '\t'.repeat(Math.floor(columns / 4)) + ' '.repeat(columns % 4) + line.slice(indent.length);
    })
    .join('\n');
}

function usesTabs(text: string): boolean {
  const tabs = (text.match(/^\t/gm) ?? []).length;
  const spaces = (text.match(/^ {2,}\S/gm) ?? []).length;
  return tabs > spaces;
}

/** New string literals follow the file's own quote style. */
function guessQuote(text: string): 'single' | 'double' {
  const singles = (text.match(/'/g) ?? []).length;
  const doubles = (text.match(/"/g) ?? []).length;
  return doubles > singles ? 'double' : 'single';
}

/**
 * Recast puts a blank line before a statement inserted after the last import
 * (it copies the gap that followed that import); drop it so the import block
 * stays together.
 */
export function closeImportGap(printed: string, original: string): string {
  const lines = printed.split('\n');
  const before = new Set(original.split('\n'));
  const isImport = (l: string) => /^(import\s|const\s.*=\s*require\()/.test(l);
  for (let i = lines.length - 1; i >= 2; i--) {
    if (isImport(lines[i]) && !before.has(lines[i]) && lines[i - 1] === '' && isImport(lines[i - 2]) && before.has(lines[i - 2])) lines.splice(i - 1, 1);
  }
  return lines.join('\n');
}


/**
 * Recast re-indents the continuation lines of a multi-line template literal
 * when it moves the statement holding it into a deeper block, which changes
 * the string's value. Transforms never edit template text, and keep templates
 * in order, so the n-th template element of the output gets back the n-th
 * element's original text.
 */
function restoreTemplateText(printed: string, original: string, path: string): string {
  const parser = parserFor(path);
  // Parsing the output also proves it parses: nothing unparsable is ever returned.
  const after = templateElements(parser.parse(printed));
  if (!original.includes('`')) return printed;
  const before = templateElements(parser.parse(original));
  if (before.length !== after.length) throw new Error('the rewrite changed the number of template literals');
  let result = printed;
  for (let i = after.length - 1; i >= 0; i--) {
    const wanted = original.slice(before[i].start, before[i].end);
    if (result.slice(after[i].start, after[i].end) !== wanted) result = result.slice(0, after[i].start) + wanted + result.slice(after[i].end);
  }
  return result;
}

function templateElements(ast: Node): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  walkNodes(ast.program ?? ast, (n) => {
    if (n.type === 'TemplateElement') found.push({ start: n.start, end: n.end });
  }, true);
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Recast surrounds a new multi-line statement with blank lines; giving it the
 * source range of the statements it wraps makes it keep the blank lines (or
 * their absence) the original had around them.
 */
export function adoptSpacing(statement: Node, wrapped: Node[]): void {
  const first = wrapped.find((s) => s.loc)?.loc;
  const last = [...wrapped].reverse().find((s) => s.loc)?.loc;
  if (!first || !last) return;
  statement.loc = { start: first.start, end: last.end, lines: first.lines, indent: first.indent };
}
