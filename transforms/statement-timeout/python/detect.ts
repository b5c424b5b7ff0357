/**
 * Candidate sites in Python: every pool the file makes (asyncpg, psycopg2,
 * psycopg_pool), and every `SET statement_timeout` run in a function that
 * takes a connection from a pool (it stays on that connection).
 */
import { SQL_SET_STATEMENT_TIMEOUT } from '../../../src/drivers/sql';
import type { Node } from 'web-tree-sitter';
import { PY_DRIVERS, type PyDriverProfile } from '../../../src/drivers/python';
import { findPyCheckouts, findPyScopedCheckouts } from '../../../src/frontends/python/analysis/checkouts';
import { type PyPoolSite, findPyPoolSites, methodCall } from '../../../src/frontends/python/analysis/driver-use';
import { sqlText } from '../../../src/frontends/python/analysis/literals';
import type { PyContext } from '../../../src/frontends/python/context';
import type { PyFunction } from '../../../src/frontends/python/facts';

export type Site =
  | { kind: 'pool'; pool: PyPoolSite }
  /** `cur.execute("SET statement_timeout = ...")` on a connection a pool of `driver` handed out. */
  | { kind: 'session-set'; call: Node; sql: string; driver: PyDriverProfile };

const QUERY_METHODS = new Set(PY_DRIVERS.flatMap((d) => d.queryMethods));

export function detect(ctx: PyContext): Site[] {
  const pools = findPyPoolSites(ctx.facts);
  const sites: Site[] = pools.map((pool) => ({ kind: 'pool', pool }));
  // The library of the pool each function takes a connection from.
  const checkedOut = new Map<PyFunction, PyDriverProfile>();
  for (const c of [...findPyCheckouts(ctx.facts, pools), ...findPyScopedCheckouts(ctx.facts, pools)])
    if (c.fn && c.driver) checkedOut.set(c.fn, c.driver);
  if (checkedOut.size === 0) return sites;
  for (const { node, fn } of ctx.facts.calls) {
    const driver = fn ? checkedOut.get(fn) : undefined;
    const call = driver ? methodCall(node) : undefined;
    if (!driver || !call || !QUERY_METHODS.has(call.method)) continue;
    const first = node.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
    const sql = first ? sqlText(first, ctx.facts) : undefined;
    if (sql !== undefined && SQL_SET_STATEMENT_TIMEOUT.test(sql))
      sites.push({ kind: 'session-set', call: node, sql, driver });
  }
  return sites;
}
