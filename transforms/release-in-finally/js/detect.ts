/**
 * Candidate sites: every `const c = await pool.connect()` statement, every
 * callback-style acquire, and every acquire that starts a `.then` chain.
 */
import { SQL_BEGIN, SQL_ROLLBACK, SQL_SESSION } from '../../../src/drivers/sql';
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { type Acquire, findAcquires } from '../../../src/frontends/js/analysis/acquires';
import { declaredDrivers, driverForAcquire, importedDrivers } from '../../../src/frontends/js/analysis/driver-use';
import { textOf } from '../../../src/frontends/js/analysis/held-section';
import { type KeptUse, instanceUse, storedOn } from '../../../src/frontends/js/analysis/kept-connections';
import type { JsContext } from '../../../src/frontends/js/context';
import {
  ACQUIRE_METHODS,
  DRIVERS,
  type DriverProfile,
  RELEASE_METHODS,
  TRANSACTION_HELPER,
  clientReleaseMethods,
} from '../../../src/drivers';
import { calleeBase, contains, containsAwait, memberName, sqlText, walk } from '../../../src/frontends/js/nodes';
import { type PoolSite, findPoolSites, oneConnection } from '../../../src/frontends/js/analysis/pool-sites';
import { resolveRelative } from '../../../src/frontends/js/resolve';

export type Site =
  /** `shadows`: a connection of the same name, checked out in an enclosing scope, this one hides. */
  | { kind: 'acquire'; acquire: Acquire; shadows?: Acquire }
  | {
      kind: 'callback';
      call: t.CallExpression;
      callback: t.Function;
      driver: DriverProfile;
      releaseMethods: string[];
      queryMethods: string[];
    }
  | { kind: 'chain'; call: NodePath<t.CallExpression | t.OptionalCallExpression> }
  /** `await pool.getConnection()` on a pool of a library's callback API (`mysql2`, not `mysql2/promise`): it awaits `undefined`. */
  | { kind: 'awaited-callback-acquire'; call: t.CallExpression; pool: string; driver: DriverProfile; module: string }
  /**
   * `await pool.connect();`, `pool.connect().then(() => ...)`: a checkout on a
   * pool this file makes whose connection nothing receives, so nothing can
   * release it (a startup "is the database up" check).
   */
  /** `promise`: `await pool.connect();`, `.then(() => ...)`; `callback`: `pool.connect((err) => ...)`. */
  | {
      kind: 'discarded-checkout';
      call: t.CallExpression;
      pool: string;
      driver: DriverProfile;
      form: 'promise' | 'callback';
    }
  /**
   * A checkout (or its promise) stored on an object (`req.client = await pool.connect()`), for other code to release.
   * `instance`: stored on `this` in a class, whose other methods are that code (`released`: one of them releases it;
   * `subscribed`: one subscribes to its events or sends LISTEN, so it is meant to stay checked out).
   */
  | {
      kind: 'stored';
      call: t.CallExpression;
      holder: string;
      driver: DriverProfile;
      instance?: KeptUse;
    }
  /**
   * `pool.query('BEGIN')`: a transaction opened through the pool, on whichever connection it hands out. The pool is
   * made in this file (`driver` known), or imported from a module of the project (`from`: the scan says whether that
   * module makes a pool by that name).
   */
  | {
      kind: 'pool-transaction';
      call: t.CallExpression;
      pool: string;
      method: string;
      sql: string;
      driver?: DriverProfile;
      from?: { file: string; imported: string };
      /** Reached as a member the app was decorated with (`server.mysql`): the scan says whether that is a pool. */
      decorator?: string;
      /** A session setting (`SET ...`, `LISTEN`), not a BEGIN: it stays on one connection of the pool. */
      session?: boolean;
    }
  /**
   * `tx(pool, async (client) => { await pool.query(...) })`: a query sent
   * through the pool inside a transaction helper's callback, instead of
   * through the connection the helper hands it. The pool is known as for
   * `pool-transaction`. One site per callback.
   */
  | {
      kind: 'pool-in-transaction';
      call: t.CallExpression;
      pool: string;
      method: string;
      helper: string;
      client: string;
      driver?: DriverProfile;
      from?: { file: string; imported: string };
      decorator?: string;
    }
  /**
   * `conn.rollback()` (or `client.query('ROLLBACK')`) left un-awaited in the
   * catch of a try that awaited the same connection's BEGIN: the code after
   * it runs before the rollback has, and a rollback that fails rejects with
   * nobody listening.
   */
  | { kind: 'unawaited-rollback'; call: t.CallExpression; text: string }
  /**
   * `const r = conn.execute(sql); conn.release(); return r`: the release runs
   * while the query it just sent is still running on that connection.
   */
  | { kind: 'released-early'; release: t.CallExpression; query: string; client: string }
  /**
   * `db.getConnection(req, res, (connection) => ...)`: a function imported
   * from the project called with a callback, which may be one that module
   * hands a checked-out connection to (the scan says: WRAPPED_ACQUIRES).
   */
  | { kind: 'wrapped'; call: t.CallExpression; local: string; method: string; callback: t.Function; index: number };

