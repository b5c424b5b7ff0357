/**
 * psycopg2 2.9.5 and its pool module. Read in Debian's python3-psycopg2
 * (/usr/lib/python3/dist-packages/psycopg2/pool.py and __init__.py).
 */
import type { PyDriverProfile } from './types';

export const psycopg2: PyDriverProfile = {
  id: 'psycopg2',
  label: 'psycopg2',
  modules: ['psycopg2'],
  pools: [
    // pool.py:155 `class ThreadedConnectionPool`: getconn/putconn under a threading.Lock (pool.py:165-175).
    { module: 'psycopg2.pool', name: 'ThreadedConnectionPool', kind: 'class', threadSafe: true, async: false },
    // pool.py:147 `class SimpleConnectionPool`: "can't be shared across different threads" (its docstring).
    { module: 'psycopg2.pool', name: 'SimpleConnectionPool', kind: 'class', threadSafe: false, async: false },
  ],
  // pool.py:165 `getconn(self, key=None)`: no timeout; pool.py:91-92 raises PoolError at once when exhausted.
  checkout: { method: 'getconn', awaited: false, keywords: ['key'] },
  // pool.py:39 `__init__(self, minconn, maxconn, *args, **kwargs)`: both required.
  size: {
    max: { keyword: 'maxconn', position: 1, default: null },
    min: { keyword: 'minconn', position: 0, default: null },
  },
  // It prepares nothing by itself.
  autoPrepare: null,
  // Only private fields (`_used`, `_pool`, `maxconn`): no public counters.
  counters: null,
  // What code that logs a psycopg2 pool's use reads: the checked-out connections.
  stateReaders: ['_used'],
  // pool.py:53-54 (2.9.5) `self._pool = []` holds the idle connections and `self._used = {}` the checked-out
  // ones by key; putconn (pool.py:105-122) moves between them or closes. Reading them changes nothing, where a
  // wrapper around getconn/putconn would replace methods the code calls. Nobody waits: getconn raises at once.
  gauges: { total: 'len(p._used) + len(p._pool)', idle: 'len(p._pool)', waiting: null },
  // pool.py:36, 147, 155: the base class and the two pools.
  poolTypes: [
    'psycopg2.pool.AbstractConnectionPool',
    'psycopg2.pool.SimpleConnectionPool',
    'psycopg2.pool.ThreadedConnectionPool',
  ],
  // pool.py:63 the pool's extra arguments go to psycopg2.connect(), whose keywords become libpq's (`options`).
  statementTimeout: { kind: 'startup-options', keyword: 'options', inKwargs: false },
  // No wait at all: pool.py:91-92 raises PoolError("connection pool exhausted") at once.
  acquireTimeout: null,
  // pool.py:173 `putconn(self, conn=None, key=None, close=False)`: close=True discards the connection (pool.py:120-122).
  release: { method: 'putconn', awaited: false, discardKeyword: 'close' },
  // psycopg2's pool has no context manager that returns the connection.
  scoped: null,
  // __init__.py:80 `def connect(dsn=None, connection_factory=None, cursor_factory=None, **kwargs)`.
  connect: {
    functions: [{ qualified: 'psycopg2.connect', async: false }],
    close: ['close'],
    // psycopg2's docs, "with statement" (2.5+): leaving `with conn:` commits, or rolls back on an exception, and
    // "the connection is not closed by the context" (psycopg/connection_type.c `psyco_conn_exit`).
    withBlock: 'transaction',
  },
  // __init__.py:80 the two named keywords pick the connection and cursor classes; **kwargs go to libpq.
  sessionKeywords: ['connection_factory', 'cursor_factory'],
  cursorMethod: 'cursor',
  // connection.cursor's doc: `cursor(name=None, cursor_factory=extensions.cursor, withhold=False)`.
  holdCursorKeyword: 'withhold',
  queryMethods: ['execute', 'executemany', 'callproc', 'copy_expert', 'copy_from', 'copy_to'],
  // extensions.py: `connection.cursor()` (the C type; extras.py:127 overrides it and returns the same kind); execute() returns None.
  boundMethods: ['cursor'],
  // Notifications arrive in `conn.notifies` after `LISTEN` (a statement) and `conn.poll()`.
  listenMethods: [],
  commit: 'commit',
  rollback: 'rollback',
  // pool.py:113-115 `_putconn`: a connection not idle (in a transaction) is rolled back when put away.
  implicitTransactions: true,
  // pool.py:105-122 putconn rolls back an open transaction and keeps the connection as it is otherwise.
  keepsSessionSettings: true,
  // The connection type's methods in psycopg/connection_type.c (2.9.5): each sets a mode the object keeps.
  modeMethods: ['set_session', 'set_isolation_level', 'set_client_encoding'],
  transactionMethod: null,
  poolQueryMethods: [],
  // pool.py:158 `ThreadedConnectionPool(minconn, maxconn, *args, **kwargs)`: the rest goes to connect().
  // Two things the library's pool does that a project moving off per-call
  // connects must not meet, so the module defines a subclass:
  // - pool.py:91-92 `_getconn` raises PoolError at once when `maxconn` are
  //   out; per-call connects never did, so getconn() waits on a semaphore
  //   of `maxconn` permits (up to 30 s) first;
  // - pool.py:58-59 opens `minconn` connections in __init__ (at import, which
  //   a forking server would then share), and pool.py:105 and 121-122
  //   `_putconn` close any connection returned while `minconn` are idle, so a pool of
  //   1..10 reconnects on nearly every call under load: the subclass opens
  //   none up front and sets `minconn` (the idle ones kept) afterwards.
  sharedPool: {
    module: 'psycopg2.pool',
    names: ['PoolError', 'ThreadedConnectionPool'],
    // Annotated, so that a project type-checked with mypy's strict options accepts the module.
    imports: ['import threading', 'from typing import Any'],
    definition: [
      'class WaitingPool(ThreadedConnectionPool):',
      '    """psycopg2\'s ThreadedConnectionPool, changed in two ways: getconn() waits',
      '    up to `timeout` seconds when all `maxconn` connections are out (the',
      "    library's raises PoolError at once), and connections open when first",
      '    needed, with up to `minconn` idle ones kept (the library opens `minconn`',
      '    when the pool is made and closes any returned beyond them)."""',
      '',
      '    def __init__(',
      '        self,',
      '        minconn: int,',
      '        maxconn: int,',
      '        *args: Any,',
      '        timeout: float = 30.0,',
      '        **kwargs: Any,',
      '    ) -> None:',
      '        self._free = threading.BoundedSemaphore(maxconn)',
      '        self._timeout = timeout',
      '        super().__init__(0, maxconn, *args, **kwargs)',
      '        self.minconn = int(minconn)',
      '',
      '    def getconn(self, key: Any = None) -> Any:',
      '        if not self._free.acquire(timeout=self._timeout):',
      '            raise PoolError("no connection free after %s s" % self._timeout)',
      '        try:',
      '            return super().getconn(key)',
      '        except BaseException:',
      '            self._free.release()',
      '            raise',
      '',
      '    def putconn(',
      '        self, conn: Any = None, key: Any = None, close: bool = False',
      '    ) -> None:',
      '        super().putconn(conn, key, close)',
      '        self._free.release()',
    ],
    create: (config) => `WaitingPool(10, 10${config ? `, ${config}` : ''})`,
    comment:
      'Made when this module is first imported; connections open as they are\nfirst needed. pool-size sizes maxconn.',
  },
  says: {
    exhaustion: 'psycopg2 raises PoolError("connection pool exhausted") at once; it never waits',
    leakEffect: 'after `maxconn` leaks every getconn() raises PoolError("connection pool exhausted")',
    // pool.py:105-122 `_putconn`: a rollback when a transaction is open, nothing else.
    returned: "psycopg2's pool only rolls back an open transaction",
  },
};
