/**
 * The Python gate: a connection opened per call (`conn = psycopg2.connect(...)`
 * and closed in the same function) pays a handshake on every call and opens
 * as many server connections as there are concurrent calls. It moves to the
 * project's pool of the same library and the same config (this module's, an
 * imported module's, or the pool module the run writes), as a checkout given
 * back in a `finally` (psycopg2, psycopg) or `async with pool.acquire()`
 * (asyncpg); `with psycopg.connect(...) as conn:` becomes `with
 * pool.connection() as conn:`, which commits on exit just as it did.
 * Left alone, with the reason: scripts run once, per-call configs, session
 * state a pooled connection would carry to the next caller, SQL the tool
 * cannot read, connections that leave the function. Left alone without one:
 * one-shot scripts, and functions that only create the schema.
 */
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { FactNeed } from '../../../src/core/facts';
import { type PyFunction, withItems } from '../../../src/frontends/python/facts';
import type { Decision } from '../../../src/core/types';
import type { PyDriverProfile } from '../../../src/drivers/python';
import { STARTUP_HOOKS } from '../../../src/drivers/python/frameworks';
import {
  type PyConfig,
  configOf,
  isInstanceName,
  isOneShotFile,
  usedOnlyAtTopLevel,
} from '../../../src/frontends/python/analysis/connections';
import { dependenciesNeeds, escapeFrom } from '../../../src/frontends/python/scan/dependencies';
import {
  importedFromHere,
  importedNamesNeed,
  runsOnceIn,
  runsOnceNeeds,
} from '../../../src/frontends/python/scan/imported';
import { type PyConnectSite, findPyPoolSites, methodCall } from '../../../src/frontends/python/analysis/driver-use';
import {
  exitAfter,
  inFinallyAfter,
  statementsOf,
  useAfter,
  within,
} from '../../../src/frontends/python/analysis/sections';
import type { PyContext } from '../../../src/frontends/python/context';
import { aloneOnLines } from '../../../src/frontends/python/edits';
import { importPathFor, importRootDoubt, moduleFile } from '../../../src/frontends/python/modules';
import { sqlText } from '../../../src/frontends/python/analysis/literals';
import { SQL_SCHEMA } from '../../../src/drivers/sql';
import { meaningOf } from '../../../src/frontends/python/names';
import { PY_POOLS, type PySharedPool } from '../../../src/frontends/python/scan/pools';
import type { MessageId, Options } from '../meta';
import type { Site } from './detect';
import { quoted, reportAt, spanOf } from '../../../src/frontends/python/decisions';
import { lambdaHandler } from '../../../src/frontends/python/analysis/lambda-handler';

export interface Plan {
  site: PyConnectSite;
  pool: PySharedPool;
  /** How this module reaches the pool: `from <module> import <name>`, or null when the pool is its own or already imported. */
  importFrom: string | null;
  shape: { kind: 'with' } | { kind: 'section'; opener: Node; closer: Node; early: Node[]; closeInFinally: boolean };
  config: PyConfig;
}

/**
 * The pool a per-call connection can come from instead, of its own kind
 * (asyncio or blocking), and its checkout and return, as code: an asyncio
 * pool's are awaited.
 */
function poolAdvice(driver: PyDriverProfile, async: boolean): { pool: string; checkout: string; release: string } {
  const ofKind = driver.pools.filter((p) => p.async === async);
  // A web app's requests run on several threads: only a pool they may share will do.
  const pool = ofKind.find((p) => p.threadSafe) ?? ofKind[0] ?? driver.pools[0];
  const awaited = async ? 'await ' : '';
  return {
    pool: `${pool.module}.${pool.name}${pool.kind === 'factory' ? '()' : ''}`,
    checkout: `${awaited}pool.${driver.checkout.method}()`,
    release: `${awaited}pool.${driver.release.method}(conn)`,
  };
}

/** Why the import root is in doubt, as a parenthesis for a message (empty when it is not). */
function doubt(file: string): string {
  const why = importRootDoubt(file);
  return why ? ` (${why})` : '';
}

