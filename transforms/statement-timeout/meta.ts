import { BEHIND_PGBOUNCER_OPTION } from '../../src/core/shared-options';
import { type MessageIdOf, type OptionsOfMeta, defineMeta } from '../../src/core/types';
import { TEXT } from '../../src/drivers';
import { IMPORTED_CONFIGS, JOB_LOADERS } from '../../src/frontends/js/scan/facts';
import { PY_IMPORTED } from '../../src/frontends/python/scan/imported';

export const meta = defineMeta({
  id: 'statement-timeout',
  title: 'Bound how long a statement may run',
  antiPattern: 5,
  question: 4,
  fixable: true,
  docs: {
    summary: 'a pool without a statement timeout lets a runaway query hold its connection and its locks for hours',
    description:
      "Adds a server-side statement_timeout to every pg pool whose config it can see (query_timeout alone fails the call but leaves the query running on the server). A per-request `SET statement_timeout` on a pooled connection stays on that connection after release and leaks to the next borrower: it becomes SET LOCAL inside a transaction, or moves to the pool's config when every such SET uses one constant value; otherwise it is reported. Pools in jobs and scripts (a module that exports nothing, starts no server and runs its work from the top level, or lives under scripts/, bin/, migrations/, jobs/) are left alone unless --job-statement-timeout-ms gives their limit. Behind PgBouncer, where startup parameters are refused, and on Neon, whose proxy drops them, the limit belongs on the role and nothing is added to the config. On Python: asyncpg pools get `command_timeout` (a cancel request, no startup parameter); psycopg2 and psycopg_pool pools whose connect arguments are all in sight get `options='-c statement_timeout=<ms>'`.",
  },
  options: {
    statementTimeoutMs: {
      type: 'integer',
      minimum: 1,
      maximum: 86_400_000,
      default: 30_000,
      description: 'the longest a statement may run on the server (milliseconds)',
    },
    jobStatementTimeoutMs: {
      type: 'integer',
      minimum: 1,
      maximum: 86_400_000,
      description:
        'the limit for pools in jobs and scripts (a backfill, a migration, a cron runner), which may rightly run a statement for minutes; without it their pools are left alone (milliseconds)',
    },
    idleInTransactionMs: {
      type: 'integer',
      minimum: 1,
      maximum: 86_400_000,
      description:
        'also end sessions idle inside a transaction for longer than this (idle_in_transaction_session_timeout, milliseconds)',
    },
    behindPgbouncer: BEHIND_PGBOUNCER_OPTION,
  },
  // A pool is made here, or a SET statement_timeout runs here (on a pool imported from elsewhere).
  facts: [IMPORTED_CONFIGS, JOB_LOADERS, PY_IMPORTED],
  prefilter: {
    js: [new RegExp(`${TEXT.driverModule.source}|statement_timeout`, 'i')],
    python: [/\b(asyncpg|psycopg_pool|psycopg2)\b/],
  },
  messages: {
    'no-statement-timeout': {
      severity: 'warning',
      text: '`{{pool}}` sets no statement timeout: a runaway query holds its connection (and its locks) until it ends. Adds `statement_timeout: {{value}}`, which the server enforces on every connection of the pool.',
    },
    'shared-with-job': {
      severity: 'warning',
      text: "`{{pool}}` sets no statement timeout, and {{jobs}}, a job (a migration, a backfill) whose statements may rightly run for minutes, loads this module too: a {{seconds}} s limit added here would cancel them. Set the limit where the server's pool is made (or on its database role), and give the job its own, longer one.",
    },
    'client-side-only': {
      severity: 'warning',
      text: '`{{pool}}` sets `query_timeout` but no `statement_timeout`: the call fails after the limit while the server keeps running the query. Adds `statement_timeout: {{value}}` (keep query_timeout a little above it).',
    },
    'no-limit': {
      severity: 'warning',
      text: '`{{pool}}` sets `statement_timeout: 0`, which means no limit; the tool keeps explicit values. Set one (for example {{value}} ms).',
    },
    'startup-parameter-dropped': {
      severity: 'warning',
      text: "`{{pool}}` reaches its database through a hosted service's proxy that passes on few startup parameters and drops `{{key}}` ({{evidence}}): {{state}}. Set the limit on the database role (`ALTER ROLE <app user> SET {{key}} = '{{seconds}}s'`), or with `SET LOCAL {{key}}` inside each transaction.",
    },
    'key-not-sent': {
      severity: 'warning',
      text: "`{{pool}}` is made through {{driver}}'s `{{via}}` bindings, which do not send `{{key}}` to the server (only `options`): {{state}}. Set it with `options: '-c {{key}}={{value}}'`, or on the role (`ALTER ROLE <app user> SET {{key}} = ...`).",
    },
    'config-opaque': {
      severity: 'warning',
      text: "`{{pool}}`'s config is {{why}}, so the tool cannot see whether it sets `statement_timeout`. Make sure it does (for example `statement_timeout: {{value}}`).",
    },
    'behind-pgbouncer': {
      severity: 'warning',
      text: "`{{pool}}` runs behind PgBouncer ({{evidence}}), which refuses `statement_timeout` as a startup parameter: set the limit on the database role (`ALTER ROLE <app user> SET statement_timeout = '{{seconds}}s'`), or with `SET LOCAL statement_timeout` inside each transaction.",
    },
    'startup-parameter-behind-pgbouncer': {
      severity: 'error',
      text: '`{{pool}}` sends `{{key}}` as a startup parameter but runs behind PgBouncer ({{evidence}}): PgBouncer refuses the connection ("unsupported startup parameter"), or ignores the setting when it is in ignore_startup_parameters. Move the limit to the role (`ALTER ROLE <app user> SET {{key}} = ...`).',
    },
    'session-set-to-pool': {
      severity: 'error',
      text: "`{{sql}}` on a pooled connection stays on that connection after release, so the next borrower inherits it. Every such SET here uses {{value}} ms: it moves to `{{pool}}`'s config as `statement_timeout`.",
    },
    'session-set-local': {
      severity: 'error',
      text: '`{{sql}}` inside a transaction stays on the pooled connection after COMMIT, so the next borrower inherits it; `SET LOCAL` ends with the transaction.',
    },
    'session-set-leaks': {
      severity: 'error',
      text: '`{{sql}}` on a pooled connection stays on it after release, so the next borrower inherits it; the tool cannot move it ({{why}}). Use `SET LOCAL` inside a transaction, or set `statement_timeout` on the pool.',
    },
    'no-command-timeout': {
      severity: 'warning',
      text: '`{{pool}}` sets no statement timeout: a runaway query holds its connection (and its locks) until it ends. Adds `{{setting}}`: {{driver}} then cancels a statement on the server once it runs longer (a cancel request, not a startup parameter, so it holds behind PgBouncer too).',
    },
    'no-startup-statement-timeout': {
      severity: 'warning',
      text: '`{{pool}}` sets no statement timeout: a runaway query holds its connection (and its locks) until it ends. Adds `{{setting}}` to its connection arguments, which the server enforces on every connection of the pool (a startup parameter: behind PgBouncer, set it on the role instead).',
    },
    'timeout-disabled': {
      severity: 'warning',
      text: '`{{pool}}` sets `{{setting}}`, which means no limit; the tool keeps explicit values. Set one (for example `{{suggestion}}`).',
    },
    'config-hidden': {
      severity: 'warning',
      text: "`{{pool}}` {{why}}, so the tool cannot add a statement timeout without risking a setting it cannot see. Make sure the connection sets one (for example `{{suggestion}}`, or `ALTER ROLE <app user> SET statement_timeout = '{{seconds}}s'`).",
    },
    'mysql-no-pool-timeout': {
      severity: 'note',
      text: "{{driver}} has no pool-level statement timeout: pass `{ sql, timeout }` per query (client-side: the server keeps running it), or run `SET SESSION max_execution_time = {{value}}` (MySQL 5.7.8+, SELECT statements) on the pool's `connection` event.",
    },
  },
});

export type Options = OptionsOfMeta<typeof meta>;
export type MessageId = MessageIdOf<typeof meta>;
