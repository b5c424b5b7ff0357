/**
 * A callback-API connection (mysql2's `mysql2` module) running one query:
 * `conn.query(sql, params, cb)` can become `pool.query(sql, params, cb)` on
 * a callback pool, with `connect()` and every `end()` (after the query, or
 * first thing in its callback) gone. Anything more is reported.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ClientSite } from '../../../src/frontends/js/analysis/clients';
import { SQL_LISTEN, SQL_SESSION, SQL_TRANSACTION, sqlHead } from '../../../src/drivers/sql';
import { memberName, sqlText } from '../../../src/frontends/js/nodes';
import type { UseRefusal } from './uses';

export interface CallbackRewrite {
  query: t.CallExpression;
  object: t.Identifier;
  objectPath: NodePath;
  /** Statements that go: `connect()` and `end()` after the declaration, and `end()` at the top of the callback. */
  removals: t.ExpressionStatement[];
  /** The statement lists those sit in. */
  lists: t.Statement[][];
}

export function planCallbackSite(site: ClientSite): CallbackRewrite | UseRefusal {
  const rest = site.list.slice(site.index + 1);
  const references = referenceNodes(site);
  const callOn = (statement: t.Node, methods: string[]): t.CallExpression | null => {
    const call = t.isExpressionStatement(statement) ? statement.expression : null;
    if (!t.isCallExpression(call) || !t.isMemberExpression(call.callee) || !references.has(call.callee.object))
      return null;
    return methods.includes(memberName(call.callee) ?? '') ? call : null;
  };
  const ends = site.driver.perCallClient?.end ?? ['end'];
  const queries = rest.filter((s) => callOn(s, site.driver.queryMethods));
  if (queries.length !== 1) {
    return {
      reason: 'callback-api',
      node: site.statement,
      detail: `runs ${queries.length === 0 ? 'no query the tool can see' : 'several queries'} through callbacks`,
    };
  }
  const query = callOn(queries[0], site.driver.queryMethods)!;
  const callback = query.arguments[query.arguments.length - 1];
  if (!t.isFunction(callback) || !t.isBlockStatement(callback.body))
    return { reason: 'callback-api', node: query, detail: 'runs its query without a callback the tool can follow' };
  const sql = sqlText(query.arguments[0], site.list);
  if (sql === undefined) return { reason: 'dynamic-sql', node: query };
  if (SQL_SESSION.test(sql) || SQL_TRANSACTION.test(sql) || SQL_LISTEN.test(sql))
    return { reason: 'session-state', node: query, detail: `\`${sqlHead(sql)}\`` };
  const bare = (s: t.Statement, methods: string[]) => (callOn(s, methods)?.arguments.length ?? -1) === 0;
  const outer = rest.filter((s): s is t.ExpressionStatement => bare(s, ['connect', ...ends]));
  const inner = callback.body.body.filter((s): s is t.ExpressionStatement => bare(s, ends));
  const object = (query.callee as t.MemberExpression).object as t.Identifier;
  const allowed = new Set<t.Node>([
    object,
    ...[...outer, ...inner].map((s) => ((s.expression as t.CallExpression).callee as t.MemberExpression).object),
  ]);
  const stray = firstInWalkOrder(rest, (n) => references.has(n) && !allowed.has(n));
  if (stray) return { reason: 'client-escapes', node: stray, detail: 'is used beyond one query and its end()' };
  const objectPath = site.binding.referencePaths.find((p) => p.node === object)!;
  return {
    query,
    object,
    objectPath,
    removals: [...outer, ...inner],
    lists: [site.list.slice(site.index), callback.body.body],
  };
}

/** The identifiers that stand for the site's connection (reads, and the target of each assignment). */
function referenceNodes(site: ClientSite): Set<t.Node> {
  const nodes = new Set<t.Node>(site.binding.referencePaths.map((p) => p.node));
  for (const p of site.binding.constantViolations) nodes.add(p.isAssignmentExpression() ? p.node.left : p.node);
  return nodes;
}

/**
 * The first node matching `test`, visiting each node before its children
 * and a node's fields last-first (a call's arguments before its callee), as
 * the rewrite has always reported the stray use (a later query's `end()`
 * inside its callback before that query itself).
 */
function firstInWalkOrder(roots: readonly t.Node[], test: (n: t.Node) => boolean): t.Node | null {
  const visit = (node: t.Node): t.Node | null => {
    if (test(node)) return node;
    const keys = t.VISITOR_KEYS[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]];
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (!t.isNode(item)) continue;
        const found = visit(item);
        if (found) return found;
      }
    }
    return null;
  };
  for (const root of roots) {
    const found = visit(root);
    if (found) return found;
  }
  return null;
}