/** Methods that run a statement on a pool itself (`pool.query`). */
const QUERY_METHODS = new Set(DRIVERS.filter((d) => d.poolQuery).flatMap((d) => d.queryMethods));

export function detect(ctx: JsContext): Site[] {
  const inFile = importedDrivers(ctx.facts);
  const inProject = declaredDrivers(ctx.project.dependencies);
  const evidence = inFile.size > 0 || inProject.size > 0;
  const sites: Site[] = [];
  for (const p of ctx.facts.calls) {
    const call = p.node;
    const method = memberName(call.callee);
    if (!method || !ACQUIRE_METHODS.includes(method) || !t.isMemberExpression(call.callee)) continue;
    // Without any database library in sight, only a receiver named like a pool counts.
    if (!evidence && !/pool/i.test(textOf(call.callee.object, ctx.text))) continue;
    const callback = call.arguments[call.arguments.length - 1];
    const found = driverForAcquire(method, inFile, inProject);
    if (
      call.arguments.length === 1 &&
      t.isFunction(callback) &&
      callback.params.length >= 2 &&
      t.isCallExpression(call) &&
      found
    ) {
      const drivers = DRIVERS.filter((d) => d.acquire === method);
      sites.push({
        kind: 'callback',
        call,
        callback,
        driver: found.driver,
        releaseMethods: clientReleaseMethods(drivers),
        queryMethods: drivers.flatMap((d) => d.queryMethods),
      });
      continue;
    }
    if (call.arguments.length === 0 && memberName(p.parent) === 'then') {
      sites.push({ kind: 'chain', call: p });
      const early = chainReleasedEarly(p, ctx.text);
      if (early) sites.push(early);
    }
    const holder = storedOn(p, ctx.text);
    if (holder && found && t.isCallExpression(call) && call.arguments.length <= found.driver.acquireMaxArgs)
      sites.push({
        kind: 'stored',
        call,
        holder,
        driver: found.driver,
        instance: instanceUse(p, holder, found.driver, ctx.text),
      });
  }
  sites.push(...poolTransactions(ctx), ...poolQueriesInTransactions(ctx), ...wrappedCalls(ctx));
  if (evidence) sites.push(...unawaitedRollbacks(ctx));
  const awaitedCallbacks = awaitedCallbackAcquires(ctx);
  const reported = new Set<t.Node>(awaitedCallbacks.map((s) => s.call));
  sites.push(...awaitedCallbacks);
  const discarded = discardedCheckouts(ctx);
  const seen = new Set<t.Node>(discarded.map((s) => s.call));
  // The chain reading below would call such a chain "not a checkout" (it never releases): this says more.
  for (let i = sites.length - 1; i >= 0; i--) {
    const s = sites[i];
    if (s.kind === 'chain' && seen.has(s.call.node)) sites.splice(i, 1);
  }
  sites.push(...discarded);
  const acquires = findAcquires(ctx.facts, ctx.text, inFile, inProject).filter((a) => !reported.has(a.call));
  for (const acquire of acquires) sites.push({ kind: 'acquire', acquire, shadows: shadowed(acquire, acquires) });
  return sites;
}

/**
 * The first callback of `pool.getConnection().then((conn) => { ... })`, if
 * it releases early. (After an awaited checkout the section analysis says the
 * same: `unawaited-query`.)
 */
