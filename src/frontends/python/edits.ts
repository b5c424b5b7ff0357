/**
 * Statement-level edits in Python text, where indentation is syntax: a
 * block is made by inserting a header line and indenting the lines it now
 * holds. Every edit is against the text as read; a line that starts inside
 * a string spanning lines is never re-indented (its value would change),
 * and blank lines stay as they are.
 */
import type { Node } from 'web-tree-sitter';
import type { Edit, Span } from '../../core/edits';
import type { PyStyle } from './style';
import { lineIndent } from './style';

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the line after the one holding `offset` (the end of the text on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

/** Only white space before the node on its first line, and white space or a comment after it on its last. */
export function aloneOnLines(text: string, node: Node): boolean {
  const before = text.slice(lineStart(text, node.startIndex), node.startIndex);
  const lineEnd = text.indexOf('\n', node.endIndex);
  const after = text.slice(node.endIndex, lineEnd < 0 ? text.length : lineEnd);
  return /^[ \t]*$/.test(before) && /^[ \t]*(#.*)?\r?$/.test(after);
}

/** The trailing comment on the node's last line, with the spaces before it (kept when the line is rewritten). */
export function trailingComment(text: string, node: Node): string {
  const lineEnd = text.indexOf('\n', node.endIndex);
  return text
    .slice(node.endIndex, lineEnd < 0 ? text.length : lineEnd)
    .replace(/\r$/, '')
    .replace(/^\s*$/, '');
}

/**
 * The step to indent a new block by, at the statement's place: the step its
 * own block uses from its owner, when that is readable, else the file's. A
 * tab-indented block gets a tab whatever the file mostly uses.
 */
export function stepAt(text: string, statement: Node, style: PyStyle): string {
  const inner = lineIndent(text, statement.startIndex);
  const owner = statement.parent?.parent;
  if (owner && statement.parent?.type === 'block') {
    const outer = lineIndent(text, owner.startIndex);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  if (inner.includes('\t')) return '\t';
  return style.indent;
}

/** Does `offset` fall strictly inside one of the literals (a line starting there belongs to a string's value)? */
function insideLiteral(offset: number, literals: readonly Span[]): boolean {
  return literals.some((l) => offset > l.start && offset < l.end);
}

/** Edits that put `unit` before every non-blank line starting in [from, to) that does not start inside a string. */
export function indentLines(text: string, from: number, to: number, unit: string, literals: readonly Span[]): Edit[] {
  const edits: Edit[] = [];
  for (let at = from; at < to; at = nextLineStart(text, at)) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    if (/^[ \t]*\r?$/.test(line) || insideLiteral(at, literals)) continue;
    edits.push({ start: at, end: at, text: unit });
    if (end < 0) break;
  }
  return edits;
}

/** Edits that take `unit` off the start of every line in [from, to) that has it and does not start inside a string. */
export function dedentLines(text: string, from: number, to: number, unit: string, literals: readonly Span[]): Edit[] {
  const edits: Edit[] = [];
  for (let at = from; at < to; at = nextLineStart(text, at)) {
    if (!insideLiteral(at, literals) && text.startsWith(unit, at))
      edits.push({ start: at, end: at + unit.length, text: '' });
    if (text.indexOf('\n', at) < 0) break;
  }
  return edits;
}

/** The statement's whole lines, from the start of its first to after its last line break. */
export function linesOf(text: string, node: Node): Span {
  return { start: lineStart(text, node.startIndex), end: nextLineStart(text, node.endIndex) };
}
