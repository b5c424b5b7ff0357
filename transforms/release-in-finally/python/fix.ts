/**
 * The Python fix, as edits of the text as read. The statements between the
 * checkout and its last release move one step in (the file's own step at
 * that place; never a line that starts inside a string), under:
 * - `try:` after the checkout, with the last release's line becoming
 *   `finally:` and the release (its trailing comment kept);
 * - or the scoped form in place of the checkout, the release gone;
 * - or `with get_db_connection() as conn:`, the helper written once beside
 *   the pool (`@contextmanager`, putconn in its finally).
 * Releases just before an exit go: the finally (or the block) now does it.
 */
import type { Edit, Span } from '../../../src/core/edits';
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import {
  indentLines,
  lineStart,
  linesOf,
  nextLineStart,
  stepAt,
  trailingComment,
} from '../../../src/frontends/python/edits';
import { importInsertionPoint } from '../../../src/frontends/python/imports';
import { findPyPoolSites } from '../../../src/frontends/python/analysis/driver-use';
import { lineIndent } from '../../../src/frontends/python/style';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: PyContext): Fix {
  const { text, style } = ctx;
  const { checkout: c, final } = plan;
  const eol = style.eol;
  const indent = lineIndent(text, c.statement.startIndex);
  const step = stepAt(text, c.statement, style);
  const bodyFrom = nextLineStart(text, c.statement.endIndex);
  const bodyTo = lineStart(text, final.statement.startIndex);
  const removed: Span[] = plan.early.map((s) => linesOf(text, s));
  // The `try:` line goes in before the first moved line is indented (insertions at one point keep their order).
  const edits: Edit[] =
    plan.form === 'try-finally' ? [{ start: bodyFrom, end: bodyFrom, text: `${indent}try:${eol}` }] : [];
  edits.push(...removed.map((r) => ({ ...r, text: '' })));
  for (const e of indentLines(text, bodyFrom, bodyTo, step, ctx.facts.literals))
    if (!removed.some((r) => e.start >= r.start && e.start < r.end)) edits.push(e);
  const finalLines = linesOf(text, final.statement);
  // The last line keeps its own ending: no line break is added where the file had none.
  const ending = text.slice(finalLines.start, finalLines.end).endsWith('\n') ? eol : '';
  if (plan.form === 'try-finally') {
    const release = `${final.statement.text}${trailingComment(text, final.statement)}`;
    edits.push({ ...finalLines, text: `${indent}finally:${eol}${indent}${step}${release}${ending}` });
    return { edits, regions: [{ start: c.statement.startIndex, end: finalLines.end }] };
  }
  edits.push({ ...finalLines, text: '' });
  const args = c.call.childForFieldName('arguments')?.text ?? '()';
  if (plan.form === 'scoped' && c.driver?.scoped) {
    const scoped = c.driver.scoped;
    edits.push({
      start: c.statement.startIndex,
      end: c.statement.endIndex,
      text: `${scoped.async ? 'async ' : ''}with ${c.receiver.text}.${scoped.method}${args} as ${c.conn}:`,
    });
    return { edits, regions: [{ start: c.statement.startIndex, end: finalLines.end }] };
  }
  const pool = c.receiver.text;
  const name = helperName(pool);
  edits.push({ start: c.statement.startIndex, end: c.statement.endIndex, text: `with ${name}() as ${c.conn}:` });
  const regions: Span[] = [{ start: c.statement.startIndex, end: finalLines.end }];
  if (!ctx.facts.functions.some((f) => f.parent === null && f.name === name)) {
    const site = findPyPoolSites(ctx.facts).find((p) => p.target === pool && p.fn === null);
    if (site) {
      const after = nextLineStart(text, site.statement.endIndex);
      const helper = helperText(name, pool, style.indent, eol);
      edits.push({ start: after, end: after, text: `${eol}${eol}${helper}` });
      regions.push({ start: after, end: after });
      if (!importsContextmanager(ctx)) {
        const at = importInsertionPoint(text, ctx.root);
        edits.push({ start: at, end: at, text: `from contextlib import contextmanager${eol}` });
        regions.push({ start: at, end: at });
      }
    }
  }
  return { edits, regions };
}

/** `get_db_connection` for a pool called `pool` (the common name), else one named after the pool. */
export function helperName(pool: string): string {
  return pool === 'pool' ? 'get_db_connection' : `get_${pool.replace(/_?pool$/i, '') || pool}_connection`;
}

function helperText(name: string, pool: string, unit: string, eol: string): string {
  return [
    '@contextmanager',
    `def ${name}():`,
    `${unit}# A connection from \`${pool}\`, put back however the block ends (putconn rolls back a transaction`,
    `${unit}# left open). Written by pool-codemod release-in-finally.`,
    `${unit}conn = ${pool}.getconn()`,
    `${unit}try:`,
    `${unit}${unit}yield conn`,
    `${unit}finally:`,
    `${unit}${unit}${pool}.putconn(conn)`,
    '',
  ].join(eol);
}

function importsContextmanager(ctx: PyContext): boolean {
  return ctx.facts.imports.some((i) => i.fn === null && i.local === 'contextmanager' && i.module === 'contextlib');
}