export function chainReleasedEarly(
  acquire: NodePath<t.CallExpression | t.OptionalCallExpression>,
  text: string,
): Extract<Site, { kind: 'released-early' }> | undefined {
  const callback = thenCallback(acquire);
  if (!callback || !t.isBlockStatement(callback.body) || !t.isIdentifier(callback.params[0])) return undefined;
  return releasedEarly(callback.body.body, callback.params[0].name, text);
}

/** The callback of `pool.connect().then(callback)`: the one handed the connection. */
export function thenCallback(acquire: NodePath<t.CallExpression | t.OptionalCallExpression>): t.Function | undefined {
  const member = acquire.parentPath;
  const then = member?.isMemberExpression({ object: acquire.node }) ? member.parentPath : undefined;
  const callback =
    then?.isCallExpression() && memberName(then.node.callee) === 'then' ? then.node.arguments[0] : undefined;
  return t.isFunction(callback) ? callback : undefined;
}

/**
 * In one statement list: a query sent on `client` and not waited for
 * (no await, no callback), then `client.release()` with nothing awaited in
 * between. The connection is back in the pool while its query runs.
 */
function releasedEarly(
  statements: readonly t.Statement[],
  client: string,
  text: string,
): Extract<Site, { kind: 'released-early' }> | undefined {
  let query: t.CallExpression | undefined;
  for (const statement of statements) {
    if (containsAwait(statement)) return undefined;
    const release = releaseOf(statement, client);
    if (release)
      return query ? { kind: 'released-early', release, query: textOf(query.callee, text), client } : undefined;
    query ??= dispatchedQuery(statement, client);
  }
  return undefined;
}

/** `client.release()`, as a statement or an arrow function's body. */
export function releaseOf(node: t.Node, client: string): t.CallExpression | undefined {
  const call = t.isExpressionStatement(node) ? node.expression : node;
  return t.isCallExpression(call) &&
    t.isMemberExpression(call.callee) &&
    t.isIdentifier(call.callee.object, { name: client }) &&
    RELEASE_METHODS.includes(memberName(call.callee) ?? '')
    ? call
    : undefined;
}

/** `client.query(...)` in a statement, without a callback (its promise is what tells when it is done). */
function dispatchedQuery(statement: t.Statement, client: string): t.CallExpression | undefined {
  let found: t.CallExpression | undefined;
  walk(statement, (n) => {
    if (
      !found &&
      t.isCallExpression(n) &&
      t.isMemberExpression(n.callee) &&
      t.isIdentifier(n.callee.object, { name: client }) &&
      CONNECTION_QUERY_METHODS.has(memberName(n.callee) ?? '') &&
      !n.arguments.some((a) => t.isFunction(a))
    )
      found = n;
  });
  return found;
}

/**
 * `await pool.getConnection()` with no callback, where `pool` is made in this
 * file through the library's callback API and not turned into its promise
 * pool (`.promise()`): the call returns nothing, so the await gets
 * `undefined` and the connection it asked for is never handed over.
 */
function awaitedCallbackAcquires(ctx: JsContext): Extract<Site, { kind: 'awaited-callback-acquire' }>[] {
  const callbackPool = (p: PoolSite) => p.module === p.driver.callbackModule && !promiseWrapped(p.path);
  return bareCheckouts(ctx, callbackPool, (call) => call.arguments.length === 0)
    .filter(({ call }) => call.parentPath.isAwaitExpression())
    .map(({ call, pool }) => ({
      kind: 'awaited-callback-acquire',
      call: call.node,
      pool: pool.name!,
      driver: pool.driver,
      module: pool.module,
    }));
}

/**
 * Checkouts on a pool of this file whose connection nothing receives:
 * `await pool.connect();` or `pool.connect();` as a statement, or a `.then`
 * whose callback takes no parameter (a promise API's: a callback pool's
 * `getConnection()` returns nothing); or, as a statement, a checkout whose
 * callback takes no connection, `pool.connect((err) => ...)` (pg hands it
 * `(err, client, release)`, mysql `(err, connection)`).
 */
