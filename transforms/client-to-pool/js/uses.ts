/**
 * What a function does with the connection it made: where it connects,
 * queries and ends it, or the first use the rewrite cannot carry over.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ClientSite } from '../../../src/frontends/js/analysis/clients';
import { ancestorsWithin } from '../../../src/frontends/js/analysis/held-section';
import { EVENT_METHODS } from '../../../src/drivers';
import { SQL_LISTEN } from '../../../src/drivers/sql';
import { memberName, sqlText, staticString } from '../../../src/frontends/js/nodes';

type RefusalId =
  | 'client-in-callback'
  | 'client-escapes'
  | 'listen-client'
  | 'callback-api'
  | 'session-state'
  | 'dynamic-sql'
  | 'unsupported';

export interface UseRefusal {
  reason: RefusalId;
  node: t.Node;
  detail?: string;
}

interface Query {
  call: t.CallExpression;
  /** The connection in `c.query(...)`: what becomes the pool. */
  object: t.Identifier;
  /** Where it is, for the names visible there. */
  path: NodePath;
  method: string;
  sql: string | undefined;
}

export interface Uses {
  connects: t.ExpressionStatement[];
  ends: t.ExpressionStatement[];
  queries: Query[];
}

/** One reference to the connection, with the nodes from its section statement down to its parent. */
interface Ref {
  node: t.Node;
  path: NodePath;
  ancestors: t.Node[];
}

/** Statements that hold other statements, which a removal can reach into. */
function holdsStatements(node: t.Node): boolean {
  return (
    t.isBlockStatement(node) ||
    t.isIfStatement(node) ||
    t.isTryStatement(node) ||
    t.isCatchClause(node) ||
    t.isLoop(node) ||
    t.isLabeledStatement(node) ||
    t.isSwitchStatement(node) ||
    t.isSwitchCase(node)
  );
}

/** Every reference to the site's binding (reads and writes) after its declaration, in source order. */
function referencesAfter(site: ClientSite): Ref[] {
  const roots = new Set<t.Node>(site.list.slice(site.index + 1));
  const refs: Ref[] = [];
  for (const path of [...site.binding.referencePaths, ...site.binding.constantViolations]) {
    const ancestors = ancestorsWithin(path, roots);
    if (ancestors) refs.push({ node: path.node, path, ancestors });
  }
  return refs.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
}

export function collectUses(site: ClientSite): Uses | UseRefusal {
  const uses: Uses = { connects: [], ends: [], queries: [] };
  for (const ref of referencesAfter(site)) {
    const refusal = classifyUse(site, ref, uses);
    if (refusal) return refusal;
  }
  const connect = site.driver.perCallClient?.connect;
  if (connect && site.kind === 'client' && uses.connects.length !== 1) {
    return {
      reason: 'unsupported',
      node: site.statement,
      detail: `expected one \`${site.name}.${connect}()\`, found ${uses.connects.length}`,
    };
  }
  return uses;
}

/** The methods that close the connection: the driver's for a client, `end()` for a pool made per call. */
export function endMethods(site: ClientSite): string[] {
  return site.kind === 'client' ? (site.driver.perCallClient?.end ?? []) : ['end'];
}

function classifyUse(site: ClientSite, ref: Ref, uses: Uses): UseRefusal | null {
  const { driver, name } = site;
  const { node, ancestors } = ref;
  if (ancestors.some((a) => t.isFunction(a))) return { reason: 'client-in-callback', node };
  const parent = ancestors[ancestors.length - 1];
  const grand = ancestors[ancestors.length - 2];
  const method = memberName(parent);
  const isCall =
    method !== undefined &&
    t.isMemberExpression(parent) &&
    parent.object === node &&
    t.isCallExpression(grand) &&
    grand.callee === parent;
  if (!isCall || !t.isIdentifier(node)) {
    return {
      reason: 'client-escapes',
      node,
      detail: t.isReturnStatement(parent) ? 'is returned' : 'is passed or stored where the tool cannot follow it',
    };
  }
  const call = grand;
  // A pool made per call with an 'error' listener: not a subscription, but the listener is this call's own pool's.
  if (EVENT_METHODS.includes(method) && site.kind === 'pool' && staticString(call.arguments[0]) === 'error')
    return {
      reason: 'unsupported',
      node,
      detail: `\`${node.name}.${method}('error', ...)\` listens on this call's own pool: a shared pool takes its 'error' listener once, where it is made`,
    };
  if (EVENT_METHODS.includes(method)) return { reason: 'listen-client', node };
  const connect = site.kind === 'client' ? driver.perCallClient?.connect : null;
  if (method === connect) {
    const statement = statementOf(call, ancestors);
    if (!statement || uses.queries.length > 0)
      return {
        reason: 'unsupported',
        node,
        detail: `\`${name}.${method}()\` where the tool expects it first, as a statement`,
      };
    uses.connects.push(statement);
    return null;
  }
  if (endMethods(site).includes(method)) {
    const statement = statementOf(call, ancestors);
    if (!statement || call.arguments.length > 0)
      return { reason: 'unsupported', node, detail: `\`${name}.${method}(...)\` used as a value` };
    uses.ends.push(statement);
    return null;
  }
  if (driver.queryMethods.includes(method)) {
    if (call.arguments.some((a) => t.isFunction(a))) return { reason: 'callback-api', node };
    const sql = sqlText(call.arguments[0], site.list);
    if (sql !== undefined && SQL_LISTEN.test(sql)) return { reason: 'listen-client', node };
    uses.queries.push({ call, object: node, path: ref.path, method, sql });
    return null;
  }
  if (site.kind === 'pool' && method === driver.acquire)
    return { reason: 'unsupported', node, detail: 'a checkout from a per-call pool' };
  return { reason: 'client-escapes', node, detail: `is used through \`.${method}()\`, which the tool does not model` };
}

/**
 * The call as a whole statement (`c.end();`, `await c.end();`) inside
 * statements a removal can reach into; null when it is part of something else.
 */
function statementOf(call: t.CallExpression, ancestors: t.Node[]): t.ExpressionStatement | null {
  const at = ancestors.lastIndexOf(call);
  const up = ancestors[at - 1];
  const holder = t.isAwaitExpression(up) && up.argument === call ? ancestors[at - 2] : up;
  if (!t.isExpressionStatement(holder)) return null;
  const outer = ancestors.slice(0, ancestors.indexOf(holder));
  return outer.every(holdsStatements) ? holder : null;
}
