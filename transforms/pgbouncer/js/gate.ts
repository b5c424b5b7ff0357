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
import type { Options, MessageId } from '../meta';

export type Plan = { site: QuerySite };

const SESSION_SET = /^\s*SET\s+(?!LOCAL\b)(SESSION\s+)?(?!TRANSACTION\b)(\w+)/i;
const ADVISORY_LOCK = /\bpg_(try_)?advisory_(lock|lock_shared|unlock|unlock_shared|unlock_all)\s*\(/i;

export function gate(site: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  const decision = decide(site, ctx, options);
  // Until the project is known to run behind PgBouncer these are things to know before switching: notes.
  if (
    decision.kind === 'ok' ||
    pgbouncerEvidence(options.behindPgbouncer, ctx.project, site.kind === 'config' ? site.owner : undefined)
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
  const session = SESSION_SET.exec(sql);
  if (session) {
    if (site.inTransaction && site.statement && site.sqlNode)
      return { kind: 'fix', plan: { site }, report: { messageId: 'session-set-local', at, data: { sql: head } } };
    const evidence = pgbouncerEvidence(options.behindPgbouncer, ctx.project);
    return {
      kind: 'report',
      report: {
        messageId: 'session-set',
        at,
        data: {
          sql: head,
          where: site.inTransaction ? '' : ' outside a transaction',
          also: evidence ? ` (this project runs behind PgBouncer: ${evidence})` : '',
        },
      },
    };
  }
  if (/^\s*(LISTEN|UNLISTEN)\b/i.test(sql))
    return { kind: 'report', report: { messageId: 'listen', at, data: { sql: head } } };
  const lock = ADVISORY_LOCK.exec(sql);
  if (lock && !/_xact_/i.test(lock[0]))
    return {
      kind: 'report',
      report: { messageId: 'advisory-lock', at, data: { fn: lock[0].replace(/\s*\($/, '()') } },
    };
  if (/^\s*PREPARE\b/i.test(sql))
    return { kind: 'report', report: { messageId: 'sql-prepare', at, data: { sql: head } } };
  // Inside BEGIN ... COMMIT too: only ON COMMIT DROP ends the table with the transaction; without it the
  // table stays on the server connection after COMMIT, and behind PgBouncer the next client gets that connection.
  if (/^\s*CREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\s+TABLE\b/i.test(sql) && !/ON\s+COMMIT\s+DROP/i.test(sql))
    return {
      kind: 'report',
      report: {
        messageId: 'temp-table',
        at,
        data: {
          sql: head,
          why: site.inTransaction
            ? "it outlives the COMMIT on the server connection, which behind PgBouncer in transaction mode is the next client's"
            : 'behind PgBouncer in transaction mode later statements may run on another server connection and not see it',
        },
      },
    };
  if (/^\s*DECLARE\b[\s\S]*\bWITH\s+HOLD\b/i.test(sql))
    return { kind: 'report', report: { messageId: 'hold-cursor', at, data: { sql: head } } };
  return { kind: 'ok', check: 'transaction-safe', at };
}
