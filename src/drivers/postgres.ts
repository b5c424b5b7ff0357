/**
 * The PostgreSQL server's defaults that sizing is worked out from
 * (PostgreSQL docs, "Connections and Authentication": `max_connections`
 * "typically 100", `superuser_reserved_connections` "the default value is
 * three"). A server may be set otherwise: the user says so with
 * --db-max-connections and --reserved.
 */
export const POSTGRES_DEFAULTS = {
  maxConnections: 100,
  superuserReservedConnections: 3,
} as const;
