/**
 * Candidate sites: every statement sent through a query method of a
 * connection that can be PostgreSQL's, whose SQL relies on the session, every
 * named query config, and every pg pool or client config that sends session
 * settings as startup parameters.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { connectionsOf } from '../../../src/frontends/js/analysis/connections';
import { importedDrivers } from '../../../src/frontends/js/analysis/driver-use';
import { NOT_PG, findClientConstructions, pgOnlyProject } from '../../../src/frontends/js/analysis/pgbouncer';
import { type ConfigView, findPoolSites, oneConnection } from '../../../src/frontends/js/analysis/pool-sites';
import type { JsContext } from '../../../src/frontends/js/context';
import { driverById } from '../../../src/drivers';
import { SQL_BEGIN, SQL_SESSION, SQL_TRANSACTION } from '../../../src/drivers/sql';
import { memberName, propertyKey, sqlText, staticString } from '../../../src/frontends/js/nodes';

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

/** A pg pool or client construction, as far as its startup parameters go. */
interface ConfigOwner {
  what: 'pool' | 'client';
  call: t.NewExpression | t.CallExpression;
  /** What holds it (`pool`, `this.pool`, `client`); null when nothing does. */
  name: string | null;
  config: ConfigView;
  /** A pool made once (statement-timeout's to configure), not per call. */
  once?: boolean;
  /** The startup parameters it sends, when made through another export of pg (`native` sends only `options`). */
  sends?: readonly string[];
}

export type Site = QuerySite | { kind: 'config'; owner: ConfigOwner; keys: string[] };

/**
 * pg's own query methods: a receiver the file does not show to be pg counts
 * as pg in a pg-only project, and another library's method name on it
 * (`useCase.execute({ name, email })`) is not a query.
 */
const QUERY_METHODS = new Set(driverById('pg').queryMethods);

/** Config keys node-postgres sends as startup parameters, which PgBouncer refuses (from the pg profile). */
const PG_POOL = driverById('pg').pool;
const STARTUP_PARAMETERS = PG_POOL?.startupParameters ?? [];
/**
 * The timeouts statement-timeout owns on a pool made once: it writes them
 * only where PgBouncer is not known to be in front, and reports them itself
 * where it is. Noting them here too would contradict what the same run
 * writes, so they are that transform's alone.
 */
const STATEMENT_TIMEOUT_KEYS = new Set(
  [PG_POOL?.statementTimeout?.key, PG_POOL?.idleInTransactionTimeout?.key].filter((k): k is string => !!k),
);

