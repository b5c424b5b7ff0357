/**
 * The gate: for each site, before anything changes, decide whether moving
 * the release into one place keeps the program's behaviour, and if not say
 * why in the user's terms.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { releasesOnEveryPath } from './callback-release';
import {
  type Problem,
  type ProblemId,
  analyzeSection,
  memberOnConnection,
} from '../../../src/frontends/js/analysis/held-section';
import type { Acquire } from '../../../src/frontends/js/analysis/acquires';
import { type Decision, type Report, reportAll } from '../../../src/core/types';
import type { FactNeed } from '../../../src/core/facts';
import {
  DECORATED_POOLS,
  HELPER,
  IMPORTED_OBJECTS,
  POOLS,
  WRAPPED_ACQUIRES,
} from '../../../src/frontends/js/scan/facts';
import { POOL_DECORATOR_PLUGINS } from '../../../src/drivers/frameworks';
import type { JsContext } from '../../../src/frontends/js/context';
import type { DriverProfile } from '../../../src/drivers';
import { DRIVERS, RELEASE_METHODS, clientReleaseMethods, releaseCall } from '../../../src/drivers';
import { declaredDrivers } from '../../../src/frontends/js/analysis/driver-use';
import { jobKind } from '../../../src/frontends/js/analysis/job-module';
import { subscriptionText } from '../../../src/frontends/js/analysis/kept-connections';
import { type ReleasePlan, isRefusal, planRelease, releaseContextOf } from '../../../src/frontends/js/fixes/release';
import { contains, memberName, staticString, walk, spanOf } from '../../../src/frontends/js/nodes';
import { extraReleases } from './double';
import { type Site, chainReleasedEarly, releaseOf, thenCallback } from './detect';
import type { Options, MessageId } from '../meta';

/** Either the release moves into one place, or (already in a finally) the extra releases go. */
export type Plan = ReleasePlan | { style: 'drop-extra'; statements: t.ExpressionStatement[] };

/** In helper style the release goes through the helper module: where it lives is a cross-file fact. */
export function needs(sites: readonly Site[], ctx: JsContext, options: Options): FactNeed[] {
  const throughPool = sites.filter((s) => s.kind === 'pool-transaction' || s.kind === 'pool-in-transaction');
  const imported = throughPool.some((s) => s.from);
  const decorated = throughPool.some((s) => s.decorator);
  const wrapped = sites.some((s) => s.kind === 'wrapped');
  const objects = sites.some((s) => s.kind === 'acquire' && s.acquire.receiverImport);
  return [
    ...(options.style === 'helper' ? [{ fact: HELPER }] : []),
    ...(imported ? [{ fact: POOLS }] : []),
    ...(decorated ? [{ fact: DECORATED_POOLS }] : []),
    ...(wrapped ? [{ fact: WRAPPED_ACQUIRES, file: ctx.path }] : []),
    ...(objects ? [{ fact: IMPORTED_OBJECTS, file: ctx.path }] : []),
  ];
}

