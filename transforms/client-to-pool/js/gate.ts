/**
 * The gate: for each connection a function makes for itself, decide before
 * anything changes whether it can use the shared pool instead, and how
 * (one statement: the pool runs it; several: a checkout released in one
 * place), or say why not in the user's terms.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ClientRefusal, ClientSite } from '../../../src/frontends/js/analysis/clients';
import {
  type Problem,
  type ProblemId,
  type SectionAnalysis,
  analyzeSection,
} from '../../../src/frontends/js/analysis/held-section';
import { type Decision, type Report, reportAll } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { SQL_SESSION, SQL_TRANSACTION, sqlHead } from '../../../src/drivers/sql';
import { type ReleasePlan, isRefusal, planRelease, releaseContextOf } from '../../../src/frontends/js/fixes/release';
import { sectionMessage } from '../../../src/frontends/js/analysis/section-messages';
import { declaredNames, memberName, spanOf } from '../../../src/frontends/js/nodes';
import { outerClientUse } from '../../../src/frontends/js/analysis/outer-client';
import { closeMethods } from '../../../src/drivers';
import { statement as asStatement } from '../../../src/frontends/js/style';
import type { FactNeed } from '../../../src/core/facts';
import { HELPER, POOLS } from '../../../src/frontends/js/scan/facts';
import type { SharedPool } from '../../../src/frontends/js/scan/types';
import { planCallbackSite } from './callback-site';
import type { Site } from './detect';
import type { Options, MessageId } from '../meta';
import { isOneShot, schemaSetupOnly } from '../../../src/frontends/js/analysis/one-shot';
import { jobKind } from '../../../src/frontends/js/analysis/job-module';
import { choosePool, nameClash, poolSpecifier } from './pool-choice';
import { lambdaHandler } from '../../../src/frontends/js/analysis/lambda-handler';
import path from 'node:path';
import { unwrappedTries } from './removal';
import { type Uses, collectUses, endMethods } from './uses';

/** The shared pool a site moves to, and the name it goes by in this file. */
interface PoolUse {
  pool: SharedPool;
  site: ClientSite;
}

export type Plan =
  /** The pool takes the queries: each `c.query` becomes `pool.query`, and the connection's own statements go. */
  | (PoolUse & { kind: 'swap'; objects: t.Identifier[]; removals: Set<t.Node>; lists: t.Statement[][] })
  /** Several statements on one connection: a checkout, released in one place by the shared release step. */
  | (PoolUse & { kind: 'checkout'; release: ReleasePlan })
  /** The connection was already ended in a `finally`: it becomes a checkout, and each `end()` its release. */
  | (PoolUse & {
      kind: 'checkout-in-finally';
      holderReplacement: string;
      connects: t.Statement[];
      ends: t.ExpressionStatement[];
      releaseText: string;
    });

export function gate(site: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  // A script run once keeps its own connection: there is no request to pool for, and a pool would keep it alive.
  if (jobKind(ctx) === 'one-shot')
    return {
      kind: 'ok',
      check: 'one-shot-script',
      at: spanOf(site.kind === 'refusal' ? site.refusal.node : site.site.statement),
    };
  if (site.kind === 'refusal') return refusalReport(site.refusal, ctx);
  if (isOneShot(site.site.binding, site.site.driver))
    return { kind: 'ok', check: 'one-shot-script', at: spanOf(site.site.statement) };
  if (schemaSetupOnly(site.site.binding, site.site.driver))
    return { kind: 'ok', check: 'schema-setup', at: spanOf(site.site.statement) };
  return gateConnection(site.site, site.inFile, ctx, options);
}

/**
 * A connection site (not a refusal, not a one-shot script) chooses among the
 * project's pools; in helper style its release also needs where the helper
 * lives.
 */
export function needs(sites: readonly Site[], ctx: JsContext, options: Options): FactNeed[] {
  if (jobKind(ctx) === 'one-shot') return [];
  const connects = sites.some((s) => s.kind === 'connection' && !isOneShot(s.site.binding, s.site.driver));
  if (!connects) return [];
  return [{ fact: POOLS }, ...(options.style === 'helper' ? [{ fact: HELPER }] : [])];
}

function refusalReport(refusal: ClientRefusal, ctx: JsContext): Decision<Plan, MessageId> {
  const main: Report<MessageId> = {
    messageId: refusal.reason,
    at: spanOf(refusal.node),
    // `where`: the method an instance's client is connected in (instance-client).
    data: {
      ...baseData(refusal.name, refusal.driver.label, refusal.reason, refusal.detail),
      where: refusal.detail ?? '',
    },
  };
  return reportAll([main, ...outerClientReports(refusal, ctx)]);
}