export function detect(ctx: JsContext): Site[] {
  const sites: Site[] = [];
  const onPg = pgReceivers(ctx);
  const splitsSessions = poolReceivers(ctx);
  for (const path of ctx.facts.calls) {
    const call = path.node;
    if (
      !t.isCallExpression(call) ||
      !t.isMemberExpression(call.callee) ||
      !QUERY_METHODS.has(memberName(call.callee) ?? '') ||
      !onPg(call.callee.object, path)
    )
      continue;
    const arg = call.arguments[0];
    const named = t.isObjectExpression(arg)
      ? arg.properties.find((p): p is t.ObjectProperty => t.isObjectProperty(p) && propertyKey(p) === 'name')
      : undefined;
    const sql = sqlText(arg);
    // A session statement sent through a pool of several connections is broken with or without PgBouncer:
    // release-in-finally reports that (session-on-pool), so it is not noted here a second time.
    if (sql !== undefined && SQL_SESSION.test(sql) && splitsSessions(call.callee.object, path)) continue;
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
  // A Client sends the same startup parameters as a pool's clients (pg lib/client.js getStartupConf reads its config).
  const owners: ConfigOwner[] = [
    ...findPoolSites(ctx.facts)
      .filter((p) => p.driver.id === 'pg')
      .map((p): ConfigOwner => ({
        what: 'pool',
        call: p.call,
        name: p.name,
        config: p.config,
        once: !p.perCall,
        sends: p.via ? PG_POOL?.startupParametersVia?.[p.via] : undefined,
      })),
    ...findClientConstructions(ctx.facts)
      .filter((c) => c.driver.id === 'pg')
      .map((c): ConfigOwner => ({ what: 'client', call: c.call, name: c.name, config: c.config })),
  ].sort((a, b) => (a.call.start ?? 0) - (b.call.start ?? 0));
  for (const owner of owners) {
    const view = owner.config;
    if (view.kind !== 'object') continue;
    const keys = (owner.sends ?? STARTUP_PARAMETERS).filter((k) => {
      const prop = view.props.get(k);
      if (!prop || (owner.once && STATEMENT_TIMEOUT_KEYS.has(k))) return false;
      // `statement_timeout: 0` is never sent: pg leaves a falsy value out of the startup packet.
      return !(PG_POOL?.startupParametersOnlyTruthy && literallyFalsy(prop.value));
    });
    if (keys.length > 0) sites.push({ kind: 'config', owner, keys });
  }
  return sites;
}

/** `0`, `''`, `false`, `null`, `undefined`: a value written so that it is falsy. */
function literallyFalsy(value: t.Node): boolean {
  return (
    (t.isNumericLiteral(value) && value.value === 0) ||
    (t.isStringLiteral(value) && value.value === '') ||
    (t.isBooleanLiteral(value) && !value.value) ||
    t.isNullLiteral(value) ||
    t.isIdentifier(value, { name: 'undefined' })
  );
}

/**
 * Whether a query call's receiver can be a PostgreSQL connection. `SET x`
 * on a mysql2 pool is MySQL's session variable and no PgBouncer is in front
 * of it, and `.query()` is a common method name (jQuery plugins, ORMs), so:
 * a receiver known to be a pg pool, client or checked-out connection is; one
 * known to be another library's is not; any other is when pg is imported
 * here, or (the file importing no other SQL library) the project declares pg
 * and no other SQL library. A file that imports only another SQL library has
 * no pg receiver at all.
 */
function pgReceivers(ctx: JsContext): (receiver: t.Node, at: NodePath) => boolean {
  const inFile = importedDrivers(ctx.facts);
  if (!inFile.has('pg') && NOT_PG.some((id) => inFile.has(id))) return () => false;
  const otherwise = inFile.has('pg') || pgOnlyProject(ctx.project.dependencies);

  const known = new Map<Binding, boolean>();
  const knownText = new Map<string, boolean>();
  const holders = [...findPoolSites(ctx.facts), ...findClientConstructions(ctx.facts)];
  for (const h of holders) {
    const isPg = h.driver.id === 'pg';
    if (h.binding) known.set(h.binding, isPg);
    // A pool held by a member (`this.pool`) has no binding: its text names it.
    else if (h.name) knownText.set(h.name, isPg);
  }
  for (const c of connectionsOf(ctx.facts, ctx.text, ctx.project.dependencies)) {
    const from = c.poolBinding ? known.get(c.poolBinding) : knownText.get(c.poolText);
    if (from !== undefined) known.set(c.binding, from);
  }
  return (receiver, at) => {
    const byBinding = t.isIdentifier(receiver) ? at.scope.getBinding(receiver.name) : undefined;
    const verdict = byBinding
      ? known.get(byBinding)
      : knownText.get(ctx.text.slice(receiver.start ?? 0, receiver.end ?? 0));
    // `const useCase = new CreateUser()`: made by a class other than pg's, which would be known above.
    if (verdict === undefined && constructedHere(byBinding)) return false;
    return verdict ?? otherwise;
  };
}

function constructedHere(binding: Binding | undefined): boolean {
  const node = binding?.path.node;
  return t.isVariableDeclarator(node) && t.isNewExpression(node.init);
}

/** Whether a receiver is a pool of this file with more than one connection: each query may run on another. */
function poolReceivers(ctx: JsContext): (receiver: t.Node, at: NodePath) => boolean {
  const pools = new Set(
    findPoolSites(ctx.facts)
      .filter((p) => p.binding && !oneConnection(p))
      .map((p) => p.binding),
  );
  return (receiver, at) => t.isIdentifier(receiver) && pools.has(at.scope.getBinding(receiver.name) ?? null);
}

function isStatement(path: NodePath): boolean {
  const holder = path.parentPath?.isAwaitExpression() ? path.parentPath : path;
  return holder.parentPath?.isExpressionStatement() === true;
}

/** Transaction statements (`BEGIN`, `COMMIT`, `ROLLBACK`) by the block that holds them and the receiver they run on. */
type TransactionIndex = Map<t.Node, Map<string, { start: number; begin: boolean }[]>>;

const transactionIndexes = new WeakMap<JsContext['facts'], TransactionIndex>();

/** Built once per file, so each query looks only at its own blocks (not at every call of the file). */
function transactionIndex(ctx: JsContext): TransactionIndex {
  const cached = transactionIndexes.get(ctx.facts);
  if (cached) return cached;
  const index: TransactionIndex = new Map();
  for (const other of ctx.facts.calls) {
    const c = other.node;
    if (!t.isMemberExpression(c.callee)) continue;
    const sql = sqlText(c.arguments[0]);
    if (sql === undefined || !SQL_TRANSACTION.test(sql)) continue;
    const block = other.findParent((p) => p.isBlockStatement() || p.isProgram());
    if (!block) continue;
    const receiver = ctx.text.slice(c.callee.object.start ?? 0, c.callee.object.end ?? 0);
    const byReceiver = index.get(block.node) ?? new Map<string, { start: number; begin: boolean }[]>();
    byReceiver.set(receiver, [
      ...(byReceiver.get(receiver) ?? []),
      { start: c.start ?? 0, begin: SQL_BEGIN.test(sql) },
    ]);
    index.set(block.node, byReceiver);
  }
  transactionIndexes.set(ctx.facts, index);
  return index;
}

/** The last transaction statement on the same receiver before this call, in this block or one around it, is a BEGIN. */
function inTransaction(path: NodePath<t.CallExpression | t.OptionalCallExpression>, ctx: JsContext): boolean {
  const callee = path.node.callee;
  if (!t.isMemberExpression(callee)) return false;
  const receiver = ctx.text.slice(callee.object.start ?? 0, callee.object.end ?? 0);
  const at = path.node.start ?? 0;
  const index = transactionIndex(ctx);
  let last: { start: number; begin: boolean } | undefined;
  for (let p: NodePath | null = path; p; p = p.parentPath) {
    if (!p.isBlockStatement() && !p.isProgram()) continue;
    for (const statement of index.get(p.node)?.get(receiver) ?? [])
      if (statement.start < at && (!last || statement.start > last.start)) last = statement;
  }
  return last?.begin === true;
}