/** SQL that changes the session for whoever gets the connection next. */
const SESSION_SQL =
  /^\s*(set\s+(?!local\b)|reset\b|listen\b|create\s+(temp|temporary)\s|prepare\s|declare\s+\w+.*\bwith\s+hold\b)/i;

export function gate(site: Site, ctx: PyContext, _options: Options): Decision<Plan, MessageId> {
  const { connect } = site;
  const conn = site.conn;
  const data = { client: conn, driver: connect.driver.label, what: 'a connection', pool: 'pool', detail: '' };
  if (runsOnceIn(ctx, connect.fn)) return { kind: 'ok', check: 'one-shot-script', at: spanOf(connect.statement) };
  if (!connect.fn && usedOnlyAtTopLevel(conn, ctx.facts) && !importedFromHere(ctx, conn))
    return { kind: 'ok', check: 'one-shot-script', at: spanOf(connect.statement) };
  if (!connect.fn)
    return reportAt('module-client', connect.statement, { ...data, detail: ', so every later query on it raises' });
  const unawaited = connect.async ? closesOf(ctx, connect, conn).find(calledAsStatement) : undefined;
  if (unawaited) return reportAt('close-not-awaited', unawaited, data);
  // `if conn_pool: return conn_pool.getconn() else: return connect()` with `conn_pool=<the module's pool>`: a
  // fallback that runs only when a caller passes no pool.
  if (site.kind === 'other' && poolFallback(connect.call, ctx))
    return { kind: 'ok', check: 'fallback-without-pool', at: spanOf(connect.call) };
  // `self.conn = connect(...)`: the instance's one connection, not one per call.
  if (site.kind === 'other' && keptOnInstance(connect))
    return reportAt('instance-client', connect.call, {
      ...data,
      client: connect.target ?? conn,
      where: connect.fn.name,
    });
  // `app.conn = await connect(...)` in `@app.before_serving`: the app's one connection, not one per call.
  const hook = site.kind === 'other' && connect.target?.includes('.') ? startupHook(connect.fn) : undefined;
  if (hook)
    return reportAt('startup-client', connect.call, {
      ...data,
      client: connect.target ?? conn,
      where: connect.fn.name,
      hook,
    });
  if (site.kind === 'other') return reportAt('client-escapes', connect.call, { ...data, detail: site.how });
  if (site.kind === 'request-store')
    return reportAt('request-scoped-client', connect.call, {
      ...data,
      framework: site.store.framework,
      ...poolAdvice(connect.driver, connect.async),
      where: !site.teardown
        ? 'where the request ends'
        : site.registered
          ? `in \`${site.teardown}()\``
          : `in \`${site.teardown}()\`, once it runs when the request ends (nothing in this module registers it: \`app.${site.store.teardowns[0]}(${site.teardown})\`; a teardown nothing registers never runs, and a pooled connection would never go back)`,
    });
  // psycopg2's `with connect() as conn` ends the transaction and leaves the connection open: no close to map, said so.
  const withBlock = connect.driver.connect.withBlock;
  if (site.kind === 'with' && withBlock === 'transaction') return reportAt('with-leaves-open', connect.call, data);
  if (site.kind === 'with' && withBlock !== 'closes')
    return reportAt('unsupported', connect.call, {
      ...data,
      detail: ` (a \`with\` over a ${connect.driver.label} connection)`,
    });
  // A connection that only creates the schema runs once at startup: a pool would only outlive it.
  if (schemaSetupOnly(ctx, connect, conn)) return { kind: 'ok', check: 'schema-setup', at: spanOf(connect.statement) };
  const config = configOf(connect, ctx.facts);
  // Only the instance's settings: one configuration every instance shares, or one per tenant; only the class says.
  if (config.fromInstance.length > 0 && config.perCall.every(isInstanceName))
    return reportAt('instance-config', connect.call, { ...data, detail: listed(config.fromInstance) });
  // `connect(dsn, autocommit=autocommit)`: only the session's behaviour comes from the caller.
  const settings = config.perCallKeywords;
  if (
    config.perCall.length > 0 &&
    settings?.length &&
    settings.every((keyword) => connect.driver.sessionKeywords.includes(keyword))
  )
    return reportAt('per-call-session', connect.call, { ...data, detail: listed(settings) });
  if (config.perCall.length > 0)
    return reportAt('per-call-config', connect.call, {
      ...data,
      detail: `it uses ${listed(config.perCall)}${defaultsNote(connect.fn, config.perCall)}`,
    });
  const escape = escapeFrom(ctx, conn, connect.fn, connect.statement);
  if (escape)
    return reportAt('client-escapes', escape.node, {
      ...data,
      detail:
        escape.kind === 'yield'
          ? `is yielded by a generator that is not a context manager (${escape.detail})`
          : `is ${escape.detail}`,
    });
  const session = sessionUse(ctx, connect, conn);
  if (session) return reportAt(session.id, session.node, { ...data, ...session.data });
  // The rewrite writes the library's checkout as its profile gives it; psycopg's is blocking, so an asyncio
  // connection (AsyncConnection.connect) would need forms the tool does not write.
  if (connect.async !== connect.driver.checkout.awaited)
    return reportAt('asyncio-connection', connect.call, { ...data, ...asyncioAdvice(ctx, connect, config) });
  // What the function does with the connection comes first: a connection it never closes needs closing, pool or not.
  const shape = site.kind === 'with' ? { kind: 'with' as const } : sectionShape(ctx, site, conn);
  if ('neverClosed' in shape) return reportAt('never-closed', shape.neverClosed, data);
  if ('refusal' in shape) return reportAt('unsupported', shape.node, { ...data, detail: ` (${shape.refusal})` });
  const chosen = choosePool(ctx, connect, config);
  if ('reason' in chosen) return reportAt(chosen.reason, connect.call, { ...data, detail: chosen.detail });
  // The pool's name is None until the function that makes it on first use has run.
  if (chosen.lazy)
    return reportAt('pool-made-lazily', connect.call, { ...data, pool: chosen.name, maker: chosen.lazy });
  const imported = importsPool(ctx, connect, chosen);
  const importFrom = chosen.path === ctx.path || imported ? null : (importPathFor(ctx.path, chosen.path) ?? null);
  if (chosen.path !== ctx.path && !imported && !importFrom)
    return reportAt('no-shared-pool', connect.call, {
      ...data,
      detail: `\`${chosen.name}\` in ${besideOrRelative(ctx, chosen.path)} cannot be imported from here by a path the tool can prove${doubt(ctx.path)}`,
    });
  // A Lambda function is often deployed as its handler's one file: a pool module the run writes is in no package.
  const handler = chosen.planned && importFrom ? lambdaHandler(ctx.facts) : undefined;
  if (handler && importFrom)
    return reportAt('lambda-handler', connect.call, {
      ...data,
      handler: handler.name,
      pool: chosen.name,
      module: importFrom,
    });
  const clash = nameClash(ctx, connect, chosen, importFrom);
  if (clash) return reportAt('unsupported', connect.call, { ...data, detail: ` (${clash})` });
  return {
    kind: 'fix',
    plan: { site: connect, pool: chosen, importFrom, shape, config },
    report: { messageId: 'per-call-client', at: spanOf(connect.call), data: { ...data, pool: chosen.name } },
  };
}