export function gate(site: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  if (site.kind === 'callback') {
    if (releasesOnEveryPath(site.callback, site.releaseMethods, site.queryMethods))
      return { kind: 'ok', check: 'released-on-every-path', at: spanOf(site.call) };
    const client = t.isIdentifier(site.callback.params[1]) ? site.callback.params[1].name : 'connection';
    return {
      kind: 'report',
      report: { messageId: 'callback-acquire', at: spanOf(site.call), data: driverData(client, site.driver) },
    };
  }
  if (site.kind === 'discarded-checkout') {
    const release = releaseCall(site.driver, site.pool, 'client');
    return {
      kind: 'report',
      report: {
        messageId: 'checkout-discarded',
        at: spanOf(site.call),
        data: {
          ...driverData('connection', site.driver),
          call: `${site.pool}.${site.driver.acquire}(${site.form === 'callback' ? '...' : ''})`,
          pool: site.pool,
          release:
            site.form === 'callback'
              ? `take it in the callback and give it back: \`(err, client) => { ...; ${release}; }\``
              : `\`.then((client) => ${release})\``,
        },
      },
    };
  }
  if (site.kind === 'awaited-callback-acquire')
    return {
      kind: 'report',
      report: {
        messageId: 'awaited-callback-acquire',
        at: spanOf(site.call),
        data: { pool: site.pool, acquire: `${site.pool}.${site.driver.acquire}()`, module: site.module },
      },
    };
  if (site.kind === 'stored' && site.instance) {
    const { subscribed, released } = site.instance;
    const data = driverData(site.holder, site.driver);
    if (subscribed)
      return {
        kind: 'report',
        report: {
          messageId: 'event-subscription',
          at: spanOf(site.call),
          data: { ...data, detail: `${subscriptionText(site.holder, subscribed)}, so it is meant to stay checked out` },
        },
      };
    const messageId = released ? 'kept-on-instance' : 'kept-unreleased';
    return { kind: 'report', report: { messageId, at: spanOf(site.call), data } };
  }
  if (site.kind === 'stored') {
    const data = {
      ...driverData(site.holder, site.driver),
      detail: `it is stored on \`${site.holder}\`, where other code uses and releases it`,
    };
    return { kind: 'report', report: { messageId: 'stored-checkout', at: spanOf(site.call), data } };
  }
  if (site.kind === 'wrapped') return gateWrapped(site, ctx);
  if (site.kind === 'released-early')
    return {
      kind: 'report',
      report: {
        messageId: 'released-before-settled',
        at: spanOf(site.release),
        data: { client: site.client, query: `${site.query}(...)` },
      },
    };
  if (site.kind === 'unawaited-rollback')
    return {
      kind: 'report',
      report: { messageId: 'unawaited-rollback', at: spanOf(site.call), data: { call: site.text } },
    };
  if (site.kind === 'pool-transaction') {
    const driver = site.driver ?? importedPoolDriver(site.from, ctx) ?? decoratedPoolDriver(site.decorator, ctx);
    if (!driver) return { kind: 'ok', check: 'not-a-pool', at: spanOf(site.call) };
    const data = {
      pool: site.pool,
      call: `${site.pool}.${site.method}('${site.sql.replace(/\s+/g, ' ').slice(0, 40)}')`,
      acquire: `${site.pool}.${driver.acquire}()`,
    };
    const messageId = site.session ? 'session-on-pool' : 'transaction-on-pool';
    return { kind: 'report', report: { messageId, at: spanOf(site.call), data } };
  }
  if (site.kind === 'pool-in-transaction') {
    const driver = site.driver ?? importedPoolDriver(site.from, ctx) ?? decoratedPoolDriver(site.decorator, ctx);
    if (!driver) return { kind: 'ok', check: 'not-a-pool', at: spanOf(site.call) };
    const data = {
      call: `${site.pool}.${site.method}(...)`,
      helper: site.helper,
      client: site.client,
      method: site.method,
    };
    return { kind: 'report', report: { messageId: 'pool-in-transaction', at: spanOf(site.call), data } };
  }
  if (site.kind === 'chain') {
    // Released right after the query is sent, unconditionally: no error can skip it (released-before-settled says what is wrong).
    if (chainReleasedEarly(site.call, ctx.text))
      return { kind: 'ok', check: 'released-on-every-path', at: spanOf(site.call.node) };
    const { releases, everyPath } = chainReleases(site.call);
    // A chain that never releases is some other `connect()` (a pg Client, a socket).
    if (!releases || everyPath)
      return { kind: 'ok', check: releases ? 'released-on-every-path' : 'not-a-checkout', at: spanOf(site.call.node) };
    return {
      kind: 'report',
      report: { messageId: 'promise-chain-acquire', at: spanOf(site.call.node), data: { client: 'connection' } },
    };
  }
  if (site.shadows && liveAt(site.shadows, site.acquire) && !releasedInFinally(site.shadows)) {
    const outer = site.shadows;
    return {
      kind: 'report',
      report: {
        messageId: 'shadows-held-connection',
        at: spanOf(site.acquire.statement),
        data: { ...driverData(outer.client, outer.driver), line: String(outer.statement.loc?.start.line ?? '?') },
      },
    };
  }
  return gateAcquire(site.acquire, ctx, options);
}

/**
 * A checkout at the module's top level (an ES module's top-level await) that
 * the module's functions use: one connection held for the life of the
 * process and shared by every caller. A script run once may keep one
 * connection for its helpers; a server module may not.
 */
