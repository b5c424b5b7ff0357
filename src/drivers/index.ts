/**
 * The driver registry and the lookups transforms use. Library facts live in
 * one file per library beside this one.
 */
import { genericPool } from './generic-pool';
import { mysql } from './mysql';
import { mysql2 } from './mysql2';
import { pg } from './pg';
import type { DriverProfile } from './types';
import { ORM_MADE_POOLS } from './orm-pools';

export type { DriverId, DriverProfile, PoolFacts } from './types';

export const DRIVERS: readonly DriverProfile[] = [pg, mysql2, mysql, genericPool];

/**
 * First Node.js major whose V8 runs `await using` natively (Node 24 release
 * notes). JavaScript is not compiled, so `--style using` there needs a
 * project whose engines require it.
 */
export const NODE_EXPLICIT_RESOURCE_MANAGEMENT = '24.0.0';

/** Helpers that run a callback inside a transaction (`withTransaction`, knex/sequelize `transaction`, pg-promise `tx`). */
const TRANSACTION_HELPER_NAMES = 'withTransaction|transaction|inTransaction|tx';
export const TRANSACTION_HELPER = new RegExp(`(^|\\.)(${TRANSACTION_HELPER_NAMES})$`, 'i');
/** A call of one in a file's text (a prefilter: a file that calls none has no callback to look into). */
export const TRANSACTION_HELPER_CALL = new RegExp(`\\b(${TRANSACTION_HELPER_NAMES})\\s*\\(`, 'i');

/** Methods on a connection that subscribe to events: it is meant to outlive the section. */
export const EVENT_METHODS = ['on', 'once', 'addListener', 'prependListener'];
/** Methods that end or evict a connection in a way the tool does not model. */
export const DISPOSAL_METHODS = ['end', 'destroy'];

/** The methods that close one of the library's own connections (its per-call client's, else the common ones). */
export function closeMethods(driver: DriverProfile): readonly string[] {
  return driver.perCallClient?.end ?? DISPOSAL_METHODS;
}

export const RELEASE_METHODS = [...new Set(DRIVERS.flatMap((d) => d.release.map((r) => r.method)))];

/** How the library gives `connection` back: `connection.release()` (pg, mysql), or `pool.release(connection)` (generic-pool). */
export function releaseCall(driver: DriverProfile, pool: string, connection: string): string {
  const [release] = driver.release;
  return release.on === 'pool' ? `${pool}.${release.method}(${connection})` : `${connection}.${release.method}()`;
}

/** The methods that give a checked-out connection back, called on the connection itself, over these libraries. */
export function clientReleaseMethods(drivers: readonly DriverProfile[]): string[] {
  return drivers.flatMap((d) => d.release.filter((r) => r.on === 'client').map((r) => r.method));
}

/**
 * Where a callback acquire's callback gets its arguments: `(err, client,
 * done)` in pg's `pool.connect`, `(err, connection)` in mysql's and mysql2's
 * `getConnection` (their READMEs).
 */
export const CALLBACK_ACQUIRE_ARGS = { err: 0, client: 1 } as const;
export const ACQUIRE_METHODS = [...new Set(DRIVERS.map((d) => d.acquire))];
/** Methods that take a connection from a pool: a checkout, or a query run on one (`pool.query`). */
export const POOL_CALL_METHODS = [...new Set([...ACQUIRE_METHODS, ...DRIVERS.flatMap((d) => d.queryMethods)])];
export const HELPER_NAMES = [...new Set(DRIVERS.map((d) => d.helperName))];

export function driverById(id: string): DriverProfile {
  const found = DRIVERS.find((d) => d.id === id);
  if (!found) throw new Error(`unknown driver ${id}`);
  return found;
}

/** The driver a module specifier belongs to, if any. */
export function driverForModule(specifier: string): DriverProfile | undefined {
  return DRIVERS.find((d) => d.modules.includes(specifier));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Cheap text tests run before parsing: a transform whose tests a file fails
 * cannot find anything in it, and a file no selected transform wants is
 * never parsed.
 */
export const TEXT = {
  /** A database library is imported or required. */
  driverModule: new RegExp(
    DRIVERS.flatMap((d) => d.modules)
      .map((m) => `['"\`]${escape(m)}['"\`]`)
      .join('|'),
  ),
  /** Something is checked out: `.connect(`, `.getConnection(`, `.acquire(` (type arguments may come first in TypeScript). */
  acquireCall: new RegExp(ACQUIRE_METHODS.map((m) => `\\.${m}\\s*[(<]`).join('|')),
  /** A connection is taken from a pool: a checkout or a query (`.connect(`, `.query(`, `.execute(`). */
  poolCall: new RegExp(POOL_CALL_METHODS.map((m) => `\\.${m}\\s*[(<]`).join('|')),
  /** A connection is held: a checkout, or a scoped helper (`withClient(pool, ...)`). */
  heldSection: new RegExp(
    [...ACQUIRE_METHODS.map((m) => `\\.${m}\\s*[(<]`), ...HELPER_NAMES.map((h) => `\\b${h}\\s*[(<]`)].join('|'),
  ),
  /** An ORM that makes a pool itself is imported (`drizzle-orm/node-postgres`). */
  ormPool: new RegExp(ORM_MADE_POOLS.map((o) => `['"\`]${escape(o.module)}['"\`]`).join('|')),
  /** A pool is constructed. */
  poolFactory: new RegExp(
    [
      ...new Set(
        DRIVERS.flatMap((d) => d.poolFactories).map((f) =>
          f.kind === 'new' ? `new\\s+[\\w$.]*\\b${f.name}\\s*[(<]` : `\\b${f.name}\\s*[(<]`,
        ),
      ),
    ].join('|'),
  ),
  /** A client or pool is constructed. */
  clientFactory: new RegExp(
    [
      ...new Set(
        DRIVERS.flatMap((d) => [...d.clientFactories, ...d.poolFactories]).map((f) =>
          f.kind === 'new' ? `new\\s+[\\w$.]*\\b${f.name}\\s*[(<]` : `\\b${f.name}\\s*[(<]`,
        ),
      ),
    ].join('|'),
  ),
};