function discardedCheckouts(ctx: JsContext): Extract<Site, { kind: 'discarded-checkout' }>[] {
  const promisePool = (p: PoolSite) => p.module !== p.driver.callbackModule || promiseWrapped(p.path);
  const releasedByClient = (p: PoolSite) => p.driver.release.some((r) => r.on === 'client');
  const site =
    (form: 'promise' | 'callback') =>
    ({ call, pool }: { call: NodePath<t.CallExpression>; pool: PoolSite }) =>
      ({ kind: 'discarded-checkout', call: call.node, pool: pool.name!, driver: pool.driver, form }) as const;
  return [
    ...bareCheckouts(ctx, promisePool, (call) => call.arguments.length === 0)
      .filter(({ call }) => receivesNothing(call))
      .map(site('promise')),
    ...bareCheckouts(ctx, releasedByClient, takesNoConnection)
      .filter(({ call }) => call.parentPath.isExpressionStatement())
      .map(site('callback')),
  ];
}

/**
 * The checkout's only argument is a callback written in place that names no
 * connection parameter (its first is the error) and reads no `arguments`.
 */
function takesNoConnection(call: t.CallExpression): boolean {
  const [callback] = call.arguments;
  if (call.arguments.length !== 1 || !t.isFunction(callback) || callback.params.length >= 2) return false;
  if (callback.params.some((p) => t.isRestElement(p))) return false;
  // An arrow reads its enclosing function's `arguments`, so any mention inside leaves the site alone.
  return !contains(callback.body, (n) => t.isIdentifier(n, { name: 'arguments' }), true);
}

/** Checkouts (`pool.connect(...)`, `pool.getConnection(...)`) that `shape` accepts, on a named pool of this file that `which` accepts. */
function bareCheckouts(
  ctx: JsContext,
  which: (pool: PoolSite) => boolean,
  shape: (call: t.CallExpression) => boolean,
): { call: NodePath<t.CallExpression>; pool: PoolSite }[] {
  const found: { call: NodePath<t.CallExpression>; pool: PoolSite }[] = [];
  for (const pool of findPoolSites(ctx.facts).filter((p) => p.binding && p.name && which(p)))
    for (const ref of pool.binding!.referencePaths) {
      const member = ref.parentPath;
      const call = member?.parentPath;
      if (
        member?.isMemberExpression({ object: ref.node }) &&
        memberName(member.node) === pool.driver.acquire &&
        call?.isCallExpression({ callee: member.node }) &&
        shape(call.node)
      )
        found.push({ call, pool });
    }
  return found;
}

/** The checkout's result goes nowhere: a statement of its own (awaited or not), or a `.then(() => ...)`. */
function receivesNothing(call: NodePath<t.CallExpression>): boolean {
  const holder = call.parentPath.isAwaitExpression() ? call.parentPath.parentPath : call.parentPath;
  return !!holder?.isExpressionStatement() || thenCallback(call)?.params.length === 0;
}

/**
 * Calls of a name imported from a project module, named as a checkout
 * (`db.getConnection(...)`, `getConnection(...)`), with a callback argument.
 */
function wrappedCalls(ctx: JsContext): Extract<Site, { kind: 'wrapped' }>[] {
  const imported = new Set(
    ctx.facts.imports.filter((i) => i.source.startsWith('.')).flatMap((i) => i.bindings.map((b) => b.local)),
  );
  if (imported.size === 0) return [];
  const found: Extract<Site, { kind: 'wrapped' }>[] = [];
  for (const p of ctx.facts.calls) {
    const call = p.node;
    if (!t.isCallExpression(call)) continue;
    const callee = call.callee;
    const local = calleeBase(callee);
    if (!local || !imported.has(local) || p.scope.getBinding(local)?.scope !== ctx.facts.scope) continue;
    const method = t.isMemberExpression(callee) ? (memberName(callee) ?? '') : '';
    // Wrappers named as the library's checkout (`db.getConnection(req, res, cb)`), which the prefilter admits.
    if (!ACQUIRE_METHODS.includes(method || local)) continue;
    call.arguments.forEach((arg, index) => {
      if (t.isFunction(arg) && arg.params.length > 0)
        found.push({ kind: 'wrapped', call, local, method, callback: arg, index });
    });
  }
  return found;
}

