/**
 * What the tool knows of PgBouncer itself, with where each fact comes from:
 * the analysis (is this code behind PgBouncer?) and pgbouncer-config (what
 * may the .ini say for this release?) read them here.
 */
export const PGBOUNCER = {
  /** `listen_port` default (pgbouncer.ini reference): a config naming it points at PgBouncer, not PostgreSQL. */
  port: 6432,
  /** `max_prepared_statements` came in 1.21 (NEWS.md); older releases refuse a config that sets it. */
  preparedStatementsSince: [1, 21] as [number, number],
  /**
   * Startup parameters PgBouncer keeps track of and so accepts from a client
   * (pgbouncer.ini reference, `ignore_startup_parameters`: client_encoding,
   * datestyle, timezone, standard_conforming_strings; and application_name,
   * which it tracks too); any other is refused unless ignored.
   */
  trackedParameters: ['client_encoding', 'datestyle', 'timezone', 'standard_conforming_strings', 'application_name'],
  /** What pgbouncer-config writes for it: 1.24.0 made 200 the default (NEWS.md). */
  preparedStatements: 200,
};
