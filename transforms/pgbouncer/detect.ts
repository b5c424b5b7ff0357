/**
 * Candidate sites: every statement sent through a query method whose SQL
 * relies on the session, every named query config, and every pool or client
 * config that sends session settings as startup parameters.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { type PoolSite, findPoolSites } from '../../src/analysis/pool-sites';
import type { FileContext } from '../../src/core/types';
import { DRIVERS } from '../../src/drivers';
import { SQL_BEGIN, SQL_TRANSACTION } from '../../src/drivers/sql';
import { memberName, propertyKey, sqlText, staticString } from '../../src/js/nodes';

export interface QuerySite {
  kind: 'query';
  call: t.CallExpression;
  path: NodePath<t.CallExpression | t.OptionalCallExpression>;
  sql: string | undefined;
  sqlNode: t.Node | undefined;
  /** `{ name: '...', text: '...' }`: a named prepared statement. */
  name: string | undefined;
  /** The last transaction statement before it on the same receiver, in its block or one around it, is a BEGIN. */
  inTransaction: boolean;
  /** The call is a statement of its own (a rewrite in place is possible). */
  statement: boolean;
}

export type Site = QuerySite | { kind: 'config'; pool: PoolSite; keys: string[] };

const QUERY_METHODS = new Set(DRIVERS.flatMap((d) => d.queryMethods));

/** Startup parameters node-postgres sends from a config (pg lib/client.js getStartupConf), which PgBouncer refuses. */
export const STARTUP_PARAMETERS = [
  'statement_timeout',
  'lock_timeout',
  'idle_in_transaction_session_timeout',
  'options',
];

export function detect(ctx: FileContext): Site[] {
  const sites: Site[] = [];
  for (const path of ctx.facts.calls) {
    const call = path.node;
    if (
      !t.isCallExpression(call) ||
      !t.isMemberExpression(call.callee) ||
      !QUERY_METHODS.has(memberName(call.callee) ?? '')
    )
      continue;
    const arg = call.arguments[0];
    const named = t.isObjectExpression(arg)
      ? arg.properties.find((p): p is t.ObjectProperty => t.isObjectProperty(p) && propertyKey(p) === 'name')
      : undefined;
    const sql = sqlText(arg);
    const sqlNode = t.isObjectExpression(arg)
      ? arg.properties.find(
          (p): p is t.ObjectProperty => t.isObjectProperty(p) && ['text', 'sql'].includes(propertyKey(p) ?? ''),
        )?.value
      : arg;
    sites.push({
      kind: 'query',
      call,
      path,
      sql,
      sqlNode,
      name: named ? (staticString(named.value) ?? '(computed)') : undefined,
      inTransaction: inTransaction(path, ctx),
      statement: isStatement(path),
    });
  }
  for (const pool of findPoolSites(ctx.facts)) {
    const view = pool.config;
    if (pool.driver.id !== 'pg' || view.kind !== 'object') continue;
    const keys = STARTUP_PARAMETERS.filter((k) => view.props.has(k));
    if (keys.length > 0) sites.push({ kind: 'config', pool, keys });
  }
  return sites;
}

function isStatement(path: NodePath): boolean {
  const holder = path.parentPath?.isAwaitExpression() ? path.parentPath : path;
  return holder.parentPath?.isExpressionStatement() === true;
}

/** The last transaction statement on the same receiver before this call, in this block or one around it, is a BEGIN. */
function inTransaction(path: NodePath<t.CallExpression | t.OptionalCallExpression>, ctx: FileContext): boolean {
  const callee = path.node.callee;
  if (!t.isMemberExpression(callee)) return false;
  const receiver = ctx.text.slice(callee.object.start ?? 0, callee.object.end ?? 0);
  const at = path.node.start ?? 0;
  const blocks = new Set<t.Node>();
  for (let p: NodePath | null = path; p; p = p.parentPath)
    if (p.isBlockStatement() || p.isProgram()) blocks.add(p.node);
  let last: { start: number; begin: boolean } | undefined;
  for (const other of ctx.facts.calls) {
    const c = other.node;
    if (
      !t.isMemberExpression(c.callee) ||
      ctx.text.slice(c.callee.object.start ?? 0, c.callee.object.end ?? 0) !== receiver
    )
      continue;
    const sql = sqlText(c.arguments[0]);
    const start = c.start ?? 0;
    if (sql === undefined || start >= at || !SQL_TRANSACTION.test(sql)) continue;
    const block = other.findParent((p) => p.isBlockStatement() || p.isProgram());
    if (!block || !blocks.has(block.node)) continue;
    if (!last || start > last.start) last = { start, begin: SQL_BEGIN.test(sql) };
  }
  return last?.begin === true;
}
