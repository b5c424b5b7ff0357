/**
 * Candidate sites: every pool made once and every long-lived client (a
 * module-level `new Client()`), each with whether something already listens
 * for its 'error'; and every connection held while the code awaits other work.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { type Connection, connectionsOf } from '../../../src/frontends/js/analysis/connections';
import {
  bindingUse,
  instanceUse,
  storedOn,
  subscriptionText,
} from '../../../src/frontends/js/analysis/kept-connections';
import { driverBindings, resolveDriverCallee } from '../../../src/frontends/js/analysis/driver-use';
import {
  type WorkKind,
  classifyWait,
  filePools,
  heldBy,
  plainIoContext,
} from '../../../src/frontends/js/analysis/work';
import { beginsTransaction, textOf } from '../../../src/frontends/js/analysis/held-section';
import { functionName } from '../../../src/frontends/js/analysis/work';
import {
  type PoolSite,
  endedByItsFunction,
  findPoolSites,
  outermostObjectOf,
} from '../../../src/frontends/js/analysis/pool-sites';
import type { JsContext } from '../../../src/frontends/js/context';
import { type DriverProfile, EVENT_METHODS, closeMethods, driverById } from '../../../src/drivers';
import { isExportsTarget } from '../../../src/frontends/js/scan/exports';
import {
  endOf,
  functionBoundTo,
  memberName,
  propertyKey,
  startOf,
  staticString,
} from '../../../src/frontends/js/nodes';

/** Something made once that emits 'error': a pool, or a client kept for the life of the process. */
export interface Emitter {
  name: string;
  driver: DriverProfile;
  /** The top-level statement that makes it (a listener goes right after it); null when it is not one. */
  statement: t.Statement | null;
  call: t.Node;
  listens: boolean;
  pool: PoolSite | null;
  /** A pool a function returns without naming it (`return new Pool()`, `useFactory: () => new Pool()`): that function. */
  returnedBy?: string;
  /** A client made on first use into a module-level variable (`if (!client) client = new Client()`). */
  lazy?: boolean;
  /** The variable that holds a long-lived client, where one does. */
  binding?: Binding;
}

/** A connection held across an await of other work: `what` names the work, as the classifier says it. */
interface HeldSite {
  kind: 'held';
  connection: Connection;
  wait: t.AwaitExpression;
  what: string;
  /** A BEGIN sent on the connection before the wait: the transaction (and its locks) keep it held through the wait. */
  inTransaction: boolean;
}

/** A connection checked out and kept to listen on (LISTEN, notifications), with nothing listening for its 'error'. */
interface SubscriberSite {
  kind: 'subscriber';
  /** The checkout statement (a local) or call (stored on `this`). */
  at: t.Node;
  client: string;
  how: string;
}

/** A long-lived client's `connect()` whose promise nobody handles: a failed connect is an unhandled rejection. */
interface ConnectSite {
  kind: 'connect';
  call: t.CallExpression;
  client: string;
}

export type Site = { kind: 'emitter'; emitter: Emitter } | HeldSite | ConnectSite | SubscriberSite;

export function detect(ctx: JsContext): Site[] {
  const sites: Site[] = [];
  const listeners = errorListenerCalls(ctx);
  const listened = new Set(listeners.map((call) => textOf(call.callee.object, ctx.text)));
  for (const pool of findPoolSites(ctx.facts)) {
    const returnedBy = pool.name ? undefined : returningFunction(pool.path);
    if (!pool.name && !returnedBy) continue;
    // A listener goes right after the statement that makes the pool: at module level, in the constructor, or in
    // the function that makes it and keeps it (an init, a memoised getter, a middleware factory), that the module
    // runs once (`main()`), or that ends it before it returns (a script's check), where the statement after it runs
    // once for each pool made.
    const statement =
      pool.scope === 'module'
        ? declarationStatement(pool.path)
        : pool.scope === 'instance'
          ? constructorStatement(pool.path)
          : pool.scope === 'kept' || pool.scope === 'once' || endedByItsFunction(pool.path, pool.binding)
            ? blockStatement(pool.path)
            : null;
    sites.push({
      kind: 'emitter',
      emitter: {
        name: pool.name ?? 'pool',
        driver: pool.driver,
        statement: pool.name ? statement : null,
        call: pool.call,
        listens: pool.name ? listened.has(pool.name) || listensThroughHelper(pool.binding, listeners) : false,
        pool,
        ...(returnedBy ? { returnedBy } : {}),
      },
    });
  }
  for (const client of longLivedClients(ctx)) {
    const listens = [client.name, `this.${client.name}`, `module.exports.${client.name}`, `exports.${client.name}`];
    sites.push({ kind: 'emitter', emitter: { ...client, listens: listens.some((n) => listened.has(n)) } });
    const connect = client.binding ? unhandledConnect(client.binding) : undefined;
    if (connect) sites.push({ kind: 'connect', call: connect, client: client.name });
  }
  if (usesPg(ctx)) sites.push(...heldAcrossAwait(ctx).map((held) => ({ kind: 'held' as const, ...held })));
  if (usesPg(ctx)) sites.push(...keptSubscribers(ctx));
  return sites;
}