/**
 * A client a callback makes for the function around it: what that function
 * waits on while connected, and an `end()` a throw would skip, said beside
 * the refusal (nothing is rewritten).
 */
function outerClientReports(refusal: ClientRefusal, ctx: JsContext): Report<MessageId>[] {
  if (refusal.factory) return factoryCallers(refusal.factory, ctx).flatMap((b) => clientUseReports(b, refusal, ctx));
  return refusal.outer ? clientUseReports(refusal.outer, refusal, ctx) : [];
}

/** `const client = await getPostgresClient()` (or without the await) in this file: the variables its callers hold it in. */
function factoryCallers(factory: string, ctx: JsContext): Binding[] {
  const out: Binding[] = [];
  for (const p of ctx.facts.calls) {
    if (!t.isIdentifier(p.node.callee, { name: factory })) continue;
    const value = p.parentPath.isAwaitExpression() ? p.parentPath : p;
    const declarator = value.parentPath;
    if (!declarator?.isVariableDeclarator({ init: value.node }) || !t.isIdentifier(declarator.node.id)) continue;
    const binding = declarator.scope.getBinding(declarator.node.id.name);
    if (binding) out.push(binding);
  }
  return out;
}

function clientUseReports(binding: Binding, refusal: ClientRefusal, ctx: JsContext): Report<MessageId>[] {
  const use = outerClientUse(binding, ctx.facts, closeMethods(refusal.driver));
  const client = binding.identifier.name;
  const reports: Report<MessageId>[] = [];
  if (use.wait)
    reports.push({
      messageId: 'outer-client-held-during-io',
      at: spanOf(use.wait.node),
      data: { client, what: use.wait.what },
    });
  if (use.endOutsideFinally)
    reports.push({
      messageId: 'outer-client-end-not-in-finally',
      at: spanOf(use.endOutsideFinally),
      data: { client, method: memberName(use.endOutsideFinally.callee) ?? 'end' },
    });
  return reports;
}

function gateConnection(
  site: ClientSite,
  inFile: SharedPool[],
  ctx: JsContext,
  options: Options,
): Decision<Plan, MessageId> {
  const data = (reason: string, detail?: string, extra: Record<string, string> = {}) => ({
    ...baseData(site.name, site.driver.label, reason, detail),
    ...extra,
  });
  const read = site.api === 'callback' ? undefined : collectUses(site);
  // A client that listens needs a connection of its own whichever pool could take its config: that is said first.
  if (read && 'reason' in read && read.reason === 'listen-client')
    return report(read.reason, read.node, data(read.reason, read.detail));
  const chosen = choosePool(site, inFile, ctx.scan.get(POOLS), ctx.path);
  if ('reason' in chosen) return report(chosen.reason, site.statement, data(chosen.reason, chosen.detail));
  const pool = chosen;
  const poolData = { pool: pool.name };
  // A Lambda function is often deployed as its handler's one file: a pool module the run writes is in no package.
  const handler = pool.planned ? lambdaHandler(ctx) : undefined;
  if (handler)
    return report(
      'lambda-handler',
      site.statement,
      data('lambda-handler', undefined, {
        handler,
        pool: pool.name,
        module: poolSpecifier(pool, ctx) ?? path.basename(pool.path),
      }),
    );

  if (!read) {
    const rewrite = planCallbackSite(site);
    if ('reason' in rewrite)
      return report(
        rewrite.reason,
        rewrite.node,
        data(rewrite.reason, rewrite.detail, { ...poolData, method: methodOf(rewrite.node) }),
      );
    const clash = nameClash(site, pool, [rewrite.objectPath], ctx);
    if (clash) return report('unsupported', site.statement, data('unsupported', clash));
    const removals = new Set<t.Node>([site.statement, ...rewrite.removals]);
    return fixDecision(site, pool, {
      kind: 'swap',
      pool,
      site,
      objects: [rewrite.object],
      removals,
      lists: rewrite.lists,
    });
  }

  if ('reason' in read) return report(read.reason, read.node, data(read.reason, read.detail));
  const uses = read;
  const { queries, connects, ends } = uses;
  const session = queries.find((q) => q.sql !== undefined && SQL_SESSION.test(q.sql));
  if (session) return report('session-state', session.call, data('session-state', `\`${sqlHead(session.sql!)}\``));
  if (queries.length === 0)
    return report('unsupported', site.statement, data('unsupported', 'it runs no query the tool can see'));
  const clash = nameClash(site, pool, [site.statementPath, ...queries.map((q) => q.path)], ctx);
  if (clash) return report('unsupported', site.statement, data('unsupported', clash));

  const swap = (removed: t.Node[]): Decision<Plan, MessageId> => {
    const removals = new Set(removed);
    const lists = [site.list.slice(site.index)];
    const crowded = unwrapClash(site, lists, removals);
    if (crowded) return report('unsupported', crowded.node, data('unsupported', crowded.detail));
    return fixDecision(site, pool, {
      kind: 'swap',
      pool,
      site,
      objects: queries.map((q) => q.object),
      removals,
      lists,
    });
  };
  // A whole pool per call: the shared one runs its queries, and is never ended per call.
  if (site.kind === 'pool') return swap([site.statement, ...ends]);
  const dynamic = queries.find((q) => q.sql === undefined);
  const single = queries.length === 1 && (queries[0].sql === undefined || !SQL_TRANSACTION.test(queries[0].sql));
  if (dynamic)
    return report('dynamic-sql', dynamic.call, data('dynamic-sql', undefined, { ...poolData, method: dynamic.method }));
  if (single) return swap([site.statement, ...connects, ...ends]);
  return gateCheckout(site, pool, uses, ctx, options);
}

