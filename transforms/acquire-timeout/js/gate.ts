/**
 * The gate: does this pool bound the wait for a connection? Explicit values
 * stay (an explicit 0 is reported); an absent option is added where the
 * config can be seen, and said what to add where it cannot.
 */
import type { ConfigView, PoolSite } from '../../../src/frontends/js/analysis/pool-sites';
import { literalNumber, poolLabel } from '../../../src/frontends/js/analysis/pool-sites';
import { spanOf } from '../../../src/frontends/js/nodes';
import { type Decision, type Report, reportAll } from '../../../src/core/types';
import type { PoolFacts } from '../../../src/drivers';
import type { Options, MessageId } from '../meta';
import path from 'node:path';
import type { FactNeed } from '../../../src/core/facts';
import type { JsContext } from '../../../src/frontends/js/context';
import { FANOUTS, type FanOuts } from '../../../src/frontends/js/scan/fan-out';
import { importedConfigNeeds, withImportedConfig } from '../../../src/frontends/js/analysis/imported-config';
import { jobKind } from '../../../src/frontends/js/analysis/job-module';
import { EXPRESS_ASYNC } from '../../../src/drivers/frameworks';
import type { ProjectInfo } from '../../../src/project/package-info';

export interface Plan {
  site: PoolSite;
  key: string;
  value: number;
  comment: string;
}

/** Module-level pools: some file may fan out checkouts on one (read before a timeout is added). */
export function needs(sites: readonly PoolSite[], ctx: JsContext): FactNeed[] {
  const fanOuts = sites.some((s) => s.scope === 'module' && s.name && !s.name.includes('.'));
  return [...(fanOuts ? [{ fact: FANOUTS }] : []), ...importedConfigNeeds(sites, ctx)];
}

/**
 * Express drops an async handler's rejected promise: before version 5, and
 * unless a package the project depends on gives Express 4 the handling. A
 * version range the tool cannot read counts as before 5 (the cautious side).
 */
function expressDropsRejections(project: ProjectInfo): boolean {
  const range = project.dependencies[EXPRESS_ASYNC.package];
  if (range === undefined) return false;
  if (EXPRESS_ASYNC.patches.some((p) => p in project.dependencies)) return false;
  const major = /^\D*(\d+)/.exec(range);
  return !major || Number(major[1]) < EXPRESS_ASYNC.handlesRejectionsFrom;
}

/** Where this module-level pool's checkouts would reject unhandled, if anywhere in the project. */
function fanOutOn(site: PoolSite, ctx: JsContext): FanOuts[string] | undefined {
  if (site.scope !== 'module' || !site.name || site.name.includes('.')) return undefined;
  return ctx.scan.get(FANOUTS)[`${path.resolve(ctx.path)}#${site.name}`];
}

