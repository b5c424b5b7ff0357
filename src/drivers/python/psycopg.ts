/**
 * psycopg 3.1.7 and psycopg_pool 3.1.5. Read in Debian's python3-psycopg and
 * python3-psycopg-pool (/usr/lib/python3/dist-packages/psycopg/connection.py,
 * psycopg_pool/pool.py and base.py).
 */
import type { PyDriverProfile } from './types';

export const psycopg: PyDriverProfile = {
  id: 'psycopg',
  label: 'psycopg',
  modules: ['psycopg', 'psycopg_pool'],
  pools: [
    // base.py:40-56 `ConnectionPool(conninfo="", *, kwargs=None, min_size=4, max_size=None, ..., timeout=30.0, ...)`.
    { module: 'psycopg_pool', name: 'ConnectionPool', kind: 'class', threadSafe: true, async: false },
    // pool_async.py:87-100 `async def connection(...)`, `async def getconn(...)`: its checkouts are awaited.
    { module: 'psycopg_pool', name: 'AsyncConnectionPool', kind: 'class', threadSafe: true, async: true },
  ],
  // pool.py:124 `getconn(self, timeout=None)`: waits up to `timeout` (30 s by default), then PoolTimeout.
  // pool.py:124 `def getconn(self, timeout=None)`, pool.py:102 `def connection(self, timeout=None)`.
  checkout: { method: 'getconn', awaited: false, keywords: ['timeout'] },
  // base.py:45-46 `min_size: int = 4, max_size: Optional[int] = None`; base.py:119-126 max_size None is
  // min_size, and a max_size below min_size raises.
  size: {
    max: { keyword: 'max_size', position: null, default: 4 },
    min: { keyword: 'min_size', position: null, default: 4 },
  },
  // connection.py:710 `prepare_threshold: Optional[int] = 5`; _preparing.py:60 None prepares nothing.
  autoPrepare: { keyword: 'prepare_threshold', off: 'None' },
  // pool.py get_stats(): pool_size, pool_available, requests_waiting among others.
  counters: '`get_stats()` (`pool_size`, `pool_available`, `requests_waiting`)',
  // pool.py pop_stats() returns the same and resets the counters.
  stateReaders: ['get_stats', 'pop_stats'],
  // base.py:26-28 the keys; base.py:158 get_stats() includes them (pool.py:681 _get_measures).
  gauges: {
    total: 'p.get_stats()["pool_size"]',
    idle: 'p.get_stats()["pool_available"]',
    waiting: 'p.get_stats()["requests_waiting"]',
  },
  poolTypes: ['psycopg_pool.ConnectionPool', 'psycopg_pool.AsyncConnectionPool'],
  // base.py:42-44 `conninfo`, `kwargs`: the pool's connections are made with connect(conninfo, **kwargs).
  statementTimeout: { kind: 'startup-options', keyword: 'options', inKwargs: true },
  // base.py:49 `timeout: float = 30.0` on the pool; pool.py:124-156 getconn(timeout=None) uses the pool's.
  // psycopg_pool errors.py:16 `class PoolTimeout`, raised when no connection comes within the timeout.
  acquireTimeout: {
    keyword: 'timeout',
    onCall: true,
    onPool: true,
    defaultSeconds: 30,
    raises: 'psycopg_pool.PoolTimeout',
  },
  // pool.py:201 `putconn(self, conn)`; a connection returned in a transaction is rolled back with a warning (pool.py:619-627).
  release: { method: 'putconn', awaited: false, discardKeyword: null },
  // pool.py:101-122 `connection()`: `with conn:` inside, so leaving it commits, or rolls back on an exception;
  // pool_async.py:87 the asyncio pool's `connection()`, entered with `async with`, does the same.
  scoped: { method: 'connection', async: false, commits: true, keywords: ['timeout'] },
  connect: {
    functions: [
      // connection.py:676 `Connection.connect(...)`, exported as psycopg.connect (__init__.py:42).
      { qualified: 'psycopg.connect', async: false },
      { qualified: 'psycopg.Connection.connect', async: false },
      // connection_async.py:70 `async def connect(...)` on `AsyncConnection`: an asyncio connection.
      { qualified: 'psycopg.AsyncConnection.connect', async: true },
    ],
    close: ['close'],
    // connection.py:742-766 `__exit__`: rolls back on an exception, else commits, then closes (unless pooled).
    withBlock: 'closes',
  },
  // connection.py:705-714 `connect(conninfo="", *, autocommit=False, prepare_threshold=5, row_factory=None,
  // cursor_factory=None, context=None, **kwargs)`: the named keywords are the session's; **kwargs go to libpq.
  sessionKeywords: ['autocommit', 'prepare_threshold', 'row_factory', 'cursor_factory', 'context'],
  cursorMethod: 'cursor',
  // connection.py:806-815 the named-cursor overload: `cursor(name, *, ..., withhold: bool = False)`.
  holdCursorKeyword: 'withhold',
  // connection.py:862 `Connection.execute()`; the cursor's execute/executemany/copy.
  queryMethods: ['execute', 'executemany', 'copy'],
  // connection.py:796 `cursor()`, 862 `execute()` returns the Cursor, 892 `transaction()`, 930 `pipeline()`; cursor.py:889 `copy()`.
  boundMethods: ['cursor', 'execute', 'transaction', 'pipeline', 'copy'],
  // connection.py:914 `notifies()` only reads what a `LISTEN` statement subscribed to.
  listenMethods: [],
  commit: 'commit',
  rollback: 'rollback',
  implicitTransactions: true,
  // psycopg_pool pool.py:615-640 _reset_connection only rolls back an open transaction (then the optional reset callback).
  keepsSessionSettings: true,
  // connection_async.py:372-396 `set_autocommit`, `set_isolation_level`, `set_read_only`, `set_deferrable` (the
  // blocking connection sets these as attributes); connection.py:316, 349 the notice and notify handlers.
  modeMethods: [
    'set_autocommit',
    'set_isolation_level',
    'set_read_only',
    'set_deferrable',
    'add_notice_handler',
    'add_notify_handler',
  ],
  // connection.py:892 `transaction()`: a transaction block (a savepoint when nested).
  transactionMethod: 'transaction',
  poolQueryMethods: [],
  sharedPool: {
    module: 'psycopg_pool',
    names: ['ConnectionPool'],
    imports: [],
    definition: [],
    create: (config) => `ConnectionPool(${config})`,
    comment: 'Made when this module is first imported: psycopg_pool opens its\nconnections in the background.',
  },
  says: {
    exhaustion: 'psycopg_pool waits `timeout` seconds (30 by default) and raises PoolTimeout',
    leakEffect: 'after `max_size` leaks every getconn() waits 30 s and raises PoolTimeout',
    // pool.py:615-640 `_reset_connection`.
    returned: 'psycopg_pool only rolls back an open transaction and calls the `reset` callback it was given',
  },
};