/** Another module, as a reader of this file finds it: relative to this file's directory. */
function besideOrRelative(ctx: PyContext, file: string): string {
  return file === ctx.path ? 'this module' : path.relative(path.dirname(ctx.path), file);
}

const listed = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

/**
 * What a per-call name defaults to, when it is a parameter whose default is
 * a module-level name (`def get_db(db_config=db_config)`): if no caller
 * passes another, the config is that module value and the connection can
 * move to a pool once the parameter goes.
 */
function defaultsNote(fn: PyFunction | null, names: readonly string[]): string {
  const params = fn?.node.childForFieldName('parameters')?.namedChildren ?? [];
  const defaults = params.flatMap((p) => {
    if (p?.type !== 'default_parameter' && p?.type !== 'typed_default_parameter') return [];
    const name = p.childForFieldName('name')?.text;
    const value = p.childForFieldName('value');
    return name && names.includes(name) && value && ['identifier', 'attribute'].includes(value.type)
      ? [`\`${name}\` defaults to the module's \`${quoted(value)}\``]
      : [];
  });
  if (defaults.length === 0) return '';
  const one = defaults.length === 1;
  return `; ${defaults.join(', ')}: if no caller passes another, use the module's ${one ? 'value' : 'values'} in your code in place of the ${one ? 'parameter' : 'parameters'}, then run the tool again`;
}

