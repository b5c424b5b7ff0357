/**
 * Held sections in Python: the body of `with pool.connection() as conn:` or
 * `async with pool.acquire() as conn:`; the `try` body of a checkout given
 * back in that try's `finally`; and, to report only, the statements between
 * a checkout and a release that is not in a finally yet.
 */
import type { Node } from 'web-tree-sitter';
import type { Span } from '../../../src/core/edits';
import type { PyDriverProfile } from '../../../src/drivers/python';
import { findPyCheckouts, findPyScopedCheckouts, releasesOf } from '../../../src/frontends/python/analysis/checkouts';
import { findPyPoolSites } from '../../../src/frontends/python/analysis/driver-use';
import { inFinallyAfter, statementsOf } from '../../../src/frontends/python/analysis/sections';
import type { PyContext } from '../../../src/frontends/python/context';
import type { PyFunction } from '../../../src/frontends/python/facts';

export interface Site {
  kind: 'scoped' | 'finally' | 'open';
  /** The `with` statement, or the checkout statement. */
  statement: Node;
  /** The statements the connection is held across. */
  statements: Node[];
  range: Span;
  conn: string;
  /** The pool the connection came from, as written (`pool`, `app.state.pool`). */
  pool: string;
  driver: PyDriverProfile | undefined;
  fn: PyFunction | null;
}

export function detect(ctx: PyContext): Site[] {
  const pools = findPyPoolSites(ctx.facts);
  const sites: Site[] = findPyScopedCheckouts(ctx.facts, pools).map((s) => ({
    kind: 'scoped',
    statement: s.statement,
    statements: statementsOf(s.body),
    range: { start: s.body.startIndex, end: s.body.endIndex },
    conn: s.conn,
    pool: s.receiver.text,
    driver: s.driver,
    fn: s.fn,
  }));
  for (const c of findPyCheckouts(ctx.facts, pools)) {
    if (!c.fn) continue;
    const releases = releasesOf(c, ctx.facts);
    const siblings = statementsOf(c.block);
    const index = siblings.findIndex((s) => s.id === c.statement.id);
    const next = siblings[index + 1];
    const inFinally = releases.find((r) => inFinallyAfter(r.call, c.statement));
    if (inFinally && next?.type === 'try_statement' && inFinally.call.startIndex > next.startIndex) {
      const body = next.childForFieldName('body');
      // Only a try without except clauses: an except would run with the connection held, whatever moved.
      if (!body || next.namedChildren.some((n) => n?.type === 'except_clause')) continue;
      sites.push({
        kind: 'finally',
        statement: c.statement,
        statements: statementsOf(body),
        range: { start: body.startIndex, end: body.endIndex },
        conn: c.conn,
        pool: c.receiver.text,
        driver: c.driver,
        fn: c.fn,
      });
      continue;
    }
    const release = releases.find(
      (r) => r.statement?.parent?.id === c.block.id && r.call.startIndex > c.statement.endIndex,
    );
    if (!release?.statement || inFinally) continue;
    const end = siblings.findIndex((s) => s.id === release.statement?.id);
    sites.push({
      kind: 'open',
      statement: c.statement,
      statements: siblings.slice(index + 1, end),
      range: { start: c.statement.endIndex, end: release.statement.startIndex },
      conn: c.conn,
      pool: c.receiver.text,
      driver: c.driver,
      fn: c.fn,
    });
  }
  return sites;
}
