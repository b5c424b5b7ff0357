/**
 * The gate: which limit a pool is missing and whether it can be added (not
 * behind PgBouncer, a config the tool can see); where a per-request SET can
 * go (SET LOCAL in its transaction, or the pool's config when every SET on
 * that pool uses one constant value) or why it has to stay.
 */
import path from 'node:path';
import { jobKind } from '../../../src/frontends/js/analysis/job-module';
import { functionName } from '../../../src/frontends/js/analysis/work';
import { JOB_LOADERS, type JobLoader } from '../../../src/frontends/js/scan/facts';
import type { NodePath } from '@babel/traverse';
import { droppingProxyEvidence, pgbouncerEvidence } from '../../../src/frontends/js/analysis/pgbouncer';
import { type PoolSite, literalNumber, poolLabel } from '../../../src/frontends/js/analysis/pool-sites';
import { type Decision, type Report, reportAll } from '../../../src/core/types';
import { spanOf } from '../../../src/frontends/js/nodes';
import { textOf } from '../../../src/frontends/js/analysis/held-section';
import type { JsContext } from '../../../src/frontends/js/context';
import type { FactNeed } from '../../../src/core/facts';
import { importedConfigNeeds, withImportedConfig } from '../../../src/frontends/js/analysis/imported-config';
import type { NewOption } from '../../../src/frontends/js/fixes/options';
import type { SetSite, Site } from './detect';
import type { Options, MessageId } from '../meta';

export type Plan =
  | { kind: 'add'; pool: PoolSite; options: NewOption[]; removeSets: SetSite[] }
  | { kind: 'remove-sets'; sets: SetSite[] }
  | { kind: 'set-local'; set: SetSite };

/** A pool whose config is imported: the scan may know it as a constant object. */
export function needs(sites: readonly Site[], ctx: JsContext): FactNeed[] {
  const pools = sites.flatMap((s) => (s.kind === 'pool' ? [s.pool] : []));
  // A server's pool module that a job also loads: asked only where a limit may be added.
  const loaders = pools.length > 0 && !jobKind(ctx) ? [{ fact: JOB_LOADERS, file: ctx.path }] : [];
  return [...importedConfigNeeds(pools, ctx), ...loaders];
}

export function gate(written: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  if (written.kind === 'set') return gateSet(written.set, written.onPool);
  const site = { ...written, pool: withImportedConfig(written.pool, ctx) };
  // A job may rightly run a statement for minutes: its limit is the one given for jobs, or none.
  if (site.sets.length === 0 && jobKind(ctx)) {
    if (options.jobStatementTimeoutMs === undefined)
      return { kind: 'ok', check: 'job-script', at: spanOf(site.pool.call) };
    return gatePool(site.pool, site.sets, ctx, { ...options, statementTimeoutMs: options.jobStatementTimeoutMs });
  }
  return gatePool(site.pool, site.sets, ctx, options);
}

function gateSet(set: SetSite, onPool: boolean): Decision<Plan, MessageId> {
  const at = spanOf(set.call);
  if (set.inTransaction && set.statement)
    return {
      kind: 'fix',
      plan: { kind: 'set-local', set },
      report: { messageId: 'session-set-local', at, data: { sql: set.sql } },
    };
  const why = onPool
    ? 'it runs on whichever connection the pool hands out'
    : set.inTransaction
      ? 'it is not a statement of its own'
      : 'the pool it comes from is not created in this file';
  return { kind: 'report', report: { messageId: 'session-set-leaks', at, data: { sql: set.sql, why } } };
}