/** The project's pool of the same library that connects the same way; this module's first. */
function choosePool(
  ctx: PyContext,
  connect: PyConnectSite,
  config: PyConfig,
): PySharedPool | { reason: 'config-not-portable' | 'no-shared-pool'; detail: string } {
  const library = ctx.scan.get(PY_POOLS).filter((p) => p.driver === connect.driver.id);
  // A blocking connection cannot move to an asyncio pool (its checkouts are awaited), nor the reverse.
  const candidates = library
    .filter((p) => p.async === connect.async)
    .sort((a, b) => Number(b.path === ctx.path) - Number(a.path === ctx.path));
  if (candidates.length === 0 && library.length > 0)
    return { reason: 'no-shared-pool', detail: otherKindDetail(ctx, library[0], connect.async) };
  // With no pool to join and none the tool would write, whether the config could move to one is beside the point.
  if (candidates.length === 0 && madeOnlyAtStartup(connect.driver))
    return { reason: 'no-shared-pool', detail: noPoolDetail(connect.driver) };
  // `dsn = "dbname=app"` then `connect(dsn)`: the arguments name a local, so no pool is the same by their text.
  if (config.aliases.length > 0) return { reason: 'config-not-portable', detail: listed(config.aliases) };
  const same = candidates.find((p) => p.key === config.key);
  if (same && config.moduleLevel.length > 0 && same.path !== ctx.path && !carriedTo(same, config))
    return { reason: 'config-not-portable', detail: listed(config.moduleLevel) };
  if (same) return same;
  if (config.moduleLevel.length > 0) return { reason: 'config-not-portable', detail: listed(config.moduleLevel) };
  const other = candidates[0];
  if (other)
    return {
      reason: 'no-shared-pool',
      detail: `\`${other.name}\` in ${besideOrRelative(ctx, other.path)} connects with another config; if both reach the same database, give them the same config, then rerun`,
    };
  return { reason: 'no-shared-pool', detail: noPoolDetail(connect.driver) };
}

/** The pool module the run writes imports every module-level name the config reads, as this module does. */
function carriedTo(pool: PySharedPool, config: PyConfig): boolean {
  return (
    pool.planned &&
    config.moduleLevel.every((name) => config.carried.includes(name)) &&
    (pool.imports ?? []).join('\n') === config.imports.join('\n')
  );
}

/** Every pool of the library is made by an awaited factory (asyncpg's create_pool): at startup, never in a module the tool writes. */
function madeOnlyAtStartup(driver: PyDriverProfile): boolean {
  return driver.pools.every((p) => p.kind === 'factory' && p.async);
}

function noPoolDetail(driver: PyDriverProfile): string {
  if (!madeOnlyAtStartup(driver))
    return "the project has none, and the tool writes a pool module only when all of the project's such calls are in one directory and use one config; create the pool yourself (or give them one config in one directory), then rerun";
  const factory = driver.pools[0];
  return `the project has none, and ${driver.label} pools are made by an awaited ${factory.name}() at startup, which the tool does not write: create it there (\`pool = await ${factory.module}.${factory.name}(...)\`), then rerun`;
}

/** For an asyncio connection the tool does not move: the project's asyncio pool of the same config, else the class to make one with, and its scoped checkout. */
function asyncioAdvice(ctx: PyContext, connect: PyConnectSite, config: PyConfig): { pool: string; checkout: string } {
  const known = ctx.scan
    .get(PY_POOLS)
    .find((p) => p.driver === connect.driver.id && p.async && p.key === config.key && !p.lazy);
  const advice = poolAdvice(connect.driver, true);
  const scoped = connect.driver.scoped;
  return {
    pool: known
      ? `\`${known.name}\` in ${besideOrRelative(ctx, known.path)}`
      : `one \`${advice.pool}\` made at startup`,
    checkout: scoped ? `async with pool.${scoped.method}() as conn:` : `${advice.checkout} ... ${advice.release}`,
  };
}