/**
 * pg connections checked out and kept to listen on, with nothing listening
 * for their 'error': a local (`const client = await pool.connect()` then
 * `client.query('LISTEN ...')`) or a class's field (`this.listener = await
 * this.pool.connect()`, read across the class).
 */
function keptSubscribers(ctx: JsContext): SubscriberSite[] {
  const sites: SubscriberSite[] = [];
  for (const connection of connectionsOf(ctx.facts, ctx.text, ctx.project.dependencies)) {
    const use = bindingUse(connection.binding, PG);
    const client = connection.binding.identifier.name;
    if (use.subscribed && !use.errorListener)
      sites.push({ kind: 'subscriber', at: connection.holder, client, how: subscriptionText(client, use.subscribed) });
  }
  for (const call of ctx.facts.calls) {
    if (memberName(call.node.callee) !== PG.acquire) continue;
    const holder = storedOn(call, ctx.text);
    const use = holder ? instanceUse(call, holder, PG, ctx.text) : undefined;
    if (holder && use?.subscribed && !use.errorListener)
      sites.push({ kind: 'subscriber', at: call.node, client: holder, how: subscriptionText(holder, use.subscribed) });
  }
  return sites;
}

type ErrorListenerCall = t.CallExpression & { callee: t.MemberExpression | t.OptionalMemberExpression };

/** The calls of `.on('error', ...)` (or once/addListener/prependListener) anywhere in the file, read once per detect. */
function errorListenerCalls(ctx: JsContext): ErrorListenerCall[] {
  return ctx.facts.calls.flatMap(({ node: call }) =>
    (t.isMemberExpression(call.callee) || t.isOptionalMemberExpression(call.callee)) &&
    EVENT_METHODS.includes(memberName(call.callee) ?? '') &&
    staticString(call.arguments[0]) === 'error'
      ? [call as ErrorListenerCall]
      : [],
  );
}

/**
 * The pool is handed to a function of this file that listens for `error` on
 * the parameter it arrives in (supabase/postgres-meta's query helper does
 * `pgpool.once('error', ...)` for each query it sends through the pool):
 * the code already handles the pool's errors, through that function.
 */
function listensThroughHelper(binding: Binding | null, listeners: readonly ErrorListenerCall[]): boolean {
  if (!binding) return false;
  return binding.referencePaths.some((ref) => {
    const call = ref.parentPath;
    if (!call?.isCallExpression() || !t.isIdentifier(call.node.callee)) return false;
    const index = call.node.arguments.indexOf(ref.node as t.Expression);
    const callee = call.scope.getBinding(call.node.callee.name);
    // A declaration, or a name assigned once: what it runs is what was written there.
    const fn =
      callee && (t.isFunctionDeclaration(callee.path.node) || callee.constantViolations.length === 0)
        ? functionBoundTo(callee)
        : undefined;
    const param = index >= 0 ? fn?.params[index] : undefined;
    if (!fn || !t.isIdentifier(param)) return false;
    const name = param.name;
    return listeners.some(
      (listen) =>
        t.isIdentifier(listen.callee.object, { name }) && startOf(listen) >= startOf(fn) && endOf(listen) <= endOf(fn),
    );
  });
}

/**
 * `const pool = new Pool()` or `pool = new Pool()` as a statement of a block
 * of the making function: its body, or a memo's `if (!pool) { ... }`. What
 * follows it in that block runs once for each pool made, and its name is in
 * scope there. (A one-statement `if` without braces has no such place.)
 */
function blockStatement(path: NodePath): t.Statement | null {
  const statement = path.getStatementParent();
  if (!statement?.parentPath?.isBlockStatement()) return null;
  return statement.isVariableDeclaration() || statement.isExpressionStatement() ? statement.node : null;
}

