/**
 * What a database library looks like, as data. Transforms ask these profiles;
 * adding a library means adding a profile, not editing transforms. Each
 * profile file cites where its facts were read.
 */

export type DriverId = 'pg' | 'mysql2' | 'mysql' | 'generic-pool';

interface Factory {
  /** `new Pool(...)` ('new') or `createPool(...)` ('call'). */
  kind: 'new' | 'call';
  name: string;
}

/** One pool option: its key, the library's default (null: none, meaning no limit), and where that was read. */
interface PoolOption {
  key: string;
  default: number | null;
  /** Other keys the library reads for the same thing (pg's legacy `poolSize`). */
  aliases?: string[];
  source: string;
}

/** How a library's pool is configured: what the configuration transforms and monitoring ask. */
export interface PoolFacts {
  /** Which argument of the pool factory holds the options (generic-pool: the second). */
  configArg: number;
  /** The options may be a connection string instead (mysql2's `createPool(uri)`). */
  acceptsUrl: boolean;
  /** Bounds the wait for a free connection; null when the library has no such option. */
  acquireTimeout: PoolOption | null;
  /** How many connections the pool opens at most. */
  size: PoolOption;
  min: PoolOption | null;
  idleTimeout: PoolOption | null;
  /** How many callers may wait in the queue (0 or null: unbounded). */
  queueLimit: PoolOption | null;
  /** A server-side statement limit set for every connection (pg sends it as a startup parameter). */
  statementTimeout: PoolOption | null;
  /** A client-side limit: the call fails, the server keeps running the query. */
  queryTimeout: PoolOption | null;
  idleInTransactionTimeout: PoolOption | null;
  /** Config keys the library sends as startup parameters (a pooler in transaction mode refuses them). */
  startupParameters: readonly string[];
  /** The same, for a pool made through another export of the library (pg's `native`), which may send fewer. */
  startupParametersVia?: Readonly<Record<string, readonly string[]>>;
  /** A startup parameter set to a falsy value (`statement_timeout: 0`, `null`) is left out of the startup packet. */
  startupParametersOnlyTruthy?: true;
  /** The pool emits 'error' (idle clients losing their server); with no listener Node exits. */
  errorEvent: boolean;
  /** Public counters a monitor can read at scrape time. */
  stats: { total: string; idle: string; waiting: string } | null;
}

export interface DriverProfile {
  id: DriverId;
  /** How messages name the library. */
  label: string;
  /** Module specifiers whose import marks a file as using this library. */
  modules: string[];
  /** Exports that are the same library again, under another binding (pg's `native`); empty: none. */
  namespaceExports: string[];
  /**
   * Modules whose whole export is one export of the library (pg-pool's is
   * its Pool class): a default import or a whole `require` names that export.
   */
  moduleExports?: Record<string, string>;
  poolFactories: Factory[];
  /** Per-call client constructors (`new Client()`, `createConnection()`). */
  clientFactories: Factory[];
  /** Pool method that checks a connection out. */
  acquire: string;
  /**
   * Most arguments the promise form of the acquire takes. `connect(config)`
   * or `getConnection(config)` with more is some other library's call (a pg
   * Client, oracledb), not a pool checkout.
   */
  acquireMaxArgs: number;
  /**
   * The promise form of the acquire ignores what it is passed, so the copied
   * idiom `await pool.getConnection(async (conn) => conn)`, whose callback
   * only hands back its argument, is the plain checkout.
   */
  acquireIgnoresArguments: boolean;
  /** How a checked-out connection goes back: `client.release()` ('client') or `pool.release(resource)` ('pool'). */
  release: { on: 'client' | 'pool'; method: string }[];
  /**
   * A property of the checked-out connection holding the connection it wraps,
   * whose methods act on the same connection (mysql2/promise's
   * `conn.connection.release()` releases `conn`).
   */
  wrapped?: string;
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
  /** First version whose connections are async-disposable (`await using`), or null. */
  asyncDisposableSince: string | null;
  /**
   * The first version whose API the tool reads, and how the versions before
   * it check connections out (an API no transform reads).
   */
  readSince?: { version: string; before: string };
  /** The name of the scoped helper written for `--style helper`. */
  helperName: string;
  /**
   * A per-call client (anti-pattern 1): the method that opens it after
   * construction (pg `client.connect()`; mysql2's promise `createConnection`
   * resolves already connected), and the methods that close it.
   */
  perCallClient: { module: string; connect: string | null; end: string[] } | null;
  /** How a pool module the tool writes creates its pool. */
  sharedPool: {
    module: string;
    importName: string;
    importKind: 'named' | 'default';
    create: (config: string) => string;
    /** The pool's TypeScript type, as the import above names it. */
    type: string;
  } | null;
  /**
   * The module whose connections and pools take callbacks instead of
   * returning promises (mysql2's `mysql2` beside `mysql2/promise`).
   */
  callbackModule: string | null;
  /** Type names for a TypeScript helper module: pool type, connection type, and the names to import. */
  helperTypes: { module: string; pool: string; connection: string; names: { name: string; alias?: string }[] } | null;
  /** Pool configuration facts, for the configuration transforms and monitoring; null: the library has no pool. */
  pool: PoolFacts | null;
  /** Sentences messages quote, so that a finding says what *this* library does. */
  says: {
    /** What a second release of one connection does. */
    doubleRelease: string;
    /** What happens to callers once connections leak. */
    leakEffect: string;
    /** What `release(err)` (or its absence) does. */
    releaseWithError: string;
  };
}
