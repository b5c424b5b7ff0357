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
import { literalText } from '../../../src/frontends/python/analysis/literals';
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

export function detect(ctx: PyContext): Site[] {
  const drivers = importedDrivers(ctx.facts);
  if (drivers.length === 0) return [];
  // psycopg runs every statement in a transaction until a commit (unless autocommit); asyncpg does not.
  const inTransaction = drivers.every((d) => d.implicitTransactions);
  const sites: Site[] = [];
  for (const { node } of ctx.facts.calls) {
    const call = methodCall(node);
    if (!call) continue;
    if (call.method === 'cursor') {
      const flag = keywordValue(node, 'withhold');
      if (flag && flag.text !== 'False') sites.push({ kind: 'hold-cursor', call: node, flag });
      continue;
    }
    if (!QUERY_METHODS.has(call.method)) continue;
    const first = node.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
    const sql = first ? literalText(first, ctx.facts) : undefined;
    if (sql !== undefined) sites.push({ kind: 'query', call: node, sql, inTransaction });
  }
  for (const pool of findPyPoolSites(ctx.facts))
    sites.push({
      kind: 'config',
      call: pool.call,
      driver: pool.driver,
      name: pool.target ?? pool.call.text.split('(')[0],
      inKwargs: pool.driver.statementTimeout.kind === 'startup-options' && pool.driver.statementTimeout.inKwargs,
    });
  for (const connect of findPyConnectSites(ctx.facts))
    sites.push({
      kind: 'config',
      call: connect.call,
      driver: connect.driver,
      name: connect.target ?? connect.call.text.split('(')[0],
      inKwargs: false,
    });
  return sites;
}