function sharedByModuleFunctions(acquire: Acquire, ctx: JsContext): boolean {
  if (!acquire.path.parentPath.isProgram() || jobKind(ctx) === 'one-shot') return false;
  return acquire.binding.referencePaths.some((ref) => ref.getFunctionParent() !== null);
}

/** The receiver is the project's own object (or an instance of its class), whose method of that name hands out no connection. */
function handsOutNothing(acquire: Acquire, ctx: JsContext): boolean {
  const own = acquire.receiverImport;
  if (!own) return false;
  const plain = ctx.scan.forFile(IMPORTED_OBJECTS, ctx.path)[own.local];
  return plain?.kind === own.kind && plain.methods.includes(memberName(acquire.call.callee) ?? '');
}

function gateAcquire(acquire: Acquire, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  const at = spanOf(acquire.statement);
  if (handsOutNothing(acquire, ctx)) return { kind: 'ok', check: 'not-a-checkout', at };
  // `await using` gives the connection back when the scope ends, whatever happens in it.
  if (acquire.statement.kind === 'await using' || acquire.statement.kind === 'using')
    return { kind: 'ok', check: 'released-by-using', at };
  const data = driverData(acquire.client, acquire.driver);
  if (sharedByModuleFunctions(acquire, ctx))
    return {
      kind: 'report',
      report: {
        messageId: 'module-checkout',
        at,
        data: {
          ...data,
          pool: acquire.targetText,
          users: "the module's functions use it",
          how: `\`await ${acquire.targetText}.${acquire.driver.acquire}()\` released in a finally, or single statements sent through \`${acquire.targetText}\``,
        },
      },
    };
  const analysis = analyzeSection({
    client: acquire.client,
    binding: acquire.binding,
    statements: acquire.list.slice(acquire.index + 1),
    driver: acquire.driver,
    poolText: acquire.targetText,
    text: ctx.text,
  });
  if (analysis.alreadySafe) {
    const extra = extraReleases(analysis, acquire.client);
    if (extra.kind === 'none') return { kind: 'ok', check: 'released-in-finally', at };
    if (extra.kind === 'refuse')
      return {
        kind: 'report',
        report: { messageId: 'double-release', at: spanOf(extra.node), data: { ...data, detail: extra.where } },
      };
    return {
      kind: 'fix',
      plan: { style: 'drop-extra', statements: extra.statements },
      report: { messageId: 'released-twice', at: spanOf(extra.kept), data: { ...data, where: extra.where } },
    };
  }
  const looksLikePool = acquire.driverProven || /pool/i.test(acquire.targetText);
  if (analysis.releases.length === 0) {
    if (!looksLikePool) return { kind: 'ok', check: 'not-a-checkout', at };
    if (analysis.problems.length > 0) return problemReports(analysis.problems, acquire, data);
    return { kind: 'report', report: { messageId: 'never-released', at, data } };
  }
  if (analysis.problems.length > 0) return problemReports(analysis.problems, acquire, data);
  if (analysis.opensTransaction)
    return { kind: 'report', report: { messageId: 'transaction-without-rollback', at, data } };
  // Released by the very next statement, or after log lines of plain text (a connectivity check: `console.log('Database
  // connected')`): nothing in between can throw, so nothing leaks.
  const top = analysis.topLevelRelease;
  if (
    top !== null &&
    analysis.releases.length === 1 &&
    acquire.list.slice(acquire.index + 1, acquire.index + 1 + top).every(logsPlainText)
  )
    return { kind: 'ok', check: 'released-at-once', at };
  const plan = planRelease(
    {
      holder: acquire.statement,
      path: acquire.path,
      list: acquire.list,
      index: acquire.index,
      client: acquire.client,
      driver: acquire.driver,
      driverProven: acquire.driverProven,
      poolText: acquire.targetText,
      analysis,
    },
    options.style,
    releaseContextOf(ctx, options.style),
  );
  if (isRefusal(plan)) {
    return {
      kind: 'report',
      report: {
        messageId: plan.messageId,
        at: spanOf(plan.node),
        data: {
          ...data,
          detail:
            plan.messageId === 'await-after-release' ? (plan.detail ? ` (${plan.detail})` : '') : (plan.detail ?? ''),
        },
      },
    };
  }
  return { kind: 'fix', plan, report: { messageId: 'leak', at, data } };
}

