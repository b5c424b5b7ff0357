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
  const printed = retab(closeImportGap(root.toSource(printOptions(text)), text), text);
  return restoreTemplateText(printed, text, path);
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