/** Why the library's one pool will not do: it is an asyncio pool and the code blocks, or the reverse. */
function otherKindDetail(ctx: PyContext, pool: PySharedPool, async: boolean): string {
  const where = `\`${pool.name}\` in ${besideOrRelative(ctx, pool.path)}`;
  return async
    ? `${where} is a pool for threads, whose checkout would block the event loop; give this code an asyncio pool, then rerun`
    : `${where} is an asyncio pool, whose checkouts must be awaited, and this connection is opened by blocking code; give that code a pool for threads (or make it async), then rerun`;
}

/** A call on the connection or a cursor made from it, after the connect, in the same function. */
interface ConnCall {
  node: Node;
  method: string;
  /** A query method's SQL when it is a literal the tool can read; null when it cannot; undefined for other calls. */
  sql?: string | null;
}

function callsOn(ctx: PyContext, connect: PyConnectSite, conn: string): { calls: ConnCall[]; attribute?: Node } {
  const cursors = new Set<string>([conn]);
  let attribute: Node | undefined;
  for (const { node } of ctx.facts.assignments) {
    if (node.endIndex < connect.statement.startIndex) continue;
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left');
    const call = right?.type === 'call' ? methodCall(right) : undefined;
    if (call?.receiver.text === conn && call.method === 'cursor' && left?.type === 'identifier') cursors.add(left.text);
    if (!attribute && left?.type === 'attribute' && left.childForFieldName('object')?.text === conn) attribute = node;
  }
  // `with conn.cursor() as cur:` names a cursor too.
  for (const { node } of ctx.facts.withs) {
    if (node.endIndex < connect.statement.startIndex) continue;
    for (const { value, alias } of withItems(node)) {
      const call = value.type === 'call' ? methodCall(value) : undefined;
      if (call?.method === 'cursor' && cursors.has(call.receiver.text) && alias?.type === 'identifier')
        cursors.add(alias.text);
    }
  }
  const calls: ConnCall[] = [];
  for (const { node, fn } of ctx.facts.calls) {
    if (fn !== connect.fn || node.startIndex < connect.statement.endIndex) continue;
    const call = methodCall(node);
    if (!call || !onConnection(call.receiver, cursors)) continue;
    if (!connect.driver.queryMethods.includes(call.method)) {
      calls.push({ node, method: call.method });
      continue;
    }
    const sql = node.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
    calls.push({ node, method: call.method, sql: (sql ? sqlText(sql, ctx.facts, fn) : undefined) ?? null });
  }
  return { calls, attribute };
}

/**
 * What to call on the pool instead of `method` by hand: the same query where
 * the pool runs queries itself (asyncpg's `pool.execute`), else its checkout
 * (psycopg2's and psycopg_pool's pools run none: `pool.getconn()`,
 * `pool.connection()`).
 */
function byHand(driver: PyDriverProfile, method: string): string {
  if (driver.poolQueryMethods.includes(method)) return method;
  return driver.scoped?.method ?? driver.checkout.method;
}

/** `conn`, a cursor made from it, or `conn.cursor()` itself. */
function onConnection(receiver: Node, cursors: ReadonlySet<string>): boolean {
  if (receiver.type === 'identifier') return cursors.has(receiver.text);
  const inner = receiver.type === 'call' ? methodCall(receiver) : undefined;
  return inner?.method === 'cursor' && inner.receiver.type === 'identifier' && cursors.has(inner.receiver.text);
}

/** Session state, or SQL the tool cannot read, on the connection. */
function sessionUse(
  ctx: PyContext,
  connect: PyConnectSite,
  conn: string,
): { id: MessageId; node: Node; data: Record<string, string> } | undefined {
  const { calls, attribute } = callsOn(ctx, connect, conn);
  const { modeMethods, says } = connect.driver;
  // `conn.autocommit = True`, `conn.set_session(readonly=True)`: a mode of the connection object, not a SET to scope.
  if (attribute)
    return {
      id: 'session-mode',
      node: attribute,
      data: { detail: `sets \`${attribute.childForFieldName('left')?.text ?? ''}\``, returned: says.returned },
    };
  for (const { node, method, sql } of calls) {
    if (modeMethods.includes(method))
      return { id: 'session-mode', node, data: { detail: `calls \`${method}()\``, returned: says.returned } };
    if (sql === null)
      return { id: 'dynamic-sql', node, data: { method: byHand(connect.driver, method), pool: 'pool' } };
    if (sql !== undefined && SESSION_SQL.test(sql))
      return {
        id: 'session-state',
        node,
        data: { detail: `runs \`${sql.trim().split(/\s+/).slice(0, 3).join(' ')}\`` },
      };
  }
  return undefined;
}

