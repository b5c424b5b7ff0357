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
import type { Node } from 'web-tree-sitter';
import type { Edit, Span } from '../../../src/core/edits';
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import { nextLineStart } from '../../../src/frontends/python/edits';
import { tryFinallyEdits, withEdits } from '../../../src/frontends/python/fixes/section';
import { importInsertionPoint } from '../../../src/frontends/python/imports';
import { findPyPoolSites } from '../../../src/frontends/python/analysis/driver-use';
import { type Plan, helperName } from './gate';

export function fix(plan: Plan, ctx: PyContext): Fix {
  const { text, style } = ctx;
  const { checkout: c, final } = plan;
  const section = { opener: c.statement, closer: final.statement, early: plan.early };
  const regions: Span[] = [{ start: c.statement.startIndex, end: nextLineStart(text, final.statement.endIndex) }];
  if (plan.discard) {
    const { flag, keyword, early } = plan.discard;
    const edits = tryFinallyEdits(ctx, section, withKeyword(final.call, `${keyword}=${flag}`), `${flag} = False`);
    for (const s of early) edits.push({ start: s.startIndex, end: s.endIndex, text: `${flag} = True` });
    return { edits, regions };
  }
  if (plan.form === 'try-finally')
    return { edits: tryFinallyEdits(ctx, section, final.statement.text, undefined, c.conn), regions };
  const args = c.call.childForFieldName('arguments')?.text ?? '()';
  if (plan.form === 'scoped' && c.driver?.scoped) {
    const { async, method } = c.driver.scoped;
    // An awaited checkout is an asyncio pool's, whose scoped form is entered with `async with`.
    const header = `${async || c.awaited ? 'async ' : ''}with ${c.receiver.text}.${method}${args} as ${c.conn}:`;
    return { edits: withEdits(ctx, section, header), regions };
  }
  const pool = c.receiver.text;
  const name = helperName(pool);
  const edits: Edit[] = withEdits(ctx, section, `with ${name}() as ${c.conn}:`);
  if (!ctx.facts.functions.some((f) => f.parent === null && f.name === name)) {
    const site = findPyPoolSites(ctx.facts).find((p) => p.target === pool && p.fn === null);
    if (site) {
      const after = nextLineStart(text, site.statement.endIndex);
      edits.push({
        start: after,
        end: after,
        text: `${style.eol}${style.eol}${helperText(name, pool, style.indent, style.eol)}`,
      });
      regions.push({ start: after, end: after });
      if (!importsContextmanager(ctx)) {
        const at = importInsertionPoint(text, ctx.root);
        edits.push({ start: at, end: at, text: `from contextlib import contextmanager${style.eol}` });
        regions.push({ start: at, end: at });
      }
    }
  }
  return { edits, regions };
}

/** The release call as written, with one more keyword argument (after a trailing comma if it has one). */
function withKeyword(call: Node, keyword: string): string {
  const args = call.childForFieldName('arguments');
  if (!args) return call.text;
  const inner = args.text.slice(1, -1);
  const trailing = /,\s*$/.test(inner);
  const text = trailing ? `${inner.replace(/\s*$/, '')} ${keyword},` : `${inner}, ${keyword}`;
  const prefix = call.text.slice(0, args.startIndex - call.startIndex);
  const statement = call.parent?.type === 'await' ? 'await ' : '';
  return `${statement}${prefix}(${text})`;
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
