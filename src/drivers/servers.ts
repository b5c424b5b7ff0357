/**
 * How many connections each database server accepts by default, and what it
 * answers past that: what a pool's size is weighed against when the user
 * gives no --db-max-connections. PostgreSQL: postgres.ts. MySQL: the MySQL
 * 8.0 Reference Manual, "Server System Variables", `max_connections`
 * (default 151), and "Too many connections" (ER_CON_COUNT_ERROR, error 1040)
 * past it; MariaDB has the same default (its "Server System Variables").
 */
import type { DriverId } from './types';
import { POSTGRES_DEFAULTS } from './postgres';

export interface ServerDefaults {
  server: string;
  maxConnections: number;
  /** The server's error once it is full. */
  refusal: string;
}

const POSTGRESQL: ServerDefaults = {
  server: 'PostgreSQL',
  maxConnections: POSTGRES_DEFAULTS.maxConnections,
  refusal: 'too many clients',
};
const MYSQL: ServerDefaults = { server: 'MySQL', maxConnections: 151, refusal: 'Too many connections' };

const BY_DRIVER: Partial<Record<DriverId, ServerDefaults>> = { pg: POSTGRESQL, mysql: MYSQL, mysql2: MYSQL };

/** The server a driver talks to and its defaults; undefined for a library of no one server (generic-pool). */
export function serverDefaultsOf(driver: DriverId): ServerDefaults | undefined {
  return BY_DRIVER[driver];
}
