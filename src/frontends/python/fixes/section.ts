/**
 * Giving a connection back in one place, as edits of Python text: the
 * statements between where it is obtained and its last give-back move one
 * step in (never a line inside a string) under `try:`, with that last line
 * becoming `finally:` and the give-back; or under a `with` header that
 * replaces the line that obtained it. Give-backs just before an exit go.
 * Used by release-in-finally and client-to-pool.
 */
import type { Node } from 'web-tree-sitter';
import type { Edit, Span } from '../../../core/edits';
import { commentLinesAbove, lineAbove, pastBlankLines } from '../../../core/lines';
import type { PyContext } from '../context';
import { aloneOnLines, indentLines, lineStart, linesOf, nextLineStart, stepAt, trailingComment } from '../edits';
import { lineIndent } from '../style';

export interface Section {
  /** The statement that obtains the connection. */
  opener: Node;
  /** The last statement that gives it back (it becomes the finally's, or goes). */
  closer: Node;
  /** Give-backs just before an exit of their block, which the finally (or the block) makes redundant. */
  early: Node[];
}

/** The moved lines indented, the early give-backs gone, and `first` edits put before the indents. */
function moveIn(
  ctx: PyContext,
  section: Section,
  first: Edit[],
  alsoRemoved: Span[] = [],
): { edits: Edit[]; indent: string; step: string } {
  const { text } = ctx;
  const indent = lineIndent(text, section.opener.startIndex);
  const step = stepAt(text, section.opener, ctx.style);
  const from = nextLineStart(text, section.opener.endIndex);
  const to = lineStart(text, section.closer.startIndex);
  const removed: Span[] = [...section.early.map((s) => linesOf(text, s)), ...alsoRemoved];
  // Insertions at one point keep their order: a header line goes in before the first moved line is indented.
  const edits: Edit[] = [...first, ...removed.map((r) => ({ ...r, text: '' }))];
  for (const e of indentLines(text, from, to, step, ctx.facts.literals))
    if (!removed.some((r) => e.start >= r.start && e.start < r.end)) edits.push(e);
  return { edits, indent, step };
}

/** The closer's lines, and the line ending the last of them had (none at the end of a file without one). */
function closerLines(ctx: PyContext, section: Section): { span: Span; ending: string } {
  const span = linesOf(ctx.text, section.closer);
  return { span, ending: ctx.text.slice(span.start, span.end).endsWith('\n') ? ctx.style.eol : '' };
}

/**
 * `try:` after the opener (after `before`, a statement of the opener's
 * level, when given); the closer's line becomes `finally:` and `giveBack`
 * (the closer's trailing comment kept).
 */
export function tryFinallyEdits(
  ctx: PyContext,
  section: Section,
  giveBack: string,
  before?: string,
  conn?: string,
): Edit[] {
  const { text, style } = ctx;
  const indent = lineIndent(text, section.opener.startIndex);
  // With `conn`, statements before its first use stay out of the try: the checkout moves down to meet it.
  const lead = conn === undefined ? null : leadingUnused(ctx, section, conn);
  const moved = lead ? openerMoved(ctx, section.opener, lead) : null;
  const from = moved ? moved.at : nextLineStart(text, section.opener.endIndex);
  const beforeLine = before === undefined ? '' : `${indent}${before}${style.eol}`;
  const header = `${moved?.opener ?? ''}${beforeLine}${indent}try:${style.eol}`;
  const carried = commentsAbove(ctx, section);
  const first: Edit[] = [...(moved ? [moved.removal] : []), { start: from, end: from, text: header }];
  const { edits, step } = moveIn(
    ctx,
    { ...section, opener: lead ?? section.opener },
    first,
    carried ? [carried.span] : [],
  );
  const { span, ending } = closerLines(ctx, section);
  const comment = trailingComment(text, section.closer);
  const said = (carried?.lines ?? []).map((line) => `${indent}${step}${line}${style.eol}`).join('');
  edits.push({ ...span, text: `${indent}finally:${style.eol}${said}${indent}${step}${giveBack}${comment}${ending}` });
  return edits;
}

/**
 * The `#` comment lines right above the give-back (no blank line between),
 * which say what it does: they move under `finally:` with it, and the blank
 * lines above them go too, so the `try:` body does not end on a blank line.
 */
function commentsAbove(ctx: PyContext, section: Section): { span: Span; lines: string[] } | undefined {
  const { text } = ctx;
  const end = lineStart(text, section.closer.startIndex);
  const { start, lines } = commentLinesAbove(text, end, '#', ctx.facts.literals);
  if (lines.length === 0) return undefined;
  let blankFrom = start;
  while (blankFrom > 0) {
    const above = lineStart(text, blankFrom - 1);
    if (text.slice(above, blankFrom).trim() !== '' || above <= section.opener.endIndex) break;
    blankFrom = above;
  }
  return { span: { start: blankFrom, end }, lines };
}

/** `header` (a `with ... as conn:` line, without indentation) in place of the opener; the closer goes. */
export function withEdits(ctx: PyContext, section: Section, header: string): Edit[] {
  const { edits } = moveIn(ctx, section, []);
  edits.push({ start: section.opener.startIndex, end: section.opener.endIndex, text: header });
  edits.push({ ...closerLines(ctx, section).span, text: '' });
  return edits;
}

/**
 * The last of the statements right after the checkout that neither use the
 * connection nor wait (a log line, reading the request), when a statement
 * that uses it follows them before the give-back; else null.
 */
function leadingUnused(ctx: PyContext, section: Section, conn: string): Node | null {
  const { text } = ctx;
  if (!aloneOnLines(text, section.opener)) return null;
  // A comment line right above the checkout speaks of it (or disables a check on its line): it keeps its place.
  if (lineAbove(text, lineStart(text, section.opener.startIndex))?.startsWith('#')) return null;
  const openerNames = new Set(identifiersIn(section.opener));
  let last: Node | null = null;
  let node = section.opener.nextNamedSibling;
  while (node && node.id !== section.closer.id) {
    const assigned =
      node.firstNamedChild?.type === 'assignment' ? node.firstNamedChild.childForFieldName('left') : null;
    if (
      node.type !== 'expression_statement' ||
      !aloneOnLines(text, node) ||
      identifiersIn(node).includes(conn) ||
      node.descendantsOfType(['await', 'yield']).length > 0 ||
      // The checkout's own expression must not read what these statements assign.
      (assigned !== null && identifiersIn(assigned).some((n) => openerNames.has(n)))
    )
      break;
    last = node;
    node = node.nextNamedSibling;
  }
  return last && node && node.id !== section.closer.id ? last : null;
}

function identifiersIn(node: Node): string[] {
  return node.descendantsOfType('identifier').flatMap((n) => (n ? [n.text] : []));
}

/** The checkout's lines gone from above `lead`, and where they go: before the first use, below any blank lines. */
function openerMoved(ctx: PyContext, opener: Node, lead: Node): { removal: Edit; at: number; opener: string } {
  const { text } = ctx;
  const span = linesOf(text, opener);
  // A checkout that opened its block takes the blank lines after it away too: they would open the block empty.
  const end = lineAbove(text, span.start)?.endsWith(':') ? pastBlankLines(text, span.end) : span.end;
  const at = pastBlankLines(text, nextLineStart(text, lead.endIndex));
  return { removal: { start: span.start, end, text: '' }, at, opener: text.slice(span.start, span.end) };
}
