/**
 * Framework plugins that hang a library's pool on the app under a name, so
 * that application code reaches it as a member (`fastify.pg.query(...)`),
 * with no import of the library in sight.
 *
 * - @fastify/postgres (README, "Usage"): registers node-postgres and
 *   decorates the instance with `pg`, whose `query` and `connect` are the
 *   pool's own (`fastify.pg.query` runs on whichever client is free).
 * - @fastify/mysql (README, "Usage"): registers mysql2 and decorates the
 *   instance with `mysql`, whose `query`/`execute` run on the pool and
 *   whose `getConnection` checks one out.
 *
 * An application's own plugin does the same with `server.decorate('mysql',
 * pool)`; the scan reads those from the code (scan/summary.ts).
 */
import type { DriverId } from './types';

/** Plugin package -> the member it decorates the app with, and the library behind it. */
export const POOL_DECORATOR_PLUGINS: Readonly<Record<string, { member: string; driver: DriverId }>> = {
  '@fastify/postgres': { member: 'pg', driver: 'pg' },
  'fastify-postgres': { member: 'pg', driver: 'pg' },
  '@fastify/mysql': { member: 'mysql', driver: 'mysql2' },
  'fastify-mysql': { member: 'mysql', driver: 'mysql2' },
};

/** The call that hangs a value on a Fastify instance under a name: `app.decorate('name', value)`. */
export const DECORATE_METHOD = 'decorate';