/**
 * `return new Pool()`, `() => new Pool()`, or `return { client: new Pool() }`:
 * the function's name (`createPool`, `useFactory`), or a description.
 */
function returningFunction(construction: NodePath): string | undefined {
  const path = outermostObjectOf(construction);
  const parent = path.parentPath;
  const fn = parent?.isReturnStatement()
    ? path.getFunctionParent()
    : parent?.isArrowFunctionExpression()
      ? parent
      : null;
  if (!fn) return undefined;
  const named = fn.isFunction() ? functionName(fn) : undefined;
  if (named) return `${named}()`;
  const key =
    fn.parentPath?.isObjectProperty() || fn.isObjectMethod() || fn.isClassMethod() ? propertyName(fn) : undefined;
  return key ? `${key}()` : 'the function that returns it';
}

/** The key of a method, or of the property a function is the value of. */
function propertyName(fn: NodePath): string | undefined {
  const holder = fn.isObjectMethod() || fn.isClassMethod() ? fn.node : fn.parent;
  return t.isObjectProperty(holder) || t.isObjectMethod(holder) || t.isClassMethod(holder)
    ? propertyKey(holder)
    : undefined;
}

/** `this.pool = new Pool()` as a statement of a constructor's body, or of a block in it (one branch of an `if`). */
function constructorStatement(path: NodePath): t.Statement | null {
  const fn = path.getFunctionParent();
  return fn?.isClassMethod({ kind: 'constructor' }) ? blockStatement(path) : null;
}

/**
 * The statement that declares what a construction makes, where a listener
 * can follow it in the same block: `const pool = new Pool()` at module level
 * (or exported), or inside a block that is not a function (a cluster
 * worker's `else { const client = new Client() }`), since a `const` or `let`
 * there is out of scope after the enclosing top-level statement.
 */
function declarationStatement(path: NodePath): t.Statement | null {
  let statement: NodePath | null = path.getStatementParent();
  while (
    statement?.parentPath &&
    (statement.parentPath.isExportNamedDeclaration() || statement.parentPath.isExportDefaultDeclaration())
  )
    statement = statement.parentPath;
  const container = statement?.parentPath;
  if (!statement || !container || !(container.isProgram() || container.isBlockStatement())) return null;
  return statement.node as t.Statement;
}

/**
 * Clients kept for the life of the process: in a module-level variable, in
 * the exported object (`module.exports = { client: new Client() }`), or in a
 * module-level variable a function fills on first use and never ends
 * (`if (!client) client = new Client()`).
 */
function longLivedClients(ctx: JsContext): Omit<Emitter, 'listens'>[] {
  const bindings = driverBindings(ctx.facts);
  const found: Omit<Emitter, 'listens'>[] = [];
  for (const p of ctx.facts.news) {
    const resolved = resolveDriverCallee(p.node.callee, bindings);
    if (
      !resolved ||
      !resolved.binding.driver.pool?.errorEvent ||
      !resolved.binding.driver.clientFactories.some((f) => f.kind === 'new' && f.name === resolved.name)
    )
      continue;
    const held = clientHolder(p, resolved.binding.driver);
    if (!held) continue;
    found.push({ ...held, driver: resolved.binding.driver, statement: null, call: p.node, pool: null });
  }
  return found;
}

function clientHolder(
  p: NodePath<t.NewExpression>,
  driver: DriverProfile,
): { name: string; lazy?: boolean; binding?: Binding } | undefined {
  const parent = p.parentPath;
  if (!p.getFunctionParent()) {
    if (parent.isVariableDeclarator() && t.isIdentifier(parent.node.id)) {
      const binding = p.scope.getBinding(parent.node.id.name);
      if (!binding) return { name: parent.node.id.name };
      return endedSomewhere(binding, driver) ? undefined : { name: parent.node.id.name, binding };
    }
    const object = parent.parentPath;
    if (parent.isObjectProperty({ value: p.node }) && t.isIdentifier(parent.node.key) && object?.parentPath) {
      const exported = object.parentPath;
      if (exported.isAssignmentExpression({ right: object.node }) && isExportsTarget(exported.node.left))
        return { name: parent.node.key.name };
    }
    if (parent.isAssignmentExpression({ right: p.node }) && isExportsTarget(parent.node.left))
      return { name: memberName(parent.node.left) ?? 'client' };
    return undefined;
  }
  if (!parent.isAssignmentExpression({ right: p.node }) || !t.isIdentifier(parent.node.left)) return undefined;
  const binding = p.scope.getBinding(parent.node.left.name);
  if (!binding?.scope.path.isProgram() || endedSomewhere(binding, driver)) return undefined;
  return { name: binding.identifier.name, lazy: true, binding };
}

