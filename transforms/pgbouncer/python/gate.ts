/**
 * The Python gate: what of each site breaks behind PgBouncer in transaction
 * mode. Statements relying on the session are reported as in JavaScript
 * (one classifier, ../session-sql.ts); a cursor WITH HOLD too. Where the
 * project is known to run behind PgBouncer, a pool or connection whose
 * library prepares statements by itself gets that turned off
 * (`statement_cache_size=0`, `prepare_threshold=None`), and startup
 * parameters PgBouncer refuses are reported; elsewhere the findings are
 * notes, things to know before putting PgBouncer in front.
 */
import type { Node } from 'web-tree-sitter';
import type { Edit } from '../../../src/core/edits';
import type { Decision, Report } from '../../../src/core/types';
import { PGBOUNCER } from '../../../src/drivers/pgbouncer';
import { SESSION_TIMEOUTS, setsOnlyTimeouts } from '../../../src/frontends/python/analysis/connections';
import { pyPgbouncerEvidence } from '../../../src/frontends/python/analysis/pgbouncer';
import { methodCall } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import { addKeywordArgument, hasSplat, keywordValue } from '../../../src/frontends/python/fixes/arguments';
import type { MessageId, Options } from '../meta';
import { sessionUse } from '../session-sql';
import type { Site } from './detect';
import { spanOf } from '../../../src/frontends/python/decisions';

export interface Plan {
  edits: Edit[];
}

/** Startup settings statement-timeout reports behind PgBouncer itself: not said twice. */
const TIMEOUT_SETTINGS = new Set(SESSION_TIMEOUTS);

export function gate(site: Site, ctx: PyContext, options: Options): Decision<Plan, MessageId> {
  const evidence = pyPgbouncerEvidence(
    options.behindPgbouncer,
    ctx.project,
    site.kind === 'config' ? site.call : undefined,
    ctx.text,
  );
  if (site.kind === 'config') return gateConfig(site, ctx, evidence);
  const decision = decide(site, evidence);
  // Until the project is known to run behind PgBouncer these are things to know before switching: notes.
  if (decision.kind !== 'report' || evidence) return decision;
  const soften = (r: Report<MessageId>): Report<MessageId> => ({ ...r, severity: 'note' });
  return { ...decision, report: soften(decision.report), also: decision.also?.map(soften) };
}

function decide(site: Exclude<Site, { kind: 'config' }>, evidence: string | undefined): Decision<Plan, MessageId> {
  if (site.kind === 'hold-cursor') {
    // As written: `cursor(withhold=True)`.
    const sql = `${methodCall(site.call)?.method ?? 'cursor'}(${site.flag.parent?.text ?? ''})`;
    return { kind: 'report', report: { messageId: 'hold-cursor', at: spanOf(site.flag), data: { sql } } };
  }
  const use = sessionUse(
    site.sql,
    site.inTransaction,
    evidence ? ` (this project runs behind PgBouncer: ${evidence})` : '',
  );
  if (!use) return { kind: 'ok', check: 'transaction-safe', at: spanOf(site.call) };
  return { kind: 'report', report: { messageId: use.messageId, at: spanOf(site.call), data: use.data } };
}

function gateConfig(
  site: Extract<Site, { kind: 'config' }>,
  ctx: PyContext,
  evidence: string | undefined,
): Decision<Plan, MessageId> {
  if (!evidence) return { kind: 'ok', check: 'not-behind-pgbouncer', at: spanOf(site.call) };
  const refused = refusedParameters(site);
  const reports: Report<MessageId>[] = refused.map(({ key, node }) => ({
    messageId: 'startup-parameter',
    at: spanOf(node),
    data: { pool: site.name, key },
  }));
  const prepare = site.driver.autoPrepare;
  const holder = site.inKwargs ? keywordValue(site.call, 'kwargs') : site.call;
  const current =
    prepare && holder ? (holder.type === 'call' ? keywordValue(holder, prepare.keyword) : undefined) : undefined;
  const needsOff = prepare !== null && current?.text !== prepare.off;
  if (!prepare || !needsOff) {
    const [first, ...also] = reports;
    return first
      ? { kind: 'report', report: first, also }
      : { kind: 'ok', check: 'pgbouncer-ready', at: spanOf(site.call) };
  }
  const data = { pool: site.name, driver: site.driver.label, setting: `${prepare.keyword}=${prepare.off}`, evidence };
  const hidden = hasSplat(site.call);
  // A value of its own, or arguments the tool cannot see (a `**` spread), are the user's to change.
  if (
    current ||
    hidden ||
    (site.inKwargs && holder && !(holder.type === 'call' && holder.childForFieldName('function')?.text === 'dict'))
  )
    return {
      kind: 'report',
      report: { messageId: 'library-prepares', at: spanOf(current ?? site.call), data },
      also: reports,
    };
  const edits =
    site.inKwargs && holder?.type === 'call'
      ? addKeywordArgument(ctx, holder, data.setting)
      : addKeywordArgument(ctx, site.call, site.inKwargs ? `kwargs=dict(${data.setting})` : data.setting);
  return {
    kind: 'fix',
    plan: { edits },
    report: { messageId: 'library-prepares', at: spanOf(site.call), data },
    also: reports,
  };
}

/** `server_settings={...}` keys and an `options=` PgBouncer does not track (timeouts are statement-timeout's to report). */
function refusedParameters(site: Extract<Site, { kind: 'config' }>): { key: string; node: Node }[] {
  const found: { key: string; node: Node }[] = [];
  const settings = keywordValue(site.call, 'server_settings');
  if (settings?.type === 'dictionary')
    for (const pair of settings.namedChildren) {
      const key = pair?.type === 'pair' ? pair.childForFieldName('key') : null;
      const name = key?.type === 'string' ? key.text.slice(1, -1) : undefined;
      if (pair && name && !TIMEOUT_SETTINGS.has(name) && !PGBOUNCER.trackedParameters.includes(name.toLowerCase()))
        found.push({ key: name, node: pair });
    }
  const optionsArg = keywordValue(site.call, 'options');
  if (optionsArg && !setsOnlyTimeouts(optionsArg.text)) found.push({ key: 'options', node: optionsArg });
  return found;
}