/** Is `outer` still checked out where `inner` is acquired (no release of it comes first)? */
function liveAt(outer: Acquire, inner: Acquire): boolean {
  const at = inner.statement.start ?? 0;
  return !outer.binding.referencePaths.some(
    (ref) =>
      (ref.node.end ?? 0) <= at &&
      outer.driver.release.some(
        (r) => r.on === 'client' && r.method === memberName(memberOnConnection(ref, outer.driver)),
      ),
  );
}

/** Is the connection released by a `finally` (whatever else happens to it)? */
function releasedInFinally(acquire: Acquire): boolean {
  return acquire.binding.referencePaths.some((ref) => {
    const method = memberName(memberOnConnection(ref, acquire.driver));
    if (!method || !acquire.driver.release.some((r) => r.on === 'client' && r.method === method)) return false;
    return !!ref.findParent((p) => p.parentPath?.isTryStatement() === true && p.parentPath.node.finalizer === p.node);
  });
}

/** What a message quotes about the driver, so that it says what this library does. */
/**
 * A callback another module of the project hands a checked-out connection to
 * (its first parameter): it must release it on every path, as the callback
 * of a callback-style acquire must.
 */
function gateWrapped(site: Extract<Site, { kind: 'wrapped' }>, ctx: JsContext): Decision<Plan, MessageId> {
  const at = spanOf(site.call);
  const index = ctx.scan.forFile(WRAPPED_ACQUIRES, ctx.path)[site.local]?.[site.method];
  const client = site.callback.params[0];
  if (index !== site.index || !t.isIdentifier(client)) return { kind: 'ok', check: 'not-a-checkout', at };
  // The libraries the project uses (the wrapper's own is one of them), or every library where it declares none.
  const declared = declaredDrivers(ctx.project.dependencies);
  const drivers = declared.size > 0 ? DRIVERS.filter((d) => declared.has(d.id)) : DRIVERS;
  const queryMethods = drivers.flatMap((d) => d.queryMethods);
  const driver = drivers[0];
  // The wrapper hands over the connection alone: `(connection) => ...`.
  if (releasesOnEveryPath(site.callback, clientReleaseMethods(drivers), queryMethods, { err: null, client: 0 }))
    return { kind: 'ok', check: 'released-on-every-path', at };
  return { kind: 'report', report: { messageId: 'callback-acquire', at, data: driverData(client.name, driver) } };
}

function driverData(client: string, driver: DriverProfile): Record<string, string> {
  return { client, driver: driver.id, leakEffect: driver.says.leakEffect, doubleRelease: driver.says.doubleRelease };
}

/** Where each kind of problem is reported: at the use that causes it, or at the acquire. */
const AT_PROBLEM: ReadonlySet<ProblemId> = new Set([
  'escapes-return',
  'escapes-store',
  'escapes-argument',
  'escapes-callback',
  'unawaited-query',
  'use-after-release',
  'double-release',
]);

/** Each distinct problem once, at its first place. */
function problemReports(
  problems: Problem[],
  acquire: Acquire,
  data: Record<string, string>,
): Decision<Plan, MessageId> {
  const seen = new Set<ProblemId>();
  const reports: Report<MessageId>[] = [];
  for (const problem of problems) {
    if (seen.has(problem.id)) continue;
    seen.add(problem.id);
    const at = AT_PROBLEM.has(problem.id) ? spanOf(problem.node) : spanOf(acquire.statement);
    reports.push({
      messageId: problem.id,
      at,
      data: { ...data, detail: problem.detail ?? defaultDetail(problem.id, acquire.client) },
    });
  }
  return reportAll(reports);
}

function defaultDetail(id: ProblemId, client: string): string {
  if (id === 'escapes-store') return 'stored outside it';
  if (id === 'event-subscription') return `\`${client}\` subscribes to events, so it is meant to outlive the section`;
  return 'left as it is';
}

/**
 * A chain (and the chains nested in its callbacks) that releases in a
 * `.finally` callback, or in both a `.then` and a `.catch` callback.
 */