/** `client.connect()` as a statement of its own: no await, no callback, no `.then`/`.catch` on its promise. */
function unhandledConnect(binding: Binding): t.CallExpression | undefined {
  for (const ref of binding.referencePaths) {
    const member = ref.parentPath;
    const call = member?.parentPath;
    if (
      member?.isMemberExpression({ object: ref.node }) &&
      memberName(member.node) === 'connect' &&
      call?.isCallExpression({ callee: member.node }) &&
      call.node.arguments.length === 0 &&
      call.parentPath?.isExpressionStatement()
    )
      return call.node;
  }
  return undefined;
}

/**
 * Ended by the code that uses it: a script's connection (connect, work, end),
 * or a client per call that happens to live in a module variable. Neither is
 * kept for the life of the process.
 */
function endedSomewhere(binding: Binding, driver: DriverProfile): boolean {
  const ends = closeMethods(driver);
  return binding.referencePaths.some((r) => ends.includes(memberName(r.parent) ?? ''));
}

function usesPg(ctx: JsContext): boolean {
  return ctx.facts.imports.some((i) => i.source === 'pg' || i.source === 'pg-pool') || 'pg' in ctx.project.dependencies;
}

/**
 * A connection held while the code awaits something that is not a query on
 * it (nor on a pool): the first such await between the checkout and the
 * connection's last use, in the function that checked it out, classified by
 * the shared work classifier (I/O, a timer, thread-pool work, an unknown
 * call, or a promise made earlier; never a plain value such as `req.body`).
 */
function heldAcrossAwait(ctx: JsContext): Omit<HeldSite, 'kind'>[] {
  const connections = connectionsOf(ctx.facts, ctx.text, ctx.project.dependencies);
  const found: Omit<HeldSite, 'kind'>[] = [];
  if (connections.length === 0) return found;
  // Awaits in source order, and the file's pools, once per file: each connection then looks only at its own stretch.
  const awaits = [...ctx.facts.awaits].sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
  // One set for every connection: a big file's connections mostly name the same pool.
  const pools = new Set([...filePools(ctx.facts), ...connections.map((c) => c.poolText)]);
  // Asked only for an await that is not the connection's own query (a big file of plain sections never builds it).
  const io = () => plainIoContext(ctx.facts);
  for (const connection of connections) {
    const refs = connection.binding.referencePaths;
    if (refs.length === 0) continue;
    const held = heldBy(connection.binding, pools);
    const from = connection.holder.end ?? 0;
    const lastUse = Math.max(...refs.map((r) => r.node.start ?? 0));
    const fn = connection.binding.path.getFunctionParent()?.node ?? null;
    for (let i = firstAfter(awaits, from); i < awaits.length && (awaits[i].node.start ?? 0) < lastUse; i++) {
      const a = awaits[i];
      if ((a.getFunctionParent()?.node ?? null) !== fn) continue;
      const work = classifyWait(a.node, held, io, a.scope);
      if (!WAITS.has(work.kind)) continue;
      found.push({ connection, wait: a.node, what: work.what, inTransaction: beganBefore(connection.binding, a.node) });
      break;
    }
  }
  return found;
}

/** The held-client check is pg's (see usesPg). */
const PG = driverById('pg');

/** `client.query('BEGIN')` before `wait`: the wait runs inside the connection's transaction. */
function beganBefore(binding: Binding, wait: t.Node): boolean {
  return binding.referencePaths.some((ref) => {
    const call = ref.parentPath?.parentPath?.node;
    return (
      (ref.node.end ?? 0) <= (wait.start ?? 0) &&
      t.isCallExpression(call) &&
      call.callee === ref.parent &&
      beginsTransaction(call, memberName(ref.parent) ?? '', PG)
    );
  });
}

/** What holds a connection long enough for a connection error to go unheard: anything but its own queries and plain values. */
const WAITS: ReadonlySet<WorkKind> = new Set(['io', 'timer', 'thread-pool', 'unknown', 'promise']);

/** Index of the first await starting after `offset` (binary search). */
function firstAfter(awaits: readonly NodePath<t.AwaitExpression>[], offset: number): number {
  let low = 0;
  let high = awaits.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((awaits[mid].node.start ?? 0) <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