/** Every query on the connection is a literal schema statement (`CREATE TABLE IF NOT EXISTS ...`). */
function schemaSetupOnly(ctx: PyContext, connect: PyConnectSite, conn: string): boolean {
  const queries = callsOn(ctx, connect, conn).calls.filter((c) => c.sql !== undefined);
  return (
    queries.length > 0 &&
    queries.every((q) => typeof q.sql === 'string' && SQL_SCHEMA.test(q.sql) && !SESSION_SQL.test(q.sql))
  );
}

/**
 * The section from the connect to its last close: the last close a
 * statement of the same block (or already in a finally after it), any other
 * just before an exit, nothing using the connection after.
 */
function sectionShape(
  ctx: PyContext,
  site: Extract<Site, { kind: 'assigned' }>,
  conn: string,
): Extract<Plan['shape'], { kind: 'section' }> | { refusal: string; node: Node } | { neverClosed: Node } {
  const { connect } = site;
  const block = connect.statement.parent;
  if (!block) return { refusal: 'it is not in a block', node: connect.statement };
  const closes = closesOf(ctx, connect, conn);
  // Nothing to move into a finally: the connection is left for the garbage collector to close.
  if (closes.length === 0) return { neverClosed: connect.statement };
  const statements = statementsOf(block);
  const index = statements.findIndex((s) => s.id === connect.statement.id);
  const inFinally = closes.find((c) => inFinallyAfter(c, connect.statement));
  if (inFinally) {
    const statement = statementOf(inFinally);
    if (closes.length > 1 || !statement) return { refusal: 'it is closed in more than one place', node: inFinally };
    return { kind: 'section', opener: connect.statement, closer: statement, early: [], closeInFinally: true };
  }
  const finals = closes
    .map(statementOf)
    .filter((s): s is Node => s !== undefined && s.parent?.id === block.id)
    .filter((s) => statements.findIndex((x) => x.id === s.id) > index);
  const closer = finals[finals.length - 1];
  if (!closer)
    return { refusal: 'it is not closed by a statement of the block that opens it', node: connect.statement };
  const last = statements.findIndex((s) => s.id === closer.id);
  const early: Node[] = [];
  for (const c of closes) {
    const s = statementOf(c);
    if (!s || s.id === closer.id) continue;
    if (!exitAfter(s) || !within(s, statements[index + 1], statements[last - 1]) || !aloneOnLines(ctx.text, s))
      return { refusal: 'it is closed on a path that goes on', node: c };
    early.push(s);
  }
  const after = useAfter(statements.slice(last + 1), conn);
  if (after) return { refusal: 'it is used after it is closed', node: after };
  if (!aloneOnLines(ctx.text, connect.statement) || !aloneOnLines(ctx.text, closer))
    return { refusal: 'its connect or close shares a line with other code', node: connect.statement };
  return { kind: 'section', opener: connect.statement, closer, early, closeInFinally: false };
}

/** Every `conn.close()` (awaited or not) in the connect's function. */
function closesOf(ctx: PyContext, connect: PyConnectSite, conn: string): Node[] {
  return ctx.facts.calls
    .filter(({ node, fn }) => {
      const call = fn === connect.fn ? methodCall(node) : undefined;
      return call?.receiver.text === conn && connect.driver.connect.close.includes(call.method);
    })
    .map(({ node }) => node);
}

/** The decorator by which the framework runs `fn` once when the app starts, if it is one. */
function startupHook(fn: PyFunction): string | undefined {
  return fn.decorators.find((d) => STARTUP_HOOKS.some((hook) => hook.test(d)));
}

