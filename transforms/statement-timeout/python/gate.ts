/**
 * The Python gate. asyncpg: a pool with no `command_timeout` gets one (the
 * client cancels a statement on the server once it runs longer, with no
 * startup parameter, so this holds behind PgBouncer too); `None` or `0` is
 * kept and reported; a `statement_timeout` in `server_settings` behind
 * PgBouncer is a refused startup parameter. psycopg2 and psycopg_pool: the
 * limit is libpq's `options='-c statement_timeout=<ms>'`, a startup
 * parameter: added where every connect argument is in sight (keywords, no
 * `**` spread, no connection string that might carry `options` already),
 * reported otherwise, and behind PgBouncer it belongs on the role.
 */
import type { Node } from 'web-tree-sitter';
import type { FactNeed } from '../../../src/core/facts';
import type { Decision } from '../../../src/core/types';
import { runsOnceIn, runsOnceNeeds } from '../../../src/frontends/python/scan/imported';
import type { PyPoolSite } from '../../../src/frontends/python/analysis/driver-use';
import { pyPgbouncerEvidence } from '../../../src/frontends/python/analysis/pgbouncer';
import type { PyContext } from '../../../src/frontends/python/context';
import { argumentsOf, hasSplat, keywordValue } from '../../../src/frontends/python/fixes/arguments';
import type { MessageId, Options } from '../meta';
import type { Site } from './detect';
import { quoted, reportAt, spanOf } from '../../../src/frontends/python/decisions';

export interface Plan {
  /** The call that gets the argument: the pool's, or psycopg_pool's `kwargs=dict(...)`. */
  call: Node;
  argument: string;
}

export function gate(site: Site, ctx: PyContext, options: Options): Decision<Plan, MessageId> {
  if (site.kind === 'session-set') return gateSessionSet(site);
  const { pool } = site;
  // A script run once (a backfill, a migration) may rightly run a statement for minutes: its limit is the one given
  // for jobs, or none.
  if (runsOnceIn(ctx, pool.fn)) {
    if (options.jobStatementTimeoutMs === undefined)
      return { kind: 'ok', check: 'one-shot-script', at: spanOf(pool.call) };
    options = { ...options, statementTimeoutMs: options.jobStatementTimeoutMs };
  }
  const seconds = String(options.statementTimeoutMs / 1000);
  const data = {
    pool: pool.target ?? pool.call.text.split('(')[0],
    driver: pool.driver.label,
    value: String(options.statementTimeoutMs),
    seconds: String(Math.round(options.statementTimeoutMs / 1000)),
  };
  const evidence = pyPgbouncerEvidence(options.behindPgbouncer, ctx.project, pool.call, ctx.text);
  const limit = pool.driver.statementTimeout;
  if (limit.kind === 'command-timeout') {
    const settings = keywordValue(pool.call, limit.settingsKeyword);
    const startup = settings ? dictEntry(settings, 'statement_timeout') : undefined;
    if (startup && evidence)
      return reportAt('startup-parameter-behind-pgbouncer', startup, { ...data, key: 'statement_timeout', evidence });
    const existing = keywordValue(pool.call, limit.keyword);
    if (existing) {
      if (existing.text === 'None' || /^0+(\.0*)?$/.test(existing.text))
        return reportAt('timeout-disabled', existing, {
          ...data,
          setting: `${limit.keyword}=${existing.text}`,
          suggestion: `${limit.keyword}=${seconds}`,
        });
      return { kind: 'ok', check: 'has-command-timeout', at: spanOf(pool.call) };
    }
    if (startup) return { kind: 'ok', check: 'has-statement-timeout', at: spanOf(pool.call) };
    if (hasSplat(pool.call))
      return reportAt('config-hidden', pool.call, {
        ...data,
        why: 'passed partly through `**`',
        suggestion: `${limit.keyword}=${seconds}`,
      });
    return {
      kind: 'fix',
      plan: { call: pool.call, argument: `${limit.keyword}=${seconds}` },
      report: {
        messageId: 'no-command-timeout',
        at: spanOf(pool.call),
        data: { ...data, setting: `${limit.keyword}=${seconds}` },
      },
    };
  }
  return gateStartupOptions(pool, ctx, data, evidence, limit.inKwargs);
}