/** Methods that open or abort a transaction on a connection (`beginTransaction`, `rollback`), over every library. */
const BEGIN_METHODS = new Set(DRIVERS.flatMap((d) => d.transaction.begin));
const ROLLBACK_METHODS = new Set(DRIVERS.flatMap((d) => d.transaction.rollback));
const CONNECTION_QUERY_METHODS = new Set(DRIVERS.flatMap((d) => d.queryMethods));

/**
 * A rollback whose promise is dropped in a catch. Only where the try awaited
 * the same receiver's BEGIN: the author treats that connection's calls as
 * promises (a callback-API connection's `rollback()` returns none), and the
 * receiver is known to hold a transaction, whatever it is named.
 */
function unawaitedRollbacks(ctx: JsContext): Extract<Site, { kind: 'unawaited-rollback' }>[] {
  const found: Extract<Site, { kind: 'unawaited-rollback' }>[] = [];
  for (const p of ctx.facts.calls) {
    const call = p.node;
    if (!t.isCallExpression(call) || !t.isMemberExpression(call.callee) || !p.parentPath.isExpressionStatement())
      continue;
    if (!isTransactionCall(call, ROLLBACK_METHODS, SQL_ROLLBACK)) continue;
    const clause = p.findParent((q) => q.isCatchClause() || q.isFunction());
    if (!clause?.isCatchClause() || !p.getFunctionParent()?.node.async) continue;
    const receiver = textOf(call.callee.object, ctx.text);
    const attempt = clause.parentPath;
    if (!attempt.isTryStatement() || !awaitsBegin(attempt.node.block, receiver, ctx.text)) continue;
    found.push({ kind: 'unawaited-rollback', call, text: textOf(call, ctx.text) });
  }
  return found;
}

/** `x.rollback()` (a method in `methods`, with no callback), or `x.query('ROLLBACK')` (SQL matching `sql`). */
function isTransactionCall(call: t.CallExpression, methods: ReadonlySet<string>, sql: RegExp): boolean {
  const method = memberName(call.callee) ?? '';
  if (call.arguments.some((a) => t.isFunction(a))) return false;
  if (methods.has(method)) return true;
  const text = CONNECTION_QUERY_METHODS.has(method) ? sqlText(call.arguments[0]) : undefined;
  return text !== undefined && sql.test(text);
}

/** `await receiver.beginTransaction()` or `await receiver.query('BEGIN')` in `block` (not in a nested function). */
function awaitsBegin(block: t.BlockStatement, receiver: string, text: string): boolean {
  return contains(
    block,
    (n) =>
      t.isAwaitExpression(n) &&
      t.isCallExpression(n.argument) &&
      t.isMemberExpression(n.argument.callee) &&
      textOf(n.argument.callee.object, text) === receiver &&
      isTransactionCall(n.argument, BEGIN_METHODS, SQL_BEGIN),
  );
}

/** `mysql.createPool(...).promise()`: the promise pool, whose methods return promises. */
function promiseWrapped(construction: NodePath): boolean {
  const parent = construction.parentPath;
  return !!parent?.isMemberExpression({ object: construction.node }) && memberName(parent.node) === 'promise';
}

/** The acquire whose binding `acquire`'s name hides (by scope, not by name alone), if any. */
function shadowed(acquire: Acquire, all: readonly Acquire[]): Acquire | undefined {
  const outer = acquire.path.scope.parent?.getBinding(acquire.client);
  return outer ? all.find((a) => a.binding === outer) : undefined;
}

/**
 * `BEGIN` (or `START TRANSACTION`) sent through a pool: each pool query
 * checks a connection out and gives it back, so the statements after it may
 * each run on another connection, and the transaction stays open on a
 * connection the next caller gets. The pools this file makes, and names
 * imported from the project's own modules (checked against the scan by the
 * gate). One site per function.
 */
