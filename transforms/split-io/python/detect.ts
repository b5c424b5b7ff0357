/**
 * Held sections in Python: the body of `with pool.connection() as conn:` or
 * `async with pool.acquire() as conn:`; the `try` body of a checkout given
 * back in that try's `finally`; and, to report only, the statements between
 * a checkout and a release that is not in a finally yet. A scoped checkout
 * on a pool imported from the module that makes it is a site too, in a file
 * that never imports the library: the gate reads the pool's library from
 * the project's pools.
 */
import type { Node } from 'web-tree-sitter';
import type { Span } from '../../../src/core/edits';
import { PY_DRIVERS, type PyDriverProfile } from '../../../src/drivers/python';
import { findPyCheckouts, findPyScopedCheckouts, releasesOf } from '../../../src/frontends/python/analysis/checkouts';
import { findPyPoolSites, methodCall } from '../../../src/frontends/python/analysis/driver-use';
import { inFinallyAfter, statementsOf } from '../../../src/frontends/python/analysis/sections';
import type { PyContext } from '../../../src/frontends/python/context';
import { type PyFunction, withItems } from '../../../src/frontends/python/facts';
import { importedPoolName } from '../../../src/frontends/python/scan/imported-pools';

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
  receiver: Node;
  driver: PyDriverProfile | undefined;
  /** A scoped checkout on a pool imported from another module: the method, and whether it is entered with `async with`. */
  imported?: { method: string; async: boolean };
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
    receiver: s.receiver,
    driver: s.driver,
    fn: s.fn,
  }));
  sites.push(...importedScopedCheckouts(ctx, new Set(sites.map((s) => s.statement.id))));
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
        receiver: c.receiver,
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
      receiver: c.receiver,
      driver: c.driver,
      fn: c.fn,
    });
  }
  return sites;
}

/** The name the header reads its pool through: `pool` in `pool.acquire()`, `db` in `db.pool.acquire()`. */
export function poolRoot(site: Site): string | undefined {
  let root: Node | null = site.receiver;
  while (root?.type === 'attribute') root = root.childForFieldName('object');
  return root?.type === 'identifier' ? root.text : undefined;
}

/**
 * `async with pool.acquire() as pool:`: the connection takes the name the
 * pool was read through, so in the section that name is the connection and
 * nothing there reaches the pool by it.
 */
export function connectionTakesPoolName(site: Site): boolean {
  return poolRoot(site) === site.conn;
}

/** The scoped checkout methods of every library (`connection`, `acquire`). */
const SCOPED_METHODS = new Set(PY_DRIVERS.flatMap((d) => (d.scoped ? [d.scoped.method] : [])));

/**
 * `async with pool.acquire() as conn:` where `pool` is imported from another
 * module of the project (`from app.db import pool`, `pool = create_pool.pool`)
 * and the file does not say the library: which pool it is, the gate asks
 * the project scan. `known`: statements already taken as sites.
 */
function importedScopedCheckouts(ctx: PyContext, known: ReadonlySet<number>): Site[] {
  const sites: Site[] = [];
  for (const { node, fn } of ctx.facts.withs) {
    if (known.has(node.id)) continue;
    const items = withItems(node);
    const [{ value, alias }] = items.length === 1 ? items : [{ value: undefined, alias: null }];
    const call = value?.type === 'call' ? methodCall(value) : undefined;
    const body = node.childForFieldName('body');
    if (!call || !SCOPED_METHODS.has(call.method) || alias?.type !== 'identifier' || !body) continue;
    if (!importedPoolName(call.receiver, fn, ctx)) continue;
    sites.push({
      kind: 'scoped',
      statement: node,
      statements: statementsOf(body),
      range: { start: body.startIndex, end: body.endIndex },
      conn: alias.text,
      pool: call.receiver.text,
      receiver: call.receiver,
      driver: undefined,
      fn,
      imported: { method: call.method, async: node.children.some((c) => c?.type === 'async') },
    });
  }
  return sites;
}
