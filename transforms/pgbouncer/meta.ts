import { BEHIND_PGBOUNCER_OPTION } from '../../src/core/shared-options';
import { type MessageIdOf, type OptionsOfMeta, defineMeta } from '../../src/core/types';
import { pgOnlyProject } from '../../src/frontends/js/analysis/pgbouncer';
import { TEXT } from '../../src/drivers';

export const meta = defineMeta({
  id: 'pgbouncer',
  title: 'Code that works behind PgBouncer in transaction mode',
  antiPattern: 6,
  question: 5,
  fixable: true,
  docs: {
    summary:
      'session state, LISTEN, session advisory locks, named prepared statements and startup parameters break behind PgBouncer in transaction mode',
    description:
      'PgBouncer in transaction mode gives each transaction whichever server connection is free, so anything that relies on the session breaks, mostly silently. Reports, per site, what would break and what to do instead: session SET (a SET inside BEGIN ... COMMIT becomes SET LOCAL), LISTEN, session-level advisory locks, named prepared statements, temporary tables used across statements, cursors WITH HOLD, and startup parameters in a client config. `pool-codemod pgbouncer-config` writes a sized pgbouncer.ini for the project. On Python the same statements are reported, and behind PgBouncer the statement cache of asyncpg and the auto-prepare of psycopg 3 are turned off.',
  },
  options: { behindPgbouncer: BEHIND_PGBOUNCER_OPTION },
  // `client.query<Row>(...)`: TypeScript's type arguments may stand between the name and the call.
  prefilter: {
    js: [/\.(query|execute)\s*[(<]|\b(Pool|Client)\s*[(<]/],
    python: [/\b(asyncpg|psycopg_pool|psycopg2|psycopg)\b/],
  },
  // A query counts as PostgreSQL's only where pg is imported, or anywhere in a project that uses pg and no other SQL library.
  projectFilter: { js: (text, project) => TEXT.driverModule.test(text) || pgOnlyProject(project.dependencies) },
  messages: {
    'session-set': {
      severity: 'warning',
      text: '`{{sql}}` changes the session{{where}}: behind PgBouncer in transaction mode the next statement may run on another server connection without it, and a later client may inherit it. Use `SET LOCAL` inside the transaction that needs it{{also}}.',
    },
    'session-set-local': {
      severity: 'warning',
      text: "`{{sql}}` inside a transaction outlives it on the server connection; behind PgBouncer that connection is the next client's. `SET LOCAL` ends with the transaction.",
    },
    listen: {
      severity: 'error',
      text: '`{{sql}}` needs a connection of its own for as long as it listens: behind PgBouncer in transaction mode the notifications go to whichever session ran it. Keep LISTEN on a direct connection to PostgreSQL (not through PgBouncer).',
    },
    'advisory-lock': {
      severity: 'error',
      text: '`{{fn}}` takes a session-level advisory lock: behind PgBouncer the unlock may run on another session and the lock stays held (or another client holds it). Use `pg_advisory_xact_lock` inside a transaction, or a direct connection.',
    },
    'named-prepared-statement': {
      severity: 'warning',
      text: 'a query named `{{name}}` is a named prepared statement, kept by one server session: behind PgBouncer before 1.21 (or with max_prepared_statements = 0) it fails with "prepared statement does not exist". Drop `name`, or set max_prepared_statements in pgbouncer.ini.',
    },
    'sql-prepare': {
      severity: 'warning',
      text: '`{{sql}}` prepares a statement in the session: behind PgBouncer in transaction mode the EXECUTE may run on another server connection. Prepare and execute inside one transaction, or let the driver prepare.',
    },
    'temp-table': {
      severity: 'warning',
      text: '`{{sql}}` creates a temporary table for the session: {{why}}. Create it inside the transaction that uses it, with ON COMMIT DROP.',
    },
    'hold-cursor': {
      severity: 'warning',
      text: '`{{sql}}` declares a cursor WITH HOLD, which outlives the transaction on one server session: behind PgBouncer in transaction mode the FETCH may run elsewhere. Read it inside the transaction.',
    },
    'library-prepares': {
      severity: 'error',
      text: '`{{pool}}` runs behind PgBouncer ({{evidence}}), and {{driver}} prepares statements on the server by itself: PgBouncer in transaction mode before 1.21 (or with max_prepared_statements = 0) sends the next execution to a connection that never saw them ("prepared statement ... does not exist"). Sets `{{setting}}`; with PgBouncer 1.21+ and max_prepared_statements set, it can go.',
    },
    'startup-parameter': {
      severity: 'warning',
      text: '`{{pool}}` sends `{{key}}` as a startup parameter: PgBouncer refuses the connection ("unsupported startup parameter") unless it is in ignore_startup_parameters, and then the setting is silently dropped. Set it on the role (`ALTER ROLE <app user> SET {{key}} = ...`) instead.',
    },
  },
});

export type Options = OptionsOfMeta<typeof meta>;
export type MessageId = MessageIdOf<typeof meta>;