/** Several statements that need one connection: a checkout from the pool, released where the connection was ended. */
function gateCheckout(
  site: ClientSite,
  pool: SharedPool,
  uses: Uses,
  ctx: JsContext,
  options: Options,
): Decision<Plan, MessageId> {
  const { driver, name } = site;
  const refused = (detail: string) =>
    report('checkout-refused', site.statement, baseData(name, driver.label, 'checkout-refused', detail));
  const stray = uses.connects.find((c) => !inStatementList(c, site));
  if (stray)
    return report(
      'unsupported',
      stray,
      baseData(
        name,
        driver.label,
        'unsupported',
        `\`${name}.${driver.perCallClient?.connect ?? 'connect'}()\` is the only statement of a block the tool would empty`,
      ),
    );
  // The section starts after `connect()` (which goes with the rewrite), so that a lone `try` after it gets the `finally`.
  const list = site.list;
  const index = Math.max(site.index, ...uses.connects.map((c) => list.indexOf(c)));
  const early = uses.ends.find((e) => (e.start ?? 0) < (list[index].end ?? 0));
  if (early)
    return report(
      'unsupported',
      early,
      baseData(name, driver.label, 'unsupported', 'it is ended before it is connected'),
    );
  const analysis = analyzeSection({
    client: name,
    binding: site.binding,
    statements: list.slice(index + 1),
    driver,
    poolText: pool.name,
    text: ctx.text,
    releaseMethods: endMethods(site),
  });
  const holderReplacement = asStatement(`const ${name} = await ${pool.name}.${driver.acquire}()`, ctx.style);
  const releaseText = `${name}.${driver.release.find((r) => r.on === 'client')?.method ?? 'release'}()`;
  if (analysis.alreadySafe) {
    // Ended twice, or used after its end: as releases of a pooled connection, that would throw or hand it to two callers.
    const twice = analysis.problems.find((p) => p.id === 'double-release' || p.id === 'use-after-release');
    if (twice) return refused(releaseMessage(twice.id, site, twice.detail ?? defaultDetail(twice.id, name)));
    // An end outside the finally runs before the one in it on that path (the flow analysis does not follow a return through a finally).
    if (uses.ends.some((e) => !inFinally(e, site))) return refused(releaseMessage('double-release', site, ''));
    return fixDecision(site, pool, {
      kind: 'checkout-in-finally',
      pool,
      site,
      holderReplacement,
      connects: uses.connects,
      ends: uses.ends,
      releaseText,
    });
  }
  const why = sectionProblem(analysis, site);
  if (why) return refused(why);
  const plan = planRelease(
    {
      holder: site.statement,
      path: site.statementPath,
      list,
      index,
      client: name,
      driver,
      driverProven: true,
      poolText: pool.name,
      analysis,
      releaseText,
      holderReplacement,
      extraRemovals: uses.connects,
    },
    options.style,
    releaseContextOf(ctx, options.style),
  );
  if (isRefusal(plan)) {
    const detail =
      plan.messageId === 'await-after-release' ? (plan.detail ? ` (${plan.detail})` : '') : (plan.detail ?? '');
    return refused(releaseMessage(plan.messageId, site, detail));
  }
  return fixDecision(site, pool, { kind: 'checkout', pool, site, release: plan });
}

