/**
 * ORM entry points that make a driver's pool themselves when handed a
 * connection string or connection options instead of a pool: the pool
 * exists, with the driver's defaults, but no construction in the code says
 * so, and nothing the tool reads sizes it, bounds its waits or listens for
 * its errors.
 */
export interface OrmMadePool {
  /** The module the entry point is imported from. */
  module: string;
  /** Its exported name. */
  name: string;
  /** The driver whose pool it makes (a `DRIVERS` id). */
  driver: string;
  /** The options key that carries connection options (`drizzle({ connection })`): the ORM makes the pool from it. */
  connectionKey: string;
  /** The options key that hands over a pool the code made (`drizzle({ client: pool })`): that pool is read. */
  clientKey: string;
  /** What the pool it makes runs with, for messages (the driver's defaults). */
  defaults: string;
}

export const ORM_MADE_POOLS: readonly OrmMadePool[] = [
  // drizzle-orm's node-postgres driver: `drizzle(process.env.DATABASE_URL)` or `drizzle({ connection: {...} })`
  // makes a pg Pool ("Under the hood Drizzle will create a node-postgres driver instance which you can access via
  // db.$client"; orm.drizzle.team/docs/connect-overview), `drizzle(pool)` or `drizzle({ client: pool })` uses the
  // one given (orm.drizzle.team/docs/get-started-postgresql).
  {
    module: 'drizzle-orm/node-postgres',
    name: 'drizzle',
    driver: 'pg',
    connectionKey: 'connection',
    clientKey: 'client',
    // pg-pool's defaults: max 10, connectionTimeoutMillis 0; no statement_timeout; an idle client's error is re-emitted
    // on the pool, which without a listener ends the process (src/drivers/pg.ts).
    defaults: "up to 10 connections, no acquire or statement timeout, no 'error' listener",
  },
  // drizzle-orm's mysql2 driver: the same forms make a mysql2 pool with `createPool` (drizzle-orm 0.45's
  // mysql2/driver.js imports it; orm.drizzle.team/docs/get-started-mysql shows `drizzle(process.env.DATABASE_URL)`).
  {
    module: 'drizzle-orm/mysql2',
    name: 'drizzle',
    driver: 'mysql2',
    connectionKey: 'connection',
    clientKey: 'client',
    // mysql2's pool defaults: connectionLimit 10, queueLimit 0 (no limit), no acquire timeout (src/drivers/mysql2.ts).
    defaults: 'up to 10 connections, a queue of waiting callers without limit, no acquire timeout',
  },
];
