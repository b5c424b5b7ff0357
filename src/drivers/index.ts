/**
 * What each database library looks like, as data. Transforms ask these
 * profiles; adding a library means adding a profile here, not editing
 * transforms. Facts come from ../shared/reference/drivers.md.
 */

export type DriverId = 'pg' | 'mysql2' | 'mysql' | 'generic-pool';

export interface DriverProfile {
  id: DriverId;
  /** Module specifiers whose import marks a file as using this library. */
  modules: string[];
  /** Pool constructors: `new Pool(...)` (kind 'new') or `createPool(...)` (kind 'call'). */
  poolFactories: { kind: 'new' | 'call'; name: string }[];
  /** Per-call client constructors (`new Client()`, `createConnection()`). */
  clientFactories: { kind: 'new' | 'call'; name: string }[];
  /** Pool method that checks a connection out. */
  acquire: string;
  /**
   * Most arguments the promise form of the acquire takes. `connect(config)`
   * or `getConnection(config)` with more is some other library's call
   * (a pg Client, oracledb), not a pool checkout.
   */
  acquireMaxArgs: number;
  /**
   * How a checked-out connection goes back: `client.release()` ('client'),
   * or `pool.release(resource)` / `pool.releaseConnection(conn)` ('pool').
   */
  release: { on: 'client' | 'pool'; method: string }[];
  /** A truthy argument to release destroys the connection (pg `release(err)`). */
  releaseArgDestroys: boolean;
  /** A second release throws (pg) instead of doing nothing (mysql2). */
  doubleReleaseThrows: boolean;
  /** Methods on a connection that run a statement. */
  queryMethods: string[];
  /** The pool itself runs a statement on any free connection (`pool.query`): a checkout can be dropped. */
  poolQuery: boolean;
  /** Transaction control methods on a connection, if the driver has them. */
  transaction: { begin: string[]; rollback: string[] };
  /**
   * First version whose connections are async-disposable (`await using`), or
   * null when none is.
   */
  asyncDisposableSince: string | null;
  /** The name of the scoped helper written for `--style helper`. */
  helperName: string;
  /**
   * A per-call client (anti-pattern 1): the method that opens it after
   * construction (pg `client.connect()`; mysql2's promise `createConnection`
   * resolves already connected), and the methods that close it.
   */
  perCallClient: { module: string; connect: string | null; end: string[] } | null;
  /** How a shared pool module creates its pool, for a module the tool writes. */
  sharedPool: { module: string; importName: string; importKind: 'named' | 'default'; create: (config: string) => string } | null;
  /**
   * The module whose connections and pools take callbacks instead of
   * returning promises (mysql2's `mysql2` beside `mysql2/promise`): a
   * callback-style per-call connection needs a callback pool from it.
   */
  callbackModule: string | null;
}

export const DRIVERS: DriverProfile[] = [
  {
    id: 'pg',
    modules: ['pg', 'pg-pool'],
    poolFactories: [{ kind: 'new', name: 'Pool' }],
    clientFactories: [{ kind: 'new', name: 'Client' }],
    acquire: 'connect',
    acquireMaxArgs: 0,
    release: [{ on: 'client', method: 'release' }],
    releaseArgDestroys: true,
    doubleReleaseThrows: true,
    queryMethods: ['query'],
    poolQuery: true,
    transaction: { begin: [], rollback: [] },
    asyncDisposableSince: null,
    helperName: 'withClient',
    perCallClient: { module: 'pg', connect: 'connect', end: ['end'] },
    sharedPool: { module: 'pg', importName: 'Pool', importKind: 'named', create: (config) => `new Pool(${config})` },
    // pg's Pool and Client take callbacks and return promises alike.
    callbackModule: null,
  },
  {
    id: 'mysql2',
    modules: ['mysql2', 'mysql2/promise'],
    poolFactories: [{ kind: 'call', name: 'createPool' }],
    clientFactories: [{ kind: 'call', name: 'createConnection' }],
    acquire: 'getConnection',
    acquireMaxArgs: 0,
    release: [
      { on: 'client', method: 'release' },
      { on: 'pool', method: 'releaseConnection' },
    ],
    releaseArgDestroys: false,
    doubleReleaseThrows: false,
    queryMethods: ['query', 'execute'],
    poolQuery: true,
    transaction: { begin: ['beginTransaction'], rollback: ['rollback'] },
    asyncDisposableSince: '3.18.0',
    helperName: 'withConnection',
    // The promise API only: a callback connection's queries cannot move to a promise pool.
    perCallClient: { module: 'mysql2/promise', connect: null, end: ['end', 'destroy'] },
    sharedPool: { module: 'mysql2/promise', importName: 'mysql', importKind: 'default', create: (config) => `mysql.createPool(${config})` },
    callbackModule: 'mysql2',
  },
  {
    id: 'mysql',
    modules: ['mysql'],
    poolFactories: [{ kind: 'call', name: 'createPool' }],
    clientFactories: [{ kind: 'call', name: 'createConnection' }],
    acquire: 'getConnection',
    acquireMaxArgs: 0,
    release: [{ on: 'client', method: 'release' }],
    releaseArgDestroys: false,
    doubleReleaseThrows: true,
    queryMethods: ['query'],
    poolQuery: true,
    transaction: { begin: ['beginTransaction'], rollback: ['rollback'] },
    asyncDisposableSince: null,
    helperName: 'withConnection',
    perCallClient: null,
    sharedPool: null,
    callbackModule: null,
  },
  {
    id: 'generic-pool',
    modules: ['generic-pool'],
    poolFactories: [{ kind: 'call', name: 'createPool' }],
    clientFactories: [],
    acquire: 'acquire',
    // generic-pool: acquire(priority)
    acquireMaxArgs: 1,
    release: [{ on: 'pool', method: 'release' }],
    releaseArgDestroys: false,
    doubleReleaseThrows: true,
    queryMethods: ['query', 'execute'],
    // A generic-pool pool hands out resources; it runs nothing itself.
    poolQuery: false,
    transaction: { begin: [], rollback: [] },
    asyncDisposableSince: null,
    helperName: 'withResource',
    perCallClient: null,
    sharedPool: null,
    callbackModule: null,
  },
];

