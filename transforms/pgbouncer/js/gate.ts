/**
 * The gate: what of each site breaks behind PgBouncer in transaction mode,
 * in words, and the one rewrite that is always safe (a session SET inside
 * BEGIN ... COMMIT becomes SET LOCAL, which the transaction ends).
 */
import type { Decision, Report } from '../../../src/core/types';
import { spanOf } from '../../../src/frontends/js/nodes';
import type { JsContext } from '../../../src/frontends/js/context';
import { pgbouncerEvidence } from '../../../src/frontends/js/analysis/pgbouncer';
import { sqlHead } from '../../../src/drivers/sql';
import type { QuerySite, Site } from './detect';
import { SESSION_SET, sessionUse } from '../session-sql';
import type { Options, MessageId } from '../meta';

export type Plan = { site: QuerySite };

export function gate(site: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  const decision = decide(site, ctx, options);
  // Until the project is known to run behind PgBouncer these are things to know before switching: notes.
  if (
    decision.kind === 'ok' ||
    pgbouncerEvidence(options.behindPgbouncer, ctx.project, site.kind === 'config' ? site.owner : undefined, ctx.text)
  )
    return decision;
  const soften = (r: Report<MessageId>): Report<MessageId> => ({ ...r, severity: 'note' });
  if (decision.kind === 'fix')
    return { ...decision, report: soften(decision.report), also: decision.also?.map(soften) };
  return { ...decision, report: soften(decision.report), also: decision.also?.map(soften) };
}

function decide(site: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  if (site.kind === 'config') {
    const { owner } = site;
    const view = owner.config;
    const pool = owner.name ?? `the ${owner.what}`;
    const [report, ...also] = site.keys.map((key): Report<MessageId> => ({
      messageId: 'startup-parameter',
      at: spanOf((view.kind === 'object' ? view.props.get(key) : undefined) ?? owner.call),
      data: { pool, key },
    }));
    return { kind: 'report', report, also };
  }
  const at = spanOf(site.call);
  if (site.name !== undefined)
    return { kind: 'report', report: { messageId: 'named-prepared-statement', at, data: { name: site.name } } };
  const sql = site.sql;
  if (sql === undefined) return { kind: 'ok', check: 'dynamic-sql', at };
  const head = sqlHead(sql, 3);
  if (SESSION_SET.test(sql) && site.inTransaction && site.statement && site.sqlNode)
    return { kind: 'fix', plan: { site }, report: { messageId: 'session-set-local', at, data: { sql: head } } };
  const evidence = SESSION_SET.test(sql)
    ? pgbouncerEvidence(options.behindPgbouncer, ctx.project, undefined, ctx.text)
    : undefined;
  const use = sessionUse(sql, site.inTransaction, evidence ? ` (this project runs behind PgBouncer: ${evidence})` : '');
  if (use) return { kind: 'report', report: { messageId: use.messageId, at, data: use.data } };
  return { kind: 'ok', check: 'transaction-safe', at };
}