function chainReleases(acquirePath: NodePath<t.CallExpression | t.OptionalCallExpression>): {
  releases: boolean;
  everyPath: boolean;
} {
  let outer: NodePath = acquirePath;
  for (;;) {
    const parent = outer.parentPath;
    if (!parent) break;
    const isMember =
      (parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === outer.node;
    const isCallOf =
      (parent.isCallExpression() || parent.isOptionalCallExpression()) && parent.node.callee === outer.node;
    if (!isMember && !isCallOf) break;
    outer = parent;
  }
  const kinds = new Set<string>();
  walk(
    outer.node,
    (n) => {
      if (!t.isCallExpression(n)) return;
      const name = memberName(n.callee);
      if (!name || !['then', 'catch', 'finally'].includes(name)) return;
      n.arguments.forEach((callback, i) => {
        if (t.isFunction(callback) && releasesDirectly(callback))
          kinds.add(name === 'then' && i === 1 ? 'catch' : name);
      });
    },
    true,
  );
  return {
    releases: releasesDirectly(outer.node, true),
    everyPath: kinds.has('finally') || (kinds.has('then') && kinds.has('catch')) || releasesFirst(acquirePath),
  };
}

/**
 * `pool.connect().then((client) => client.release())`: the first callback
 * gets the connection and gives it back before anything else can throw; if
 * the checkout itself fails there is nothing to give back.
 */
function releasesFirst(acquirePath: NodePath<t.CallExpression | t.OptionalCallExpression>): boolean {
  const callback = thenCallback(acquirePath);
  const client = t.isIdentifier(callback?.params[0]) ? callback.params[0].name : undefined;
  if (!callback || !client) return false;
  const [first, ...rest] = t.isBlockStatement(callback.body) ? callback.body.body : [callback.body];
  // Nothing after the release may touch the connection (that would be a use after release).
  const touches = (s: t.Node) => contains(s, (n) => t.isIdentifier(n, { name: client }), true);
  return first !== undefined && releaseOf(first, client) !== undefined && !rest.some(touches);
}

/** A release call in the callback's own body (or, with `deep`, anywhere inside it). */
function releasesDirectly(node: t.Node, deep = false): boolean {
  let found = false;
  walk(
    node,
    (n) => {
      if (t.isCallExpression(n) && RELEASE_METHODS.includes(memberName(n.callee) ?? '')) found = true;
    },
    deep,
  );
  return found;
}

/** The library of the pool an imported name is, when the scan knows the module makes a pool by that name. */
/**
 * The library of a pool the app is decorated with under `name`: by one of
 * the project's own plugins (the scan), or by a framework plugin the project
 * depends on (`@fastify/mysql` decorates `mysql`).
 */
function decoratedPoolDriver(name: string | undefined, ctx: JsContext): DriverProfile | undefined {
  if (!name) return undefined;
  const plugin = Object.entries(POOL_DECORATOR_PLUGINS).find(
    ([module, p]) => p.member === name && module in ctx.project.dependencies,
  );
  const id = ctx.scan.get(DECORATED_POOLS)[name] ?? plugin?.[1].driver;
  return DRIVERS.find((d) => d.id === id && d.poolQuery);
}

function importedPoolDriver(
  from: { file: string; imported: string } | undefined,
  ctx: JsContext,
): DriverProfile | undefined {
  if (!from) return undefined;
  const pools = ctx.scan.get(POOLS).filter((p) => !p.planned && p.path === from.file);
  // `import { pool }`, `const { pool } = require()`; a default or whole-module import takes the module's only pool.
  const pool =
    pools.find((p) => p.name === from.imported) ??
    (['default', '*'].includes(from.imported) && pools.length === 1 ? pools[0] : undefined);
  return pool ? DRIVERS.find((d) => d.id === pool.driver && d.poolQuery) : undefined;
}

/** Console methods that write a line: with only literal text to write, such a call does not throw. */
const CONSOLE_WRITES = new Set(['log', 'info', 'debug', 'warn', 'error']);

/** `console.log('Database connected')`: a statement that writes literal text and nothing else. */
function logsPlainText(statement: t.Statement): boolean {
  if (!t.isExpressionStatement(statement) || !t.isCallExpression(statement.expression)) return false;
  const { callee, arguments: args } = statement.expression;
  return (
    t.isMemberExpression(callee) &&
    t.isIdentifier(callee.object, { name: 'console' }) &&
    CONSOLE_WRITES.has(memberName(callee) ?? '') &&
    args.every((a) => staticString(a) !== undefined || t.isNumericLiteral(a))
  );
}
