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
  checkout: { method: 'getconn', awaited: false },
  // pool.py:173 `putconn(self, conn=None, key=None, close=False)`: close=True discards the connection (pool.py:120-122).
  release: { method: 'putconn', awaited: false, discardKeyword: 'close' },
  // psycopg2's pool has no context manager that returns the connection.
  scoped: null,
  // __init__.py:80 `def connect(dsn=None, connection_factory=None, cursor_factory=None, **kwargs)`.
  connect: { module: 'psycopg2', func: 'connect', awaited: false, close: ['close'] },
  cursorMethod: 'cursor',
  queryMethods: ['execute', 'executemany', 'callproc', 'copy_expert', 'copy_from', 'copy_to'],
  // extensions.py: `connection.cursor()` (the C type; extras.py:127 overrides it and returns the same kind); execute() returns None.
  boundMethods: ['cursor'],
  commit: 'commit',
  rollback: 'rollback',
  // pool.py:113-115 `_putconn`: a connection not idle (in a transaction) is rolled back when put away.
  implicitTransactions: true,
  transactionMethod: null,
  poolQueryMethods: [],
  // pool.py:158 `ThreadedConnectionPool(minconn, maxconn, *args, **kwargs)`: the rest goes to connect().
  sharedPool: {
    module: 'psycopg2.pool',
    name: 'ThreadedConnectionPool',
    create: (config) => `ThreadedConnectionPool(1, 10${config ? `, ${config}` : ''})`,
  },
  says: {
    exhaustion: 'psycopg2 raises PoolError("connection pool exhausted") at once; it never waits',
    leakEffect: 'after `maxconn` leaks every getconn() raises PoolError("connection pool exhausted")',
  },
};