/**
 * A `try` whose statements would move out into the enclosing block next to
 * a declaration of the same name (a redeclaration, or a shadowed variable).
 */
function unwrapClash(
  site: ClientSite,
  lists: t.Statement[][],
  removals: ReadonlySet<t.Node>,
): { node: t.Node; detail: string } | null {
  for (const tryStatement of lists.flatMap((list) => unwrappedTries(list, removals))) {
    const path = site.binding.referencePaths.map((p) => p.findParent((q) => q.node === tryStatement)).find(Boolean);
    if (!path) return { node: tryStatement, detail: 'a `try` it would remove is out of its reach' };
    const kept = tryStatement.block.body.filter(
      (s) => !removals.has(s) && !(t.isVariableDeclaration(s) && s.kind === 'var'),
    );
    for (const name of kept.flatMap((s) => declaredNames(s))) {
      const binding = path.scope.getBinding(name);
      if (binding && binding !== site.binding)
        return {
          node: tryStatement,
          detail: `removing the \`try\` would declare \`${name}\` beside another \`${name}\``,
        };
    }
  }
  return null;
}

/** What keeps the checkout from being released in one place, in release-in-finally's words; null when nothing does. */
function sectionProblem(analysis: SectionAnalysis, site: ClientSite): string | null {
  const first: Problem | undefined = analysis.problems[0];
  if (first) return releaseMessage(first.id, site, first.detail ?? defaultDetail(first.id, site.name));
  if (analysis.releases.length === 0) return releaseMessage('never-released', site, '');
  if (analysis.opensTransaction) return releaseMessage('transaction-without-rollback', site, '');
  return null;
}

function releaseMessage(id: string, site: ClientSite, detail: string): string {
  const { driver, name } = site;
  return sectionMessage(id, {
    client: name,
    driver: driver.id,
    leakEffect: driver.says.leakEffect,
    doubleRelease: driver.says.doubleRelease,
    detail,
  });
}

function defaultDetail(id: ProblemId, client: string): string {
  if (id === 'escapes-store') return 'stored outside it';
  if (id === 'event-subscription') return `\`${client}\` subscribes to events, so it is meant to outlive the section`;
  return 'left as it is';
}

/** The path of a statement holding a reference to the site's connection. */
function pathOf(statement: t.Statement, site: ClientSite): NodePath | undefined {
  for (const ref of site.binding.referencePaths) {
    const found = ref.findParent((q) => q.node === statement);
    if (found) return found;
  }
  return undefined;
}

/** Inside the `finally` block of some `try`. */
function inFinally(statement: t.Statement, site: ClientSite): boolean {
  return !!pathOf(statement, site)?.findParent((q) => q.key === 'finalizer' && !!q.parentPath?.isTryStatement());
}

/** A statement directly in a statement list, where removing it leaves valid code. */
function inStatementList(statement: t.Statement, site: ClientSite): boolean {
  return pathOf(statement, site)?.inList ?? false;
}

function fixDecision(site: ClientSite, pool: SharedPool, plan: Plan): Decision<Plan, MessageId> {
  const what = site.kind === 'pool' ? 'a whole pool' : 'a connection';
  return {
    kind: 'fix',
    plan,
    report: {
      messageId: 'per-call-client',
      at: spanOf(site.statement),
      data: { client: site.name, driver: site.driver.label, pool: pool.name, what },
    },
  };
}

/**
 * Every placeholder a message of this transform uses, filled: `detail`
 * (with its default, or in parentheses where the message wants that).
 */
function baseData(client: string, driver: string, reason: string, detail: string | undefined): Record<string, string> {
  const defaults: Record<string, string> = {
    'client-escapes': 'leaves the function',
    'callback-api': 'runs its queries with callbacks',
    // Said whatever the listener is now: the run may have added a logging one itself (pool-monitoring).
    'module-client':
      ": without an 'error' listener Node then exits, and with one that only logs the process stays up while every later query on it fails (a worker that keeps one connection should end the process in its listener, so that its supervisor restarts it)",
  };
  const filled = reason === 'unsupported' ? (detail ? ` (${detail})` : '') : (detail ?? defaults[reason] ?? '');
  return { client, driver, detail: filled };
}

function report(messageId: MessageId, node: t.Node, data: Record<string, string>): Decision<Plan, MessageId> {
  const at = spanOf(node);
  const r: Report<MessageId> = { messageId, at, data };
  return { kind: 'report', report: r };
}

/** The method of a query call (`query`, `execute`), for messages that name it. */
function methodOf(node: t.Node): string {
  return t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.property)
    ? node.callee.property.name
    : 'query';
}
