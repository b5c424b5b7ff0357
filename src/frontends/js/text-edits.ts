/**
 * Statement-level edits on the original text: remove a statement with its
 * line, indent or outdent a run of lines (never inside a template literal
 * or string, whose text would change), and wrap statements in a block.
 */
import type * as t from '@babel/types';
import type { Edit, Span } from '../../core/types';
import { endOf, startOf } from './nodes';
import { lineStart, nextLineStart } from './style';

/** Only spaces and tabs between `from` and `to`. */
export function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
}

/** Offset of the end of the line holding `offset`, before its terminator. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * The statement starts its line: only indentation before it, or the `;`
 * that guards a line starting with `(`, `[` or a template in a file without
 * semicolons (it goes wherever the line goes).
 */
export function startsLine(text: string, node: t.Node): boolean {
  const start = startOf(node);
  let at = lineStart(text, start);
  while (at < start && (text[at] === ' ' || text[at] === '\t')) at++;
  if (text[at] === ';' && at < start) at++;
  return blank(text, at, start);
}

/** Nothing but white space follows the node on its last line. */
export function endsLine(text: string, node: t.Node): boolean {
  return blank(text, endOf(node), lineEnd(text, endOf(node)));
}

/** Nothing but white space or a `//` comment follows the node on its last line. */
export function endsLineOrComment(text: string, node: t.Node): boolean {
  const rest = text.slice(endOf(node), lineEnd(text, endOf(node))).trim();
  return rest === '' || rest.startsWith('//');
}

/**
 * Remove a statement. Alone on its lines, the lines go with it; a trailing
 * `//` comment stays where it was; sharing a line, only the statement and
 * the space after it go.
 */
export function removeStatementEdit(node: t.Node, text: string, linesFrom?: number): Edit {
  const start = startOf(node);
  const end = endOf(node);
  // `linesFrom`: the whole lines above that go with it (comments about it that move elsewhere).
  if (startsLine(text, node) && endsLine(text, node))
    return wholeLinesRemoval(text, linesFrom ?? lineStart(text, start), nextLineStart(text, end));
  if (startsLine(text, node) && endsLineOrComment(text, node)) {
    let after = end;
    while (text[after] === ' ' || text[after] === '\t') after++;
    return { start, end: after, text: '' };
  }
  // Last on a shared line: the space before it goes, so the line keeps no trailing white space.
  if (endsLine(text, node)) {
    let before = start;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
    return { start: before, end, text: '' };
  }
  let after = end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  return { start, end: after, text: '' };
}

/** The line holding `offset` has nothing but spaces and tabs (a blank line). */
export function blankLine(text: string, offset: number): boolean {
  return blank(text, lineStart(text, offset), lineEnd(text, offset));
}

/**
 * Lines `[from, to)` removed without leaving the blank-line residue a
 * formatter would not: a blank line on each side becomes one, and a blank
 * line left right before a closing brace goes too.
 */
function wholeLinesRemoval(text: string, from: number, to: number): Edit {
  const before = from > 0 && blankLine(text, from - 1);
  if (before && to < text.length && blankLine(text, to)) return { start: from, end: nextLineStart(text, to), text: '' };
  if (before && to < text.length && /^\s*\}/.test(text.slice(to, lineEnd(text, to) + 1)))
    return { start: lineStart(text, from - 1), end: to, text: '' };
  return { start: from, end: to, text: '' };
}

/** Line starts `L` with `from <= L < to`, the first included when `from` is itself one. */
function lineStartsIn(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  let at = from === lineStart(text, from) ? from : nextLineStart(text, from);
  while (at < to && at < text.length) {
    starts.push(at);
    at = nextLineStart(text, at);
  }
  return starts;
}

/** Is `offset` inside one of `ranges` (strictly after its start)? */
function inside(ranges: readonly Span[], offset: number): boolean {
  return ranges.some((r) => r.start < offset && offset < r.end);
}

/**
 * Indent every non-blank line starting in `[from, to)` by `step`, except
 * lines that begin inside a literal (`literals`) or inside another edit's
 * range (`skip`).
 */
export function indentLines(
  text: string,
  from: number,
  to: number,
  step: string,
  literals: readonly Span[],
  skip: readonly Span[] = [],
): Edit[] {
  const edits: Edit[] = [];
  for (const at of lineStartsIn(text, from, to)) {
    if (inside(literals, at) || skip.some((s) => s.start <= at && at < s.end)) continue;
    if (blank(text, at, lineEnd(text, at))) continue;
    edits.push({ start: at, end: at, text: step });
  }
  return edits;
}

/** Take `step` off the front of every line starting in `[from, to)` that has it (not inside literals). */
export function outdentLines(
  text: string,
  from: number,
  to: number,
  step: string,
  literals: readonly Span[],
  skip: readonly Span[] = [],
): Edit[] {
  const edits: Edit[] = [];
  for (const at of lineStartsIn(text, from, to)) {
    if (inside(literals, at) || skip.some((s) => s.start <= at && at < s.end)) continue;
    if (text.startsWith(step, at)) edits.push({ start: at, end: at + step.length, text: '' });
    else if (step !== '\t' && text[at] === '\t') edits.push({ start: at, end: at + 1, text: '' });
  }
  return edits;
}

/**
 * The region of whole lines from just after `after` (an acquire statement)
 * to the end of the line holding `last`, when both sit on lines of their
 * own; else undefined (the caller writes the block inline).
 */
export function lineRegion(text: string, after: t.Node, first: t.Node, last: t.Node): Span | undefined {
  if (!endsLineOrComment(text, after) || !startsLine(text, first) || !endsLineOrComment(text, last)) return undefined;
  return { start: nextLineStart(text, endOf(after)), end: nextLineStart(text, endOf(last)) };
}
