/**
 * The Python fix, as edits of the text as read:
 * - move: the section's first statements, through the I/O, with their
 *   comments and the blank lines after them, go before the checkout, one
 *   block less deep;
 * - split: from the I/O on, the section's lines move one block out, and the
 *   section's own header (`async with pool.acquire() as conn:`) opens again
 *   before the next statement that uses the connection (with the comments
 *   just above it).
 * A line that starts inside a string spanning lines keeps its place: its
 * value must not change.
 */
import type { Node } from 'web-tree-sitter';
import type { Edit, Span } from '../../../src/core/edits';
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import { dedentLines, lineStart, nextLineStart } from '../../../src/frontends/python/edits';
import { lineIndent } from '../../../src/frontends/python/style';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: PyContext): Fix {
  const { text, style } = ctx;
  const { site } = plan;
  const first = site.statements[0];
  const outer = lineIndent(text, site.statement.startIndex);
  const inner = lineIndent(text, first.startIndex);
  const step = inner.startsWith(outer) ? inner.slice(outer.length) : inner;
  if (plan.kind === 'move') {
    const start = commentStart(text, first);
    const end = afterBlankLines(text, nextLineStart(text, plan.through.endIndex), site.range.end);
    const moved = dedented(text, start, end, step, ctx.facts.literals);
    const at = lineStart(text, site.statement.startIndex);
    const edits: Edit[] = [
      { start: at, end: at, text: moved },
      { start, end, text: '' },
    ];
    return { edits, regions: [{ start: at, end }] };
  }
  const index = site.statements.findIndex((s) => s.id === plan.io.id);
  const previous = site.statements[index - 1];
  const start = nextLineStart(text, previous.endIndex);
  const end = plan.resume ? commentStart(text, plan.resume) : nextLineStart(text, site.range.end);
  const edits: Edit[] = dedentLines(text, start, end, step, ctx.facts.literals);
  if (plan.resume) edits.push({ start: end, end, text: `${outer}${headerOf(site.statement, text)}${style.eol}` });
  const regions: Span[] = [{ start, end: Math.max(end, start) }];
  return { edits, regions };
}

/** The with statement's header, as written, through its colon (`async with pool.acquire() as conn:`). */
function headerOf(statement: Node, text: string): string {
  const clause = statement.namedChildren.find((c) => c?.type === 'with_clause');
  const colon = text.indexOf(':', clause?.endIndex ?? statement.startIndex);
  return text.slice(statement.startIndex, colon + 1);
}

/** Where the comment lines directly above a statement begin (the statement's own line when there are none). */
function commentStart(text: string, statement: Node): number {
  let at = lineStart(text, statement.startIndex);
  for (;;) {
    const previous = lineStart(text, at - 1);
    if (at === 0 || !/^[ \t]*#/.test(text.slice(previous, at))) return at;
    at = previous;
  }
}

/** After the blank lines that follow `at`, but not past `limit`. */
function afterBlankLines(text: string, at: number, limit: number): number {
  let out = at;
  while (out < limit) {
    const next = nextLineStart(text, out);
    if (!/^[ \t]*\r?\n?$/.test(text.slice(out, next)) || next === out) break;
    out = next;
  }
  return out;
}

/** The lines of [from, to) with `step` taken off the start of each that has it and does not start inside a string. */
function dedented(text: string, from: number, to: number, step: string, literals: readonly Span[]): string {
  let out = '';
  for (let at = from; at < to;) {
    const next = Math.min(nextLineStart(text, at), to);
    const line = text.slice(at, next);
    const inString = literals.some((l) => at > l.start && at < l.end);
    out += !inString && line.startsWith(step) ? line.slice(step.length) : line;
    if (next === at) break;
    at = next;
  }
  return out;
}
