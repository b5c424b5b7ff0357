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

/**
 * Hosted databases whose pooled endpoint is PgBouncer in transaction mode,
 * known by the host name a connection string gives. Neon: a pooled
 * connection string adds `-pooler` to the endpoint's host
 * (neon.tech/docs/connect/connection-pooling), which runs PgBouncer in
 * transaction mode and supports only a few startup parameters ("unsupported
 * startup parameter: ..." in neon.tech/docs/connect/connection-errors,
 * neondatabase/website#1312; neondatabase/neon#6291). Supabase: its pooler
 * host on port 6543 is transaction mode, without session-level features
 * (supabase.com/docs/guides/self-hosting/accessing-postgres, "Choose a
 * connection mode"), and refuses libpq's `options` startup parameter
 * (223MapAction/Mapapi#44, a production outage); port 5432 there is session
 * mode.
 */
const MANAGED_POOLERS: readonly { name: string; host: RegExp }[] = [
  { name: "Neon's pooled endpoint (-pooler)", host: /\b[\w-]+-pooler\.[\w.-]*neon\.tech\b/i },
  { name: "Supabase's transaction pooler (port 6543)", host: /\bpooler\.supabase\.com:6543\b/i },
];

/** The managed pooler a connection string (or any text holding one) names, in words; undefined when none. */
export function managedPoolerIn(text: string): string | undefined {
  return MANAGED_POOLERS.find((p) => p.host.test(text))?.name;
}