function gatePool(pool: PoolSite, sets: SetSite[], ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  const at = spanOf(pool.call);
  const name = poolLabel(pool, ctx.text);
  const facts = pool.driver.pool!;
  const data = {
    pool: name,
    value: options.statementTimeoutMs,
    seconds: Math.round(options.statementTimeoutMs / 1000),
    driver: pool.driver.label,
  };
  const leaks = (why: string): Report<MessageId>[] =>
    sets.map((s) => ({ messageId: 'session-set-leaks', at: spanOf(s.call), data: { sql: s.sql, why } }));
  if (!facts.statementTimeout) {
    const reports: Report<MessageId>[] = [
      { messageId: 'mysql-no-pool-timeout', at, data },
      ...leaks(`${pool.driver.label} has no pool-level statement timeout`),
    ];
    return reportAll(reports);
  }
  const key = facts.statementTimeout.key;
  const view = pool.config;
  const sent = pool.via ? facts.startupParametersVia?.[pool.via] : undefined;
  if (pool.via && sent && !sent.includes(key)) {
    const existing = view.kind === 'object' ? view.props.get(key) : undefined;
    const state = existing ? 'the limit written here is ignored' : 'adding it to the config would do nothing';
    return {
      kind: 'report',
      report: {
        messageId: 'key-not-sent',
        at: spanOf(existing ?? pool.call),
        data: { ...data, via: pool.via, key, state },
      },
      also: leaks(`${pool.driver.label}'s ${pool.via} pool does not send the key`),
    };
  }
  const evidence = pgbouncerEvidence(options.behindPgbouncer, ctx.project, pool, ctx.text);
  if (evidence) {
    const sent =
      view.kind === 'object'
        ? [key, facts.idleInTransactionTimeout?.key].filter((k): k is string => !!k && view.props.has(k))
        : [];
    const reports: Report<MessageId>[] =
      sent.length > 0
        ? sent.map((k) => ({
            messageId: 'startup-parameter-behind-pgbouncer',
            at: spanOf(view.kind === 'object' ? view.props.get(k)! : pool.call),
            data: { ...data, key: k, evidence },
          }))
        : [{ messageId: 'behind-pgbouncer', at, data: { ...data, evidence } }];
    return {
      kind: 'report',
      report: reports[0],
      also: [...reports.slice(1), ...leaks('behind PgBouncer the limit belongs on the role')],
    };
  }
  const configArg = pool.call.arguments[facts.configArg ?? 0];
  const configText = configArg ? textOf(configArg, ctx.text) : '';
  const dropped = facts.startupParameters.includes(key)
    ? droppingProxyEvidence(ctx.project, ctx.text, configText)
    : undefined;
  if (dropped) {
    const existing = view.kind === 'object' ? view.props.get(key) : undefined;
    const state = existing
      ? 'the limit written here never reaches the server'
      : 'adding it to the config would do nothing';
    return {
      kind: 'report',
      report: {
        messageId: 'startup-parameter-dropped',
        at: spanOf(existing ?? pool.call),
        data: { ...data, key, state, evidence: dropped },
      },
      also: leaks('the limit belongs on the role'),
    };
  }
  if (view.kind === 'opaque' || view.kind === 'url') {
    const reports: Report<MessageId>[] = [
      {
        messageId: 'config-opaque',
        at,
        data: { ...data, why: view.kind === 'url' ? 'a connection string' : view.why },
      },
      ...leaks('the pool config cannot be seen'),
    ];
    return reportAll(reports);
  }
  const existing = view.kind === 'object' ? view.props.get(key) : undefined;
  const existingValue = existing ? literalNumber(existing.value) : undefined;
  const opaque = view.kind === 'object' && !existing && view.opaqueSpreads.length > 0;

  if (sets.length > 0) {
    const values = new Set(sets.map((s) => s.valueMs));
    const value = [...values][0];
    const movable =
      values.size === 1 &&
      value !== null &&
      sets.every((s) => s.statement) &&
      !opaque &&
      (existing === undefined || existingValue === value);
    if (!movable) {
      const why =
        values.size > 1
          ? 'the SETs here use different values'
          : value === null
            ? 'its value is not a constant'
            : opaque
              ? 'the pool config comes partly from a spread the tool cannot see'
              : existing
                ? 'the pool already sets another statement_timeout'
                : 'it is part of a larger expression';
      const reports = leaks(why);
      return reportAll(reports);
    }
    const report: Report<MessageId> = {
      messageId: 'session-set-to-pool',
      at: spanOf(sets[0].call),
      data: { ...data, sql: sets[0].sql, value: value },
    };
    if (existing) return { kind: 'fix', plan: { kind: 'remove-sets', sets }, report };
    return {
      kind: 'fix',
      plan: {
        kind: 'add',
        pool,
        options: [
          {
            key,
            value: String(value),
            comment: 'moved from per-request SET statement_timeout, which leaked to the next borrower',
          },
        ],
        removeSets: sets,
      },
      report,
    };
  }

  if (existing) {
    if (existingValue === 0) return { kind: 'report', report: { messageId: 'no-limit', at: spanOf(existing), data } };
    return { kind: 'ok', check: 'has-statement-timeout', at };
  }
  if (opaque)
    return {
      kind: 'report',
      report: {
        messageId: 'config-opaque',
        at,
        data: { ...data, why: 'built from a spread the tool cannot see into' },
      },
    };
  // A job that loads this module makes pools here too: a limit sized for requests would cancel its long statements.
  const jobs = jobKind(ctx) ? [] : jobsMaking(pool, ctx.scan.forFile(JOB_LOADERS, ctx.path));
  if (jobs.length > 0)
    return {
      kind: 'report',
      report: {
        messageId: 'shared-with-job',
        at,
        data: { ...data, jobs: jobs.map((j) => `\`${displayRelative(ctx.project.root, j)}\``).join(', ') },
      },
    };
  const hasQueryTimeout =
    view.kind === 'object' && facts.queryTimeout !== null && view.props.has(facts.queryTimeout.key);
  const added: NewOption[] = [
    {
      key,
      value: String(options.statementTimeoutMs),
      comment: `the server cancels statements running longer than ${data.seconds} s`,
    },
  ];
  const idleKey = facts.idleInTransactionTimeout?.key;
  if (options.idleInTransactionMs !== undefined && idleKey && !(view.kind === 'object' && view.props.has(idleKey))) {
    added.push({
      key: idleKey,
      value: String(options.idleInTransactionMs),
      comment: 'the server ends sessions left idle inside a transaction',
    });
  }
  return {
    kind: 'fix',
    plan: { kind: 'add', pool, options: added, removeSets: [] },
    report: { messageId: hasQueryTimeout ? 'client-side-only' : 'no-statement-timeout', at, data },
  };
}

/** A path as the user reads it: from the pool module's project (`../../scripts/migrate.js` in a monorepo's package). */
function displayRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * The jobs that make this pool: any job that loads a module-level pool's
 * module; for a pool a function makes (`createPool()`), a job that imports
 * that function by name (a barrel's other exports do not make it).
 */
function jobsMaking(pool: PoolSite, loaders: readonly JobLoader[]): string[] {
  // Made at load, by the module or by a function it calls once then.
  if (pool.scope === 'module' || pool.scope === 'once') return loaders.map((l) => l.file);
  const maker = makerName(pool.path);
  return maker ? loaders.filter((l) => l.imports.includes(maker)).map((l) => l.file) : [];
}

/** The name of the function (or class) that makes a pool: what a module importing it calls. */
function makerName(construction: NodePath): string | undefined {
  const holder = construction.findParent((p) => p.isFunction() || p.isClass());
  if (holder?.isClassDeclaration()) return holder.node.id?.name;
  if (!holder?.isFunction()) return undefined;
  // A method: the class that holds it.
  return holder.isClassMethod() ? makerName(holder) : functionName(holder);
}
