/**
 * asyncpg 0.27.0. Read in Debian's python3-asyncpg
 * (/usr/lib/python3/dist-packages/asyncpg/pool.py and connection.py).
 */
import type { PyDriverProfile } from './types';

export const asyncpg: PyDriverProfile = {
  id: 'asyncpg',
  label: 'asyncpg',
  modules: ['asyncpg'],
  pools: [
    // pool.py:1012 `def create_pool(dsn=None, *, min_size=10, max_size=10, ...)`: awaited to open it.
    { module: 'asyncpg', name: 'create_pool', kind: 'factory', threadSafe: false, async: true },
  ],
  // pool.py:794 `acquire(self, *, timeout=None)`: with no timeout it waits forever.
  // pool.py:794 `def acquire(self, *, timeout=None)`: the only keyword it takes.
  checkout: { method: 'acquire', awaited: true, keywords: ['timeout'] },
  // pool.py:1012 create_pool(min_size=10, max_size=10); pool.py:351-352 raises when min_size > max_size.
  size: {
    max: { keyword: 'max_size', position: null, default: 10 },
    min: { keyword: 'min_size', position: null, default: 10 },
  },
  // connection.py:1786 `statement_cache_size=100`: every statement is a named, protocol-level prepared statement.
  autoPrepare: { keyword: 'statement_cache_size', off: '0' },
  // pool.py: get_size(), get_idle_size(), get_max_size() (no public count of waiters).
  counters: '`get_size()`, `get_idle_size()` and `get_max_size()`',
  stateReaders: ['get_size', 'get_idle_size', 'get_max_size'],
  // pool.py:449 get_size(), 470 get_idle_size().
  gauges: { total: 'p.get_size()', idle: 'p.get_idle_size()', waiting: null },
  // __init__.py re-exports pool.py's `class Pool` (`from .pool import create_pool, Pool`).
  poolTypes: ['asyncpg.Pool', 'asyncpg.pool.Pool'],
  // pool.py:794-797 `acquire(self, *, timeout=None)`, "A timeout for acquiring a Connection"; create_pool's
  // own `timeout` is connect()'s (connection.py:1780), and the pool-level query methods (pool.py:550-790)
  // acquire with none (their `timeout` is the statement's).
  // pool.py:840 a timeout goes to compat.wait_for, which is asyncio.wait_for (compat.py:56): asyncio.TimeoutError.
  acquireTimeout: {
    keyword: 'timeout',
    onCall: true,
    onPool: false,
    defaultSeconds: null,
    raises: 'asyncio.TimeoutError',
  },
  // connection.py:1789/1910 `command_timeout` ("the default timeout for operations on this connection",
  // default None); on expiry connection.py:1474 `_cancel_current_command` sends the server a cancel request.
  // `server_settings` (connection.py:1794, 1991) are sent as startup parameters.
  statementTimeout: { kind: 'command-timeout', keyword: 'command_timeout', settingsKeyword: 'server_settings' },
  // pool.py:843 `async def release(self, connection, *, timeout=None)`.
  release: { method: 'release', awaited: true, discardKeyword: null },
  // pool.py:794-818: `acquire()` also works as `async with`, which releases on exit and commits nothing.
  scoped: { method: 'acquire', async: true, commits: false, keywords: ['timeout'] },
  // connection.py:1780 `async def connect(dsn=None, *, ..., command_timeout=None, ...)`; connection.py:1322 `close()`.
  // __init__.py:8 exports it as asyncpg.connect.
  // connection.py: `Connection` defines no `__aenter__`/`__aexit__`: nothing to map a `with` over it to.
  connect: { functions: [{ qualified: 'asyncpg.connect', async: true }], close: ['close'], withBlock: null },
  // connection.py:1786-1794 statement caching, the client-side statement timeout, the record class and the
  // session's settings (`server_settings`); create_pool (pool.py:1012) passes the same keywords to each connection.
  sessionKeywords: [
    'statement_cache_size',
    'max_cached_statement_lifetime',
    'max_cacheable_statement_size',
    'command_timeout',
    'record_class',
    'server_settings',
  ],
  cursorMethod: null,
  holdCursorKeyword: null,
  // connection.py:286-649: execute, executemany, fetch, fetchval, fetchrow; 689-898 the copy methods.
  queryMethods: [
    'execute',
    'executemany',
    'fetch',
    'fetchval',
    'fetchrow',
    'copy_from_table',
    'copy_from_query',
    'copy_to_table',
    'copy_records_to_table',
  ],
  // connection.py:494 `cursor()`, 251 `transaction()`, 533 `prepare()` (a PreparedStatement bound to the connection).
  boundMethods: ['cursor', 'transaction', 'prepare'],
  // connection.py:134 `async def add_listener(self, channel, callback)`: runs LISTEN and calls back on each NOTIFY.
  listenMethods: ['add_listener'],
  commit: null,
  rollback: null,
  // Outside `conn.transaction()` each statement commits on its own (asyncpg's docs, "Transactions").
  implicitTransactions: false,
  // pool.py:210 release() awaits Connection.reset(), whose reset query ends in 'RESET ALL;' (connection.py:1539).
  keepsSessionSettings: false,
  // connection.py:1347-1366 reset() drops the listeners and runs RESET ALL, but the type codecs a connection was
  // given (connection.py `set_type_codec`, `set_builtin_type_codec`) stay on it.
  modeMethods: ['set_type_codec', 'set_builtin_type_codec'],
  // connection.py:251 `transaction(self, *, isolation=None, readonly=False, deferrable=False)`.
  transactionMethod: 'transaction',
  // pool.py:550-612: the pool runs execute/executemany/fetch/fetchval/fetchrow on any free connection.
  poolQueryMethods: ['execute', 'executemany', 'fetch', 'fetchval', 'fetchrow'],
  sharedPool: null,
  says: {
    exhaustion: 'asyncpg waits for a free connection forever (`acquire(timeout=None)`)',
    leakEffect: 'after `max_size` leaks every acquire() waits forever',
    returned: "asyncpg's pool runs RESET ALL, which leaves the connection's type codecs as they were set",
  },
};