function gateStartupOptions(
  pool: PyPoolSite,
  ctx: PyContext,
  data: Record<string, string>,
  evidence: string | undefined,
  inKwargs: boolean,
): Decision<Plan, MessageId> {
  const q = ctx.style.quote;
  const options = `-c statement_timeout=${data.value}`;
  const argument = `options=${q}${options}${q}`;
  const kwargs = inKwargs ? keywordValue(pool.call, 'kwargs') : undefined;
  const holder = inKwargs ? kwargs : pool.call;
  const existing =
    holder?.type === 'call' ? keywordValue(holder, 'options') : holder ? dictEntry(holder, 'options') : undefined;
  const sets = existing ? /statement_timeout/.test(existing.text) : false;
  if (evidence) {
    if (existing && sets)
      return reportAt('startup-parameter-behind-pgbouncer', existing, { ...data, key: 'options', evidence });
    return reportAt('behind-pgbouncer', pool.call, { ...data, evidence });
  }
  if (sets) return { kind: 'ok', check: 'has-statement-timeout', at: spanOf(pool.call) };
  const data2 = { ...data, suggestion: argument };
  if (existing) return reportAt('config-hidden', pool.call, { ...data2, why: 'already passes other `options`' });
  const why = hiddenConfig(pool, inKwargs, kwargs);
  if (why) return reportAt('config-hidden', pool.call, { ...data2, why });
  // psycopg_pool with no `kwargs=` yet gets one holding the option.
  const plan =
    inKwargs && kwargs?.type === 'call'
      ? { call: kwargs, argument }
      : inKwargs
        ? { call: pool.call, argument: `kwargs=dict(${argument})` }
        : { call: pool.call, argument };
  return {
    kind: 'fix',
    plan,
    report: { messageId: 'no-startup-statement-timeout', at: spanOf(pool.call), data: { ...data, setting: argument } },
  };
}

/**
 * Why the tool cannot see every connect argument of the pool: a `**`
 * spread, or a connection string (positional, `dsn=`, `conninfo=`) that
 * is not a literal free of `options`, which an `options=` keyword would
 * override (libpq takes the last).
 */
function hiddenConfig(pool: PyPoolSite, inKwargs: boolean, kwargs: Node | undefined): string | undefined {
  if (hasSplat(pool.call) || (kwargs?.type === 'call' && hasSplat(kwargs))) return 'passed partly through `**`';
  // psycopg2's pools take minconn and maxconn first; psycopg_pool's first positional is the conninfo.
  const positional = argumentsOf(pool.call).filter((a) => a.type !== 'keyword_argument');
  const dsn = [
    ...(inKwargs ? positional.slice(0, 1) : positional.slice(2)),
    keywordValue(pool.call, inKwargs ? 'conninfo' : 'dsn'),
  ].filter((n): n is Node => n !== undefined);
  for (const d of dsn) {
    if (d.type !== 'string' || d.text.startsWith('f'))
      return `connects with \`${quoted(d)}\`, which may set \`options\` already`;
    if (/options/.test(d.text)) return 'its connection string already passes `options`';
  }
  if (inKwargs && kwargs && !(kwargs.type === 'call' && kwargs.childForFieldName('function')?.text === 'dict'))
    return 'its `kwargs` are not a `dict(...)` written here';
  return undefined;
}

/** The value of `'key': value` in a dict literal, or of `key=value` in `dict(...)`. */
function dictEntry(node: Node, key: string): Node | undefined {
  if (node.type === 'call' && node.childForFieldName('function')?.text === 'dict') return keywordValue(node, key);
  if (node.type !== 'dictionary') return undefined;
  for (const pair of node.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const k = pair.childForFieldName('key');
    if (k?.type === 'string' && k.text.slice(1, -1) === key) return pair.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/**
 * A per-request `SET statement_timeout` on a pooled connection: where the
 * pool hands connections back with their session settings (psycopg2,
 * psycopg_pool), the next caller inherits the limit once the setting
 * transaction commits; asyncpg resets the session on release.
 */
function gateSessionSet(site: Extract<Site, { kind: 'session-set' }>): Decision<Plan, MessageId> {
  const { driver } = site;
  if (!driver.keepsSessionSettings) return { kind: 'ok', check: 'session-reset-on-release', at: spanOf(site.call) };
  const why = `${driver.label}'s pool does not reset the session when the connection comes back; a committed SET stays`;
  return {
    kind: 'report',
    report: {
      messageId: 'session-set-leaks',
      at: spanOf(site.call),
      data: { sql: site.sql.trim(), why },
      // Rolled back with the transaction if nothing commits it: likely, not certain.
      ...(driver.implicitTransactions ? { severity: 'warning' as const } : {}),
    },
  };
}

/** A module with a `__main__` guard: whether the project imports it (then it is no script run once). */
export function needs(_sites: readonly Site[], ctx: PyContext): FactNeed[] {
  return runsOnceNeeds(ctx);
}
