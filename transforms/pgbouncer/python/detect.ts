/**
 * Candidate sites in Python, in a module that uses a PostgreSQL library the
 * tool knows: every statement sent through a query method with SQL the tool
 * can read, every cursor declared `withhold=True`, and every pool or
 * per-call connection (for the prepared statements the library makes by
 * itself and the startup parameters it sends).
 */
import type { Node } from 'web-tree-sitter';
import { PY_DRIVERS, type PyDriverProfile } from '../../../src/drivers/python';
import {
  findPyConnectSites,
  findPyPoolSites,
  importedDrivers,
  methodCall,
} from '../../../src/frontends/python/analysis/driver-use';
import { sqlText } from '../../../src/frontends/python/analysis/literals';
import type { PyContext } from '../../../src/frontends/python/context';
import { keywordValue } from '../../../src/frontends/python/fixes/arguments';

export type Site =
  | { kind: 'query'; call: Node; sql: string; inTransaction: boolean }
  | { kind: 'hold-cursor'; call: Node; flag: Node }
  | {
      kind: 'config';
      call: Node;
      driver: PyDriverProfile;
      name: string;
      /** Connect arguments in `kwargs=dict(...)` (psycopg_pool) rather than on the call. */
      inKwargs: boolean;
    };

const QUERY_METHODS = new Set(PY_DRIVERS.flatMap((d) => [...d.queryMethods, ...d.poolQueryMethods]));
/** Cursor methods and the keyword that makes their cursor outlive the transaction (`cursor(withhold=True)`). */
const HOLD_CURSORS = new Map(
  PY_DRIVERS.flatMap((d) => (d.cursorMethod && d.holdCursorKeyword ? [[d.cursorMethod, d.holdCursorKeyword]] : [])),
);

export function detect(ctx: PyContext): Site[] {
  const drivers = importedDrivers(ctx.facts);
  if (drivers.length === 0) return [];
  // psycopg runs every statement in a transaction until a commit (unless autocommit); asyncpg does not.
  const inTransaction = drivers.every((d) => d.implicitTransactions);
  const sites: Site[] = [];
  for (const { node } of ctx.facts.calls) {
    const call = methodCall(node);
    if (!call) continue;
    const holdKeyword = HOLD_CURSORS.get(call.method);
    if (holdKeyword) {
      const flag = keywordValue(node, holdKeyword);
      if (flag && flag.text !== 'False') sites.push({ kind: 'hold-cursor', call: node, flag });
      continue;
    }
    if (!QUERY_METHODS.has(call.method)) continue;
    const first = node.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
    const sql = first ? sqlText(first, ctx.facts) : undefined;
    if (sql !== undefined) sites.push({ kind: 'query', call: node, sql, inTransaction });
  }
  // Pools and connections of their own send the same startup parameters; a psycopg_pool pool in `kwargs=dict(...)`.
  const owners = [
    ...findPyPoolSites(ctx.facts).map((p) => ({ ...p, pool: true })),
    ...findPyConnectSites(ctx.facts).map((c) => ({ ...c, pool: false })),
  ];
  for (const { call, driver, target, pool } of owners) {
    const limit = driver.statementTimeout;
    const inKwargs = pool && limit.kind === 'startup-options' && limit.inKwargs;
    sites.push({ kind: 'config', call, driver, name: target ?? call.text.split('(')[0], inKwargs });
  }
  return sites;
}
