/**
 * Candidate sites: every pool made once, with the `SET statement_timeout`
 * statements run on connections taken from it outside a transaction; and
 * every other `SET statement_timeout` on a connection or a pool.
 */
import { SQL_SET_STATEMENT_TIMEOUT } from '../../../src/drivers/sql';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { type Connection, connectionsOf } from '../../../src/frontends/js/analysis/connections';
import { type PoolSite, findPoolSites } from '../../../src/frontends/js/analysis/pool-sites';
import type { JsContext } from '../../../src/frontends/js/context';
import { DRIVERS } from '../../../src/drivers';
import { SQL_BEGIN, SQL_TRANSACTION } from '../../../src/drivers/sql';
import { memberName, sqlText } from '../../../src/frontends/js/nodes';

/** `SET [SESSION] statement_timeout (=|TO) <value>`: the value as milliseconds when it is a constant. */
const SET_STATEMENT_TIMEOUT = /^\s*SET\s+(SESSION\s+)?statement_timeout\s*(?:=|TO)\s*'?([\w.]+)'?\s*;?\s*$/i;

export interface SetSite {
  call: t.CallExpression;
  /** The whole statement it is, when it is one (`await c.query('SET ...');`). */
  statement: t.ExpressionStatement | null;
  sql: string;
  /** The SQL argument, to turn it into SET LOCAL in place. */
  sqlNode: t.Node;
  valueMs: number | null;
  connection: Connection | null;
  inTransaction: boolean;
}

export type Site = { kind: 'pool'; pool: PoolSite; sets: SetSite[] } | { kind: 'set'; set: SetSite; onPool: boolean };

const QUERY_METHODS = new Set(DRIVERS.flatMap((d) => d.queryMethods));

export function detect(ctx: JsContext): Site[] {
  const pools = findPoolSites(ctx.facts).filter((p) => !p.perCall);
  const connections = connectionsOf(ctx.facts, ctx.text, ctx.project.dependencies);
  const sets = setSites(ctx, connections);
  const sites: Site[] = [];
  const claimed = new Set<SetSite>();
  for (const pool of pools) {
    const mine = sets.filter(
      (s) => !s.inTransaction && pool.binding !== null && s.connection?.poolBinding === pool.binding,
    );
    mine.forEach((s) => claimed.add(s));
    sites.push({ kind: 'pool', pool, sets: mine });
  }
  for (const set of sets) {
    if (claimed.has(set)) continue;
    const receiver = set.call.callee;
    const onPool =
      !set.connection &&
      t.isMemberExpression(receiver) &&
      pools.some((p) => t.isIdentifier(receiver.object) && p.name === receiver.object.name);
    if (set.connection || onPool) sites.push({ kind: 'set', set, onPool });
  }
  return sites;
}

function setSites(ctx: JsContext, connections: readonly Connection[]): SetSite[] {
  const found: SetSite[] = [];
  for (const path of ctx.facts.calls) {
    const call = path.node;
    if (
      !t.isCallExpression(call) ||
      !t.isMemberExpression(call.callee) ||
      !QUERY_METHODS.has(memberName(call.callee) ?? '')
    )
      continue;
    const sql = sqlText(call.arguments[0]);
    if (sql === undefined || !SQL_SET_STATEMENT_TIMEOUT.test(sql)) continue;
    const object = call.callee.object;
    const connection = t.isIdentifier(object)
      ? (connections.find((c) => c.binding === path.scope.getBinding(object.name)) ?? null)
      : null;
    const match = SET_STATEMENT_TIMEOUT.exec(sql);
    found.push({
      call,
      statement: statementOf(path),
      sql: sql.trim().replace(/;$/, ''),
      sqlNode: call.arguments[0],
      valueMs: match ? toMs(match[2]) : null,
      connection,
      inTransaction: connection ? inTransaction(path, connection) : false,
    });
  }
  return found;
}

/** `await c.query(...)` or `c.query(...)` as a whole statement. */
function statementOf(path: NodePath): t.ExpressionStatement | null {
  let current: NodePath = path;
  if (current.parentPath?.isAwaitExpression()) current = current.parentPath;
  return current.parentPath?.isExpressionStatement() ? current.parentPath.node : null;
}

/** PostgreSQL's units for statement_timeout: a bare number is milliseconds. */
function toMs(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|min|h)?$/i.exec(value);
  if (!match) return null;
  const n = Number(match[1]);
  const unit = (match[2] ?? 'ms').toLowerCase();
  return Math.round(n * ({ ms: 1, s: 1000, min: 60_000, h: 3_600_000 } as Record<string, number>)[unit]);
}

/**
 * Inside a transaction: the last transaction statement on the same
 * connection before this one, in this statement list or one around it, is a
 * BEGIN.
 */
function inTransaction(path: NodePath, connection: Connection): boolean {
  const at = path.node.start ?? 0;
  const lists = new Set<t.Node>();
  for (let p: NodePath | null = path; p; p = p.parentPath) if (p.isBlockStatement() || p.isProgram()) lists.add(p.node);
  let last: { start: number; begin: boolean } | undefined;
  for (const ref of connection.binding.referencePaths) {
    const call = ref.parentPath?.parentPath;
    if (!call?.isCallExpression() || call.node.callee !== ref.parent) continue;
    const sql = sqlText(call.node.arguments[0]);
    const start = call.node.start ?? 0;
    if (sql === undefined || start >= at || !SQL_TRANSACTION.test(sql)) continue;
    const block = call.findParent((p) => p.isBlockStatement() || p.isProgram());
    if (!block || !lists.has(block.node)) continue;
    if (!last || start > last.start) last = { start, begin: SQL_BEGIN.test(sql) };
  }
  return last?.begin === true;
}
