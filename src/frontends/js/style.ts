/**
 * The file's own style, so that code the tool inserts looks as if the file's
 * author wrote it: line ending, quote kind, semicolons, and indentation (per
 * block, since files that mix 2- and 4-space code exist).
 */
import type { CodeStyle } from '../../core/frontend';

/** Every language's style, and whether statements end with semicolons. */
export interface JsStyle extends CodeStyle {
  semi: boolean;
}

/** What the facts pass counts while it walks the tree; see `styleOf`. */
export interface StyleCounts {
  /** Quote characters of import/require specifiers, then of all other plain string literals. */
  moduleQuotes: { single: number; double: number };
  otherQuotes: { single: number; double: number };
  /** Statements that may end with a semicolon, by whether they do. */
  withSemi: number;
  withoutSemi: number;
}

export function emptyStyleCounts(): StyleCounts {
  return { moduleQuotes: { single: 0, double: 0 }, otherQuotes: { single: 0, double: 0 }, withSemi: 0, withoutSemi: 0 };
}

export function styleOf(text: string, counts: StyleCounts, indent: string | undefined): JsStyle {
  const quotes = counts.moduleQuotes.single + counts.moduleQuotes.double > 0 ? counts.moduleQuotes : counts.otherQuotes;
  return {
    eol: eolOf(text),
    quote: quotes.double > quotes.single ? '"' : "'",
    // A file with no statements to judge by gets semicolons, the common default.
    semi: counts.withoutSemi === 0 || counts.withSemi >= counts.withoutSemi,
    indent: indent ?? DEFAULT_INDENT,
  };
}

/** CRLF when most lines end that way. */
export function eolOf(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * The most common step between the indentation of a line and the next deeper
 * one: a tab when tab-indented lines outnumber space-indented ones. Comment
 * continuation lines (` * `) and lines inside multi-line literals (template
 * text) are not code indentation and do not count.
 */
/** The unit of a file with no indented line, when nothing around it says otherwise. */
const DEFAULT_INDENT = '  ';

export function indentUnitOf(text: string, literals: readonly { start: number; end: number }[] = []): string {
  return foundIndentUnit(text, literals) ?? DEFAULT_INDENT;
}

/** The file's own indent unit; undefined when no line of code is indented (a flat module the tool wrote, say). */
export function foundIndentUnit(
  text: string,
  literals: readonly { start: number; end: number }[] = [],
): string | undefined {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = -1;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const at = offset;
    offset += raw.length + 1;
    if (literals.some((l) => l.start < at && at < l.end)) continue;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const content = line.trimStart();
    if (!content || content.startsWith('*')) continue;
    const lead = line.slice(0, line.length - content.length);
    if (lead.startsWith('\t')) tabs++;
    else if (lead.length >= 2) spaces++;
    const width = lead.includes('\t') ? -1 : lead.length;
    if (width >= 0 && previous >= 0 && width > previous)
      steps.set(width - previous, (steps.get(width - previous) ?? 0) + 1);
    if (width >= 0) previous = width;
  }
  if (tabs > spaces) return '\t';
  if (tabs === 0 && spaces === 0 && steps.size === 0) return undefined;
  const [best] = [...steps].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return ' '.repeat(best && best[0] <= 8 ? best[0] : 2);
}

/** The whitespace that starts the line holding `offset`. */
/**
 * The source of `[start, end)` as it would read starting at column 0: lines
 * after the first lose the indent of the line the text starts on. A config
 * object copied out of a handler into a module of its own keeps its shape
 * (its properties one step in, its closing brace at the margin).
 */
export function sliceAtMargin(text: string, start: number, end: number): string {
  const indent = indentAt(text, start);
  const [first, ...rest] = text.slice(start, end).split('\n');
  return [first, ...rest.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))].join('\n');
}

export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Whole lines to insert at `at` (`block` ends with a line break). At the end
 * of a file whose last line has no break, the break goes before the lines
 * instead: the line above gets the break it now needs, and the file still
 * ends without one, as its author left it.
 */
export function linesAt(text: string, at: number, block: string, eol: string): string {
  if (at < text.length || text === '' || text.endsWith('\n')) return block;
  return `${eol}${block.endsWith(eol) ? block.slice(0, -eol.length) : block}`;
}

/** Offset just past the line holding `offset` (after its line terminator), or the text's end. */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/**
 * The indent step inside a block: how much deeper its first statement sits
 * than the line that opens it (`{` at `openOffset`). Falls back to the
 * file's step when the block is on one line.
 */
export function stepInside(
  text: string,
  openOffset: number,
  firstStatementOffset: number | undefined,
  style: JsStyle,
): string {
  if (firstStatementOffset === undefined) return style.indent;
  const outer = indentAt(text, openOffset);
  const inner = indentAt(text, firstStatementOffset);
  const ownLine = text.slice(lineStart(text, firstStatementOffset), firstStatementOffset).trim() === '';
  if (ownLine && inner.length > outer.length && inner.startsWith(outer)) return inner.slice(outer.length);
  return style.indent;
}

/** A string literal in the file's quote style. */
export function quoted(value: string, style: JsStyle): string {
  const q = style.quote;
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(q, 'g'), `\\${q}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
  return `${q}${escaped}${q}`;
}

/** A statement as the file would end it: with or without a semicolon. */
export function statement(code: string, style: JsStyle): string {
  const trimmed = code.replace(/;\s*$/, '');
  return style.semi ? `${trimmed};` : trimmed;
}

/**
 * Code written after the statement ending at `end`, on the line it shares:
 * the `;` that must come between, in a file without semicolons too.
 */
export function sharedLineJoin(text: string, end: number): string {
  return text[end - 1] === ';' ? '' : ';';
}

/** A statement written on a line it shares with others: it ends with `;` whatever the file's style. */
export function sharedLineStatement(code: string): string {
  return code.replace(/;?\s*$/, ';');
}