/**
 * First Node.js major whose V8 runs `await using` natively. JavaScript sources
 * are not compiled, so `--style using` there needs a project that requires it.
 */
export const NODE_EXPLICIT_RESOURCE_MANAGEMENT = '24.0.0';

/** SQL text that opens or aborts a transaction when sent through a query method. */
export const SQL_BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
export const SQL_ROLLBACK = /^\s*ROLLBACK\b/i;
/** Session features that tie the caller to one connection for its life. */
export const SQL_LISTEN = /^\s*LISTEN\b/i;

/**
 * SQL that changes session state a later caller of a shared pool would
 * inherit (or that needs one connection for its whole life).
 */
export const SQL_SESSION = /^\s*(SET(?!\s+LOCAL\b)|RESET|LISTEN|UNLISTEN|PREPARE|DECLARE|CREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\b|LOCK\b|SELECT\s+pg_advisory_lock)/i;
/** SQL that takes row locks held until the transaction ends. */
export const SQL_ROW_LOCK = /\bFOR\s+(UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b/i;
/** Helpers that run a callback inside a transaction (`withTransaction`, knex/sequelize `transaction`). */
export const TRANSACTION_HELPER = /(^|\.)(withTransaction|transaction|inTransaction|tx)$/i;
/** Every method name that gives a connection back, over all drivers. */
export const RELEASE_METHODS = [...new Set(DRIVERS.flatMap((d) => d.release.map((r) => r.method)))];
export const SQL_TRANSACTION = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE\s+SAVEPOINT)\b/i;

/** Methods on a connection that subscribe to events: it is meant to outlive the section. */
export const EVENT_METHODS = ['on', 'once', 'addListener', 'prependListener'];
/** Methods that end or evict a connection in a way the tool does not model. */
export const DISPOSAL_METHODS = ['end', 'destroy'];

export function driverById(id: DriverId): DriverProfile {
  const found = DRIVERS.find((d) => d.id === id);
  if (!found) throw new Error(`unknown driver ${id}`);
  return found;
}

/** The driver a module specifier belongs to, if any. */
export function driverForModule(specifier: string): DriverProfile | undefined {
  return DRIVERS.find((d) => d.modules.includes(specifier));
}

/** Every acquire method name any driver uses. */
export const ACQUIRE_METHODS = [...new Set(DRIVERS.map((d) => d.acquire))];

/**
 * Cheap text tests run before parsing: a transform whose tests a file fails
 * cannot find anything in it, and a file no selected transform wants is
 * never parsed.
 */
export const TEXT = {
  /** A database library is imported or required. */
  driverModule: new RegExp(DRIVERS.flatMap((d) => d.modules).map((m) => `['"]${m.replace('/', '\\/')}['"]`).join('|')),
  /** Something is checked out: `.connect(`, `.getConnection(`, `.acquire(`. */
  acquireCall: new RegExp(ACQUIRE_METHODS.map((m) => `\\.${m}\\s*\\(`).join('|')),
  /** A connection is held: a checkout, or a scoped helper (`withClient(pool, ...)`). */
  heldSection: new RegExp([...ACQUIRE_METHODS.map((m) => `\\.${m}\\s*\\(`), ...new Set(DRIVERS.map((d) => `\\b${d.helperName}\\s*\\(`))].join('|')),
  /** A client or pool is constructed. */
  clientFactory: new RegExp(
    [...new Set(DRIVERS.flatMap((d) => [...d.clientFactories, ...d.poolFactories]).map((f) => (f.kind === 'new' ? `new\\s+[\\w$.]*\\b${f.name}\\s*\\(` : `\\b${f.name}\\s*\\(`)))].join('|'),
  ),
};