export function gate(written: PoolSite, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  const site = withImportedConfig(written, ctx);
  const at = spanOf(site.call);
  const pool = site.driver.pool!;
  if (site.perCall) return { kind: 'ok', check: 'per-call-pool', at };
  const name = poolLabel(site, ctx.text);
  const extra = generic(site, pool, name);
  const option = pool.acquireTimeout;
  // A script run once serves no requests: only its own work waits in the pool's queue, often by design (a batch
  // of checkouts on a small pool), which a timeout would turn into failures. Left alone, whatever the library.
  if (jobKind(ctx) === 'one-shot')
    return extra.length ? reportAll(extra) : { kind: 'ok', check: 'one-shot-script', at };
  // In Lambda each instance serves one invocation at a time: no request ever waits in this pool's queue, so a
  // library without an acquire timeout has nothing to bound.
  if (!option && ctx.project.lambda) return extra.length ? reportAll(extra) : { kind: 'ok', check: 'lambda', at };
  if (!option) return libraryWithout(site, pool, name, extra);
  const data = {
    pool: name,
    driver: site.driver.label,
    key: option.key,
    value: options.acquireTimeoutMs,
    default: describeDefault(option.default),
    wait: 'forever',
  };
  const view = site.config;
  if (view.kind === 'object') {
    const prop = view.props.get(option.key);
    if (prop) {
      const value = literalNumber(prop.value);
      if (value === 0) return withExtra({ messageId: 'waits-forever', at: spanOf(prop), data }, extra);
      return extra.length ? reportAll(extra) : { kind: 'ok', check: 'has-acquire-timeout', at };
    }
    if (view.opaqueSpreads.length > 0)
      return withExtra(
        { messageId: 'config-opaque', at, data: { ...data, why: 'built from a spread the tool cannot see into' } },
        extra,
      );
  } else if (view.kind !== 'absent') {
    return withExtra({ messageId: 'config-opaque', at, data: { ...data, why: opaqueWhy(view) } }, extra);
  }
  const rejections = fanOutOn(site, ctx);
  const where = (place: { file: string; line: number }) =>
    `${path.relative(path.dirname(ctx.path), place.file) || path.basename(place.file)}:${place.line}`;
  const fanOut = rejections?.['fan-out'];
  if (fanOut)
    return withExtra(
      { messageId: 'unbounded-fan-out', at, data: { ...data, callee: fanOut.callee, where: where(fanOut) } },
      extra,
    );
  const unhandled = rejections?.['unhandled-in-handler'];
  if (unhandled && expressDropsRejections(ctx.project))
    return withExtra(
      {
        messageId: 'unhandled-in-handler',
        at,
        data: { ...data, callee: unhandled.callee, where: where(unhandled), express: ctx.project.dependencies.express },
      },
      extra,
    );
  const unchecked = rejections?.['unchecked-callback'];
  if (unchecked)
    return withExtra(
      {
        messageId: 'callback-ignores-error',
        at,
        data: { ...data, callee: unchecked.callee, where: where(unchecked) },
      },
      extra,
    );
  const seconds = options.acquireTimeoutMs / 1000;
  const comment = `fail after ${seconds} s instead of waiting forever for a free connection (${site.driver.label} defaults to ${describeDefault(option.default)})`;
  const plan: Plan = { site, key: option.key, value: options.acquireTimeoutMs, comment };
  return { kind: 'fix', plan, report: { messageId: 'no-acquire-timeout', at, data }, also: extra };
}

function withExtra(report: Report<MessageId>, extra: Report<MessageId>[]): Decision<Plan, MessageId> {
  return { kind: 'report', report, also: extra };
}

/** mysql2 and mysql: no acquire timeout to add; an unbounded queue is reported too. */
function libraryWithout(
  site: PoolSite,
  pool: PoolFacts,
  name: string,
  extra: Report<MessageId>[],
): Decision<Plan, MessageId> {
  const at = spanOf(site.call);
  const why =
    site.driver.id === 'mysql2'
      ? 'an `acquireTimeout` option is ignored with a warning'
      : '`acquireTimeout` bounds connecting, not the wait in the queue';
  const reports: Report<MessageId>[] = [
    { messageId: 'library-has-no-acquire-timeout', at, data: { pool: name, driver: site.driver.label, why } },
  ];
  const queue = pool.queueLimit;
  if (queue) {
    const view = site.config;
    const prop = view.kind === 'object' ? view.props.get(queue.key) : undefined;
    const value = prop ? literalNumber(prop.value) : queue.default;
    const opaque =
      view.kind === 'opaque' ||
      view.kind === 'url' ||
      (view.kind === 'object' && !prop && view.opaqueSpreads.length > 0);
    if (!opaque && (value === 0 || value === null))
      reports.push({
        messageId: 'unbounded-queue',
        at: prop ? spanOf(prop) : at,
        data: { pool: name, driver: site.driver.label, queue: String(value ?? 'unset') },
      });
  }
  return reportAll([...reports, ...extra]);
}

/** generic-pool's default max of 1, reported beside the timeout. */
function generic(site: PoolSite, pool: PoolFacts, name: string): Report<MessageId>[] {
  if (site.driver.id !== 'generic-pool' || site.config.kind === 'opaque') return [];
  const view = site.config;
  const hasMax = view.kind === 'object' && (view.props.has(pool.size.key) || view.opaqueSpreads.length > 0);
  return hasMax ? [] : [{ messageId: 'generic-pool-max-1', at: spanOf(site.call), data: { pool: name } }];
}

function opaqueWhy(view: Exclude<ConfigView, { kind: 'object' } | { kind: 'absent' }>): string {
  return view.kind === 'url' ? 'a connection string' : view.why;
}

function describeDefault(value: number | null): string {
  return value === null ? 'none (no limit)' : String(value);
}
