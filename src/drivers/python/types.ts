/**
 * What a Python database library looks like, as data, for the Python parts
 * of the transforms: how a pool is made, how a connection is checked out and
 * put back, what the scoped form does, what opens a connection per call, and
 * what runs a statement. Each profile cites the file and line of the
 * library's source it was read from (Debian's packages, in
 * /usr/lib/python3/dist-packages).
 */

export type PyDriverId = 'psycopg2' | 'psycopg' | 'asyncpg';

/** A pool class (or factory) and where it is imported from. */
export interface PyPoolClass {
  module: string;
  name: string;
  /** A class called directly, or a factory function (asyncpg's `create_pool`, awaited). */
  kind: 'class' | 'factory';
  /** Several threads may share it (psycopg2's `SimpleConnectionPool` is for one thread). */
  threadSafe: boolean;
  /** An asyncio pool: its checkout and release are awaited. */
  async: boolean;
}

export interface PyDriverProfile {
  id: PyDriverId;
  /** How messages name the library. */
  label: string;
  /** Top-level modules whose import marks a file as using the library. */
  modules: string[];
  pools: PyPoolClass[];
  /**
   * The pool's size arguments: the maximum and the minimum, each by keyword
   * and (psycopg2) position, with the library's default (null: required).
   * The minimum must not exceed the maximum (the libraries raise), so a
   * smaller maximum may need a smaller minimum too.
   */
  size: {
    max: { keyword: string; position: number | null; default: number | null };
    min: { keyword: string; position: number | null; default: number | null };
  };
  /**
   * The connect keyword that turns off the server-side prepared statements
   * the library makes by itself (which PgBouncer in transaction mode before
   * 1.21 cannot route), and the value that does; null: it makes none.
   */
  autoPrepare: { keyword: string; off: string } | null;
  /** The pool's public counters, for the gauges that show it running dry, as a reader writes them; null: none. */
  counters: string | null;
  /** Attributes whose reading means the code looks at the pool's state (`get_stats`, psycopg2's `_used`). */
  stateReaders: string[];
  /**
   * Expressions over a pool named `p` for the gauges: connections open, idle,
   * callers waiting (null: not counted). They may read private fields where the
   * library has no public counters; null: nothing to read.
   */
  gauges: { total: string; idle: string; waiting: string | null } | null;
  /** The pool's type as an annotation names it (`pool: asyncpg.Pool`), qualified. */
  poolTypes: string[];
  /** The pool method that checks a connection out by hand, and whether it is awaited. */
  checkout: { method: string; awaited: boolean; keywords: string[] };
  /**
   * How long a checkout waits for a free connection, and where that is set:
   * the keyword (seconds), on each checkout call and/or on the pool, and the
   * default in seconds (null: forever). null: the library has no such wait
   * (psycopg2's pool raises at once when exhausted).
   */
  acquireTimeout: {
    keyword: string;
    onCall: boolean;
    onPool: boolean;
    defaultSeconds: number | null;
    /** What a checkout that times out raises, as a caller names it to catch it. */
    raises: string;
  } | null;
  /**
   * How a pool bounds a statement's run time. `command-timeout`: a keyword
   * of the pool (seconds) after which the client cancels the statement on
   * the server, with no startup parameter (asyncpg); the server-side
   * setting can also come as a startup parameter in `settingsKeyword`.
   * `startup-options`: libpq's `options='-c statement_timeout=<ms>'`, a
   * startup parameter among the connect arguments, which the pool takes as
   * its own keywords (psycopg2) or inside `kwargs=` (psycopg_pool).
   */
  statementTimeout:
    | { kind: 'command-timeout'; keyword: string; settingsKeyword: string }
    | { kind: 'startup-options'; keyword: string; inKwargs: boolean };
  /**
   * The pool method that puts it back (`pool.putconn(conn)`), whether it is
   * awaited, and the keyword that discards the connection instead (psycopg2's
   * `close=True`), if any.
   */
  release: { method: string; awaited: boolean; discardKeyword: string | null };
  /**
   * The scoped checkout (`with pool.connection() as conn`, `async with
   * pool.acquire() as conn`); `commits`: leaving it without an exception
   * commits the transaction, which a hand-written putconn does not (so the
   * rewrite to it is taken only where nothing is left uncommitted).
   * Every pool class of the library has it, entered with `async with` on an
   * asyncio pool; `async` is the form the tool writes (the blocking pool's,
   * where the library has one).
   */
  scoped: { method: string; async: boolean; commits: boolean; keywords: string[] } | null;
  /**
   * What opens a connection per call: each function as a caller names it
   * (qualified), and whether it opens an asyncio connection (awaited); the
   * connection's methods that close it; and what leaving a `with` block over
   * it does: commit or roll back and close (`closes`), commit or roll back
   * only (`transaction`), or nothing the tool maps (null).
   */
  connect: {
    functions: { qualified: string; async: boolean }[];
    close: string[];
    withBlock: 'closes' | 'transaction' | null;
  };
  /**
   * Connect keywords that set how the session behaves rather than where it
   * connects (autocommit, the row or cursor class, statement caching): a
   * caller that picks its own still fits one pool made with that value, or
   * one that sets it on each checked-out connection.
   */
  sessionKeywords: string[];
  /** A connection method that makes a cursor (psycopg's `cursor()`), whose methods then run statements. */
  cursorMethod: string | null;
  /** The cursor method's keyword that keeps a (named, server-side) cursor open past its transaction; null: none. */
  holdCursorKeyword: string | null;
  /** Methods (on a connection or its cursor) that run a statement. */
  queryMethods: string[];
  /**
   * Methods whose result is still bound to the connection (a cursor, a
   * transaction, a prepared statement): what it does later is work on the
   * connection. Anything else they return (rows, a status) is a plain value.
   */
  boundMethods: string[];
  /**
   * Connection methods that make it receive notifications (asyncpg's
   * `add_listener`): held from then on to hear them, not idle. The SQL form
   * (`LISTEN channel`) is read from the statements.
   */
  listenMethods: string[];
  /** Commit and rollback on a connection. */
  commit: string | null;
  rollback: string | null;
  /**
   * Statements run inside a transaction until a commit, unless autocommit is
   * on (psycopg2 and psycopg 3): putting a connection back rolls that work
   * back. False: each statement commits outside an explicit transaction
   * (asyncpg).
   */
  implicitTransactions: boolean;
  /**
   * A connection goes back to the pool with its session settings: a `SET`
   * one caller committed is what the next caller gets (false: the pool
   * resets the session on release).
   */
  keepsSessionSettings: boolean;
  /**
   * Connection methods that change a mode the connection object keeps (its
   * isolation level, encoding, autocommit, notice handlers) without running a
   * statement the tool could read: what a pool hands the next caller too.
   */
  modeMethods: string[];
  /** The connection method that opens an explicit transaction block (`async with conn.transaction():`). */
  transactionMethod: string | null;
  /** Statements the pool itself runs on any free connection (asyncpg's `pool.fetchrow`). */
  poolQueryMethods: string[];
  /**
   * How a pool module the tool writes makes the shared pool: what it imports
   * (`from module import names`, and standard-library imports), a class it defines first
   * where the library's own pool needs changing (written with a 4-space
   * indent and double quotes; the module is re-styled), and the
   * construction.
   */
  sharedPool: {
    module: string;
    names: string[];
    imports: string[];
    definition: string[];
    create: (config: string) => string;
    /** The comment above the construction (lines end at 79 columns): when connections open, and what sizes the pool. */
    comment: string;
  } | null;
  /** Sentences messages quote, so that a finding says what *this* library does. */
  says: {
    /** What a caller meets once every connection is checked out. */
    exhaustion: string;
    /** What happens once connections leak. */
    leakEffect: string;
    /** What the pool does to a connection given back, in a parenthesis's words. */
    returned: string;
  };
}
