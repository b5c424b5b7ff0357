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
  },
];