function poolTransactions(ctx: JsContext): Site[] {
  const sites: Site[] = [];
  const seen = new Set<string>();
  for (const { receiver, call, method } of poolQueries(ctx)) {
    if (receiver.single) continue;
    const sql = sqlText(call.node.arguments[0]);
    const session = sql !== undefined && !SQL_BEGIN.test(sql) && SQL_SESSION.test(sql);
    if (sql === undefined || (!SQL_BEGIN.test(sql) && !session)) continue;
    // One site per function and kind: the first BEGIN, the first session setting.
    const once = `${call.getFunctionParent()?.node.start ?? -1}:${session}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const { name, driver, from, decorator } = receiver;
    sites.push({
      kind: 'pool-transaction',
      call: call.node,
      pool: name,
      method,
      sql: sql.trim(),
      driver,
      from,
      ...(decorator ? { decorator } : {}),
      ...(session ? { session } : {}),
    });
  }
  return sites;
}

/**
 * Queries sent through a pool from inside the callback a transaction helper
 * runs with its own connection (`tx(pool, async (client) => ...)`,
 * `withTransaction`, `db.transaction`): they run outside the transaction, on
 * another connection of the same pool. One site per callback.
 */
function poolQueriesInTransactions(ctx: JsContext): Site[] {
  const sites: Site[] = [];
  const seen = new Set<t.Node>();
  for (const { receiver, call, method } of poolQueries(ctx)) {
    const fn = call.getFunctionParent();
    const helperCall = fn?.parentPath;
    if (!fn || seen.has(fn.node) || !helperCall?.isCallExpression() || fn.listKey !== 'arguments') continue;
    const helper = calleeText(helperCall.node.callee, ctx.text);
    const client = fn.node.params[0];
    if (!helper || !TRANSACTION_HELPER.test(helper) || !t.isIdentifier(client)) continue;
    seen.add(fn.node);
    const { name, driver, from, decorator } = receiver;
    sites.push({
      kind: 'pool-in-transaction',
      call: call.node,
      pool: name,
      method,
      helper,
      client: client.name,
      driver,
      from,
      ...(decorator ? { decorator } : {}),
    });
  }
  return sites;
}

/** A callee as written, when it is a name or a member chain (`tx`, `db.transaction`). */
function calleeText(callee: t.Node, text: string): string | undefined {
  return t.isIdentifier(callee) || t.isMemberExpression(callee) ? textOf(callee, text) : undefined;
}

/**
 * Every `pool.query(...)` on a pool this file makes or imports from the
 * project, and every `<app>.<name>.query(...)` on a member the app may be
 * decorated with (`server.mysql`; the gate asks the scan whether it is).
 */
function poolQueries(ctx: JsContext): { receiver: Receiver; call: NodePath<t.CallExpression>; method: string }[] {
  const receivers: (Receiver & { binding: Binding })[] = [];
  for (const pool of findPoolSites(ctx.facts))
    if (pool.binding && pool.name && pool.driver.poolQuery)
      receivers.push({
        binding: pool.binding,
        name: pool.name,
        driver: pool.driver,
        single: oneConnection(pool),
      });
  for (const i of ctx.facts.imports) {
    const file = resolveRelative(ctx.path, i.source);
    if (!file) continue;
    for (const b of i.bindings) {
      const binding = ctx.facts.scope.getBinding(b.local);
      if (binding && !b.typeOnly) receivers.push({ binding, name: b.local, from: { file, imported: b.imported } });
    }
  }
  const out: { receiver: Receiver; call: NodePath<t.CallExpression>; method: string }[] = [];
  for (const receiver of receivers)
    for (const ref of receiver.binding.referencePaths) {
      const member = ref.parentPath;
      const call = member?.parentPath;
      if (!member?.isMemberExpression({ object: ref.node }) || !call?.isCallExpression({ callee: member.node }))
        continue;
      const method = memberName(member.node);
      if (!method || !QUERY_METHODS.has(method) || (receiver.driver && !receiver.driver.queryMethods.includes(method)))
        continue;
      out.push({ receiver, call, method });
    }
  for (const p of ctx.facts.calls) {
    const callee = p.node.callee;
    if (!p.isCallExpression() || !t.isMemberExpression(callee) || !t.isMemberExpression(callee.object)) continue;
    const method = memberName(callee);
    const decorator = memberName(callee.object);
    if (!method || !decorator || callee.object.computed || !QUERY_METHODS.has(method)) continue;
    out.push({ receiver: { name: textOf(callee.object, ctx.text), decorator }, call: p, method });
  }
  return out;
}

/**
 * What a query may be sent through: a pool made here (its library known), a
 * name imported from the project, or a member the app may be decorated with.
 */
interface Receiver {
  name: string;
  driver?: DriverProfile;
  from?: { file: string; imported: string };
  decorator?: string;
  single?: boolean;
}