/** Assigned to an attribute of the method's instance or class (`self.conn`, `cls.conn`). */
function keptOnInstance(connect: PyConnectSite): connect is PyConnectSite & { fn: PyFunction } {
  const base = /^(\w+)\.\w+$/.exec(connect.target ?? '')?.[1];
  return connect.fn !== null && base !== undefined && isInstanceName(base);
}

/**
 * `conn.close()` on a line of its own, not awaited: an asyncio connection's
 * close() is a coroutine, so the statement only makes it. One passed on
 * (`asyncio.gather(conn.close())`) is awaited where it goes.
 */
function calledAsStatement(call: Node): boolean {
  return call.parent?.type === 'expression_statement';
}

/** The expression statement a call is (through an await), if it is one. */
function statementOf(call: Node): Node | undefined {
  const expression = call.parent?.type === 'await' ? call.parent : call;
  return expression.parent?.type === 'expression_statement' ? expression.parent : undefined;
}

/** The pool's name would mean something else here: a name of the function, or another binding of the module. */
/** The module already imports the pool under its name (`from .db import pool`, `from app.db import pool`). */
function importsPool(ctx: PyContext, connect: PyConnectSite, pool: PySharedPool): boolean {
  const meaning = meaningOf(pool.name, connect.fn, ctx.facts);
  return (
    meaning.kind === 'import' &&
    meaning.binding.fn === null &&
    meaning.binding.imported === pool.name &&
    moduleFile(ctx.path, meaning.binding.module) === pool.path
  );
}

function nameClash(
  ctx: PyContext,
  connect: PyConnectSite,
  pool: PySharedPool,
  importFrom: string | null,
): string | undefined {
  const meaning = meaningOf(pool.name, connect.fn, ctx.facts);
  if (meaning.kind === 'local') return `\`${pool.name}\` names a parameter or local of this function`;
  if (importFrom === null) return undefined;
  if (meaning.kind === 'module') return `this module already has a \`${pool.name}\` of its own`;
  if (meaning.kind === 'import' && !(meaning.binding.module === importFrom && meaning.binding.imported === pool.name))
    return `this module already imports another \`${pool.name}\``;
  return undefined;
}

/**
 * The project's pools, unless every site here is reported or left alone
 * before a pool is chosen; a module with a `__main__` guard, whether the
 * project imports it.
 */
export function needs(sites: readonly Site[], ctx: PyContext): FactNeed[] {
  // A script by where it lives or by its top-level event loop, whoever imports it.
  if (isOneShotFile(ctx.path, ctx.facts, () => true)) return [];
  const choosesPool = sites.some((s) => s.kind !== 'other' && s.connect.fn !== null);
  // A module-level connection its functions never use is shared only when another module imports it.
  const topLevelOnly = sites.some((s) => s.connect.fn === null && usedOnlyAtTopLevel(s.conn, ctx.facts));
  return [
    ...runsOnceNeeds(ctx),
    ...(choosesPool ? [{ fact: PY_POOLS }] : []),
    ...(topLevelOnly ? [importedNamesNeed(ctx)] : []),
    ...dependenciesNeeds(
      ctx,
      sites.map((s) => ({ conn: s.conn, fn: s.connect.fn, statement: s.connect.statement })),
    ),
  ];
}

/**
 * A connect in the `else` of `if <param>:`, where `<param>` defaults to a
 * pool this module makes (`def get_conn(conn_pool=conn_pool)`): it runs only
 * when a caller passes a falsy pool, which a default never is.
 */
function poolFallback(call: Node, ctx: PyContext): boolean {
  let node: Node | null = call;
  while (node && node.type !== 'else_clause' && node.type !== 'function_definition') node = node.parent;
  const test = node?.type === 'else_clause' ? node.parent?.childForFieldName('condition') : undefined;
  if (test?.type !== 'identifier') return false;
  let fn: Node | null = node;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const parameter = fn
    ?.childForFieldName('parameters')
    ?.namedChildren.find((p) => p?.type === 'default_parameter' && p.childForFieldName('name')?.text === test.text);
  const value = parameter?.childForFieldName('value');
  if (value?.type !== 'identifier') return false;
  return findPyPoolSites(ctx.facts).some((pool) => pool.fn === null && pool.target === value.text);
}
