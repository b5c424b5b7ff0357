/** release-in-finally on Python: psycopg2, psycopg_pool and asyncpg checkouts, case by case. */
import { transform } from '../../../transforms/release-in-finally';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';

ruleTable(transform, {
  valid: [
    {
      name: 'a context manager class checks out in __enter__ and gives back in __exit__: the with statement is its finally (asyncpg)',
      filename: f,
      code: py`
        import asyncpg

        pool = None

        async def init():
            global pool
            pool = await asyncpg.create_pool(max_size=5)

        class Transaction:
            async def __aenter__(self):
                self.conn = await pool.acquire()
                return self

            async def __aexit__(self, *exc):
                await pool.release(self.conn)
      `,
    },
    {
      // The Udemy course's ConnectionFromPool (tytechortz/postgres-python and many copies): __enter__ returns the field.
      name: '__enter__ checks out and returns it, __exit__ gives it back directly or through a method it calls',
      filename: f,
      code: py`
        from psycopg2 import pool
        connection_pool = pool.SimpleConnectionPool(1, 1, database="learning")

        class ConnectionFromPool:
            def __enter__(self):
                self.connection = connection_pool.getconn()
                return self.connection

            def __exit__(self, exc_type, exc_val, exc_tb):
                self.connection.commit()
                connection_pool.putconn(self.connection)

        class Session:
            def __enter__(self):
                self.conn = connection_pool.getconn()
                return self

            def close(self):
                connection_pool.putconn(self.conn)

            def __exit__(self, *exc):
                self.close()
      `,
    },
    {
      // A Django database backend (django-simple-psycopg2-pool): get_new_connection() hands it out, _close() gives it back.
      name: 'a class that hands its checkout to callers and gives it back in a method of its own is a connection provider',
      filename: f,
      code: py`
        from psycopg2 import pool
        connection_pool = pool.ThreadedConnectionPool(1, 5)

        class DatabaseWrapper:
            def get_new_connection(self, conn_params):
                if self.connection is None:
                    self.connection = connection_pool.getconn()
                return self.connection

            def _close(self):
                connection_pool.putconn(self.connection)
      `,
    },
    {
      name: 'a connectivity check that only prints literal text before the release: nothing can throw in between',
      filename: f,
      code: py`
        async def check(pool):
            conn = await pool.acquire()
            print("Database connected")
            print('pool', "ready")
            await pool.release(conn)
      `,
    },
    {
      name: 'a checkout at the top level of a script run once, used by its helper functions',
      filename: 'backfill.py',
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 2, dbname="app")
        conn = pool.getconn()

        def touch(n):
            conn.cursor().execute("UPDATE t SET seen = true WHERE id = %s", (n,))

        if __name__ == "__main__":
            for n in range(10):
                touch(n)
            pool.putconn(conn)
      `,
    },
    {
      name: "a module-level checkout only the module's own top-level statements use",
      filename: 'warm.py',
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 2, dbname="app")
        conn = pool.getconn()
        conn.cursor().execute("SELECT 1")
        pool.putconn(conn)
      `,
    },
    {
      name: 'the same, imported by another module: given back as the module loads, nothing is held',
      filename: 'warm.py',
      scan: { pyImportedNames: { '/project/warm.py': ['conn', 'pool'] } },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 2, dbname="app")
        conn = pool.getconn()
        conn.cursor().execute("SELECT 1")
        pool.putconn(conn)
      `,
    },
    {
      name: 'a module-level checkout kept, another module imports only the pool',
      filename: 'db.py',
      scan: { pyImportedNames: { '/project/db.py': ['pool'] } },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 2, dbname="app")
        conn = pool.getconn()
        conn.cursor().execute("CREATE TABLE IF NOT EXISTS t (id int)")
      `,
    },
    {
      name: 'released in a finally',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def get_user(user_id):
            conn = pool.getconn()
            try:
                cur = conn.cursor()
                cur.execute("SELECT 1")
                return cur.fetchone()
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: 'checked out inside the try, released in the finally when it was',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def get_user(user_id):
            conn = None
            try:
                conn = pool.getconn()
                conn.cursor().execute("SELECT 1")
            finally:
                if conn is not None:
                    pool.putconn(conn)
      `,
    },
    {
      name: 'the scoped forms release by themselves',
      filename: f,
      code: py`
        import asyncpg
        from psycopg_pool import ConnectionPool
        sync_pool = ConnectionPool("dbname=app")

        def one():
            with sync_pool.connection() as conn:
                conn.execute("SELECT 1")

        async def two(pool):
            async with pool.acquire() as conn:
                await conn.fetchrow("SELECT 1")
      `,
    },
    {
      name: 'a lock acquired and released is not a checkout',
      filename: f,
      code: py`
        import asyncio
        lock = asyncio.Lock()

        async def critical():
            held = await lock.acquire()
            await do_work()
            lock.release()
      `,
    },
    {
      name: 'nothing between the checkout and the release',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def ping():
            conn = pool.getconn()
            pool.putconn(conn)
      `,
    },
  ],
  invalid: [
    {
      name: 'a checkout that opens its block moves down with the blank lines after it: the block does not open on an empty line',
      filename: f,
      code: py`
        from psycopg2 import pool as pg_pool

        POOL = pg_pool.ThreadedConnectionPool(1, 5, dsn="")


        def exists(table):
            conn = POOL.getconn()

            query = "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = %s)"

            cur = conn.cursor()
            cur.execute(query, (table,))
            found = cur.fetchone()[0]
            POOL.putconn(conn)
            return found
      `,
      errors: [{ messageId: 'leak', line: 14, column: 5 }],
      output: py`
        from psycopg2 import pool as pg_pool

        POOL = pg_pool.ThreadedConnectionPool(1, 5, dsn="")


        def exists(table):
            query = "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = %s)"

            conn = POOL.getconn()
            try:
                cur = conn.cursor()
                cur.execute(query, (table,))
                found = cur.fetchone()[0]
            finally:
                POOL.putconn(conn)
            return found
      `,
    },
    {
      name: 'a checkout under a comment line (words about it, or a directive for its line) keeps its place: the try opens after it',
      filename: f,
      code: py`
        from psycopg2 import pool as pg_pool

        POOL = pg_pool.ThreadedConnectionPool(1, 5, dsn="")


        def handler(user_id):
            # pylint: disable-next=consider-using-with
            conn = POOL.getconn()
            query = "SELECT name FROM users WHERE id = %s"
            cur = conn.cursor()
            cur.execute(query, (user_id,))
            rows = cur.fetchall()
            POOL.putconn(conn)
            return rows
      `,
      errors: [{ messageId: 'leak', line: 13, column: 5 }],
      output: py`
        from psycopg2 import pool as pg_pool

        POOL = pg_pool.ThreadedConnectionPool(1, 5, dsn="")


        def handler(user_id):
            # pylint: disable-next=consider-using-with
            conn = POOL.getconn()
            try:
                query = "SELECT name FROM users WHERE id = %s"
                cur = conn.cursor()
                cur.execute(query, (user_id,))
                rows = cur.fetchall()
            finally:
                POOL.putconn(conn)
            return rows
      `,
    },
    {
      name: 'a checkout made when the module loads, imported by another module: every importer shares it',
      filename: 'db.py',
      scan: { pyImportedNames: { '/project/db.py': ['conn'] } },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 10, dbname="app")
        conn = pool.getconn()
      `,
      errors: [
        {
          messageId: 'module-checkout',
          line: 4,
          column: 1,
          message: /never given back, and other modules of the project import it: every caller shares/,
        },
      ],
      output: null,
    },
    {
      name: "a checkout made when the module loads and shared by the module's functions (psycopg2): one connection for every caller",
      filename: 'db.py',
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 10, dbname="app")
        conn = pool.getconn()

        def find_user(user_id):
            with conn.cursor() as cur:
                cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))
                return cur.fetchone()
      `,
      errors: [
        {
          messageId: 'module-checkout',
          line: 4,
          column: 1,
          message: /: `pool\.getconn\(\)`, given back with `pool\.putconn\(conn\)` in a finally\.$/,
        },
      ],
      output: null,
    },
    {
      name: 'the same with psycopg_pool: the scoped checkout is the advice',
      filename: 'db.py',
      code: py`
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")
        conn = pool.getconn()

        def count():
            return conn.execute("SELECT count(*) FROM users").fetchone()
      `,
      errors: [
        { messageId: 'module-checkout', line: 4, column: 1, message: /: `with pool\.connection\(\) as conn:`\.$/ },
      ],
      output: null,
    },
    {
      name: "the seed's leak under errors (psycopg2) becomes try/finally",
      filename: f,
      code: py`
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(minconn=5, maxconn=20, host='localhost', database='mydb')


        def get_user(user_id: int):
            conn = pool.getconn()
            cursor = conn.cursor()
            cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
            result = cursor.fetchone()
            pool.putconn(conn)
            return result
      `,
      errors: [{ messageId: 'leak', line: 12, column: 5 }],
      output: py`
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(minconn=5, maxconn=20, host='localhost', database='mydb')


        def get_user(user_id: int):
            conn = pool.getconn()
            try:
                cursor = conn.cursor()
                cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
                result = cursor.fetchone()
            finally:
                pool.putconn(conn)
            return result
      `,
    },
    {
      name: 'a print that formats a value before the release can throw: the checkout is made safe',
      filename: f,
      code: py`
        async def check(pool):
            conn = await pool.acquire()
            print(f"connected to {conn.get_settings().server_version}")
            await pool.release(conn)
      `,
      errors: [{ messageId: 'leak', line: 4, column: 5 }],
      output: py`
        async def check(pool):
            conn = await pool.acquire()
            try:
                print(f"connected to {conn.get_settings().server_version}")
            finally:
                await pool.release(conn)
      `,
    },
    {
      name: 'asyncpg: a manual acquire/release becomes async with pool.acquire()',
      filename: f,
      code: py`
        import asyncpg

        async def get_user(pool, user_id):
            conn = await pool.acquire()
            row = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
            await pool.release(conn)
            return row
      `,
      errors: [{ messageId: 'leak', line: 6, column: 5 }],
      output: py`
        import asyncpg

        async def get_user(pool, user_id):
            async with pool.acquire() as conn:
                row = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
            return row
      `,
    },
    {
      name: 'psycopg_pool: work left uncommitted keeps getconn/putconn in try/finally (leaving `with pool.connection()` would commit it)',
      filename: f,
      code: py`
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def rename(user_id, name):
            conn = pool.getconn()
            conn.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'leak', line: 7, column: 5 }],
      output: py`
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def rename(user_id, name):
            conn = pool.getconn()
            try:
                conn.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: 'psycopg_pool: a section that commits last becomes with pool.connection()',
      filename: f,
      code: py`
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def rename(user_id, name):
            conn = pool.getconn(timeout=5)
            conn.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
            conn.commit()
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'leak', line: 8, column: 5 }],
      output: py`
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def rename(user_id, name):
            with pool.connection(timeout=5) as conn:
                conn.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
                conn.commit()
      `,
    },
    {
      name: 'a LISTEN connection kept in a list for the life of the process: stored, not leaked per call',
      filename: f,
      code: py`
        import asyncpg

        class Listener:
            def __init__(self):
                self.pool = None
                self.listeners = []

            async def add_listener(self, channel, callback):
                conn = await self.pool.acquire()
                await conn.add_listener(channel, callback)
                self.listeners.append(conn)

            async def connect(self, dsn):
                self.pool = await asyncpg.create_pool(dsn)
      `,
      errors: [
        {
          messageId: 'escapes-store',
          line: 11,
          column: 9,
          message: /^`conn` escapes the section \(stored in `self\.listeners`\)/,
        },
      ],
      output: null,
    },
    {
      name: 'a checkout handed to an object kept in a global (a checkpointer made at startup): stored, not leaked per call',
      filename: f,
      code: py`
        from psycopg_pool import AsyncConnectionPool

        memory = None

        async def startup_event():
            global memory
            pool = AsyncConnectionPool("dbname=app", max_size=20)
            conn = await pool.getconn()
            memory = AsyncPostgresSaver(conn)
            await memory.setup()
      `,
      errors: [
        {
          messageId: 'escapes-store',
          line: 9,
          column: 5,
          message: /^`conn` escapes the section \(stored in `memory` \(through `AsyncPostgresSaver\(\.\.\.\)`\)\)/,
        },
      ],
      output: null,
    },
    {
      name: 'the same kept in a local: the connection is never given back',
      filename: f,
      code: py`
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")

        def report():
            conn = pool.getconn()
            saver = Saver(conn)
            return saver.dump()
      `,
      errors: [{ messageId: 'never-released', line: 6, column: 5 }],
      output: null,
    },
    {
      name: "a local holding what a function read through the connection (pandas' read_sql) is no escape: the release moves into a finally",
      filename: f,
      code: py`
        import pandas as pd
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def frame(sql):
            conn = pool.getconn()
            df = pd.read_sql(sql, conn)
            pool.putconn(conn)
            return df
      `,
      errors: [{ messageId: 'leak', line: 8, column: 5 }],
      output: py`
        import pandas as pd
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def frame(sql):
            conn = pool.getconn()
            try:
                df = pd.read_sql(sql, conn)
            finally:
                pool.putconn(conn)
            return df
      `,
    },
    {
      name: 'a checkout a class keeps on self: released by another method, by none, kept to listen, handed out (no rewrite)',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        class Repo:
            def open(self):
                self.conn = pool.getconn()

            def close(self):
                pool.putconn(self.conn)

        class Leaky:
            def start(self):
                self.conn = pool.getconn()
                self.conn.cursor().execute("SELECT 1")

        class Listener:
            def start(self):
                self.conn = pool.getconn()
                cur = self.conn.cursor()
                cur.execute("LISTEN events")

        class Handout:
            def connection(self):
                self.conn = pool.getconn()
                return self.conn
      `,
      errors: [
        { messageId: 'kept-on-instance', line: 6, column: 9, message: /kept on `self\.conn`, and another method/ },
        { messageId: 'kept-unreleased', line: 13, column: 9 },
        { messageId: 'event-subscription', line: 18, column: 9, message: /`cur\.execute\("LISTEN events"\)`/ },
        {
          messageId: 'escapes-return',
          line: 24,
          column: 9,
          message: /^`self\.conn` is returned, so the caller owns it/,
        },
      ],
      output: null,
    },
    {
      name: 'a checkout kept to listen for notifications is held on purpose: a note, not a leak (asyncpg, and a psycopg2 cursor)',
      filename: f,
      code: py`
        import asyncpg
        import psycopg2.pool

        tpool = psycopg2.pool.ThreadedConnectionPool(1, 5)
        pool = None

        async def init():
            global pool
            pool = await asyncpg.create_pool(max_size=5)

        async def listen(handler):
            conn = await pool.acquire()
            await conn.add_listener("events", handler)

        def listen_sync():
            conn = tpool.getconn()
            conn.autocommit = True
            cur = conn.cursor()
            cur.execute("LISTEN events")
            return cur

        def report():
            conn = tpool.getconn()
            cur = conn.cursor()
            cur.execute("SELECT 1")
      `,
      errors: [
        {
          messageId: 'event-subscription',
          line: 12,
          column: 5,
          message: /^`conn` listens for notifications \(`conn\.add_listener\("events", handler\)`\)/,
        },
        { messageId: 'event-subscription', line: 16, column: 5, message: /`cur\.execute\("LISTEN events"\)`/ },
        { messageId: 'never-released', line: 23, column: 5 },
      ],
      output: null,
    },
    {
      name: "psycopg_pool's asyncio pool: an awaited getconn is a checkout, and its awaited putconn moves into the finally",
      filename: f,
      code: py`
        from psycopg_pool import AsyncConnectionPool
        pool = AsyncConnectionPool("dbname=app", open=False)

        async def count():
            conn = await pool.getconn()
            cur = await conn.execute("SELECT count(*) FROM t")
            row = await cur.fetchone()
            await pool.putconn(conn)
            return row[0]
      `,
      errors: [{ messageId: 'leak', line: 8, column: 5 }],
      output: py`
        from psycopg_pool import AsyncConnectionPool
        pool = AsyncConnectionPool("dbname=app", open=False)

        async def count():
            conn = await pool.getconn()
            try:
                cur = await conn.execute("SELECT count(*) FROM t")
                row = await cur.fetchone()
            finally:
                await pool.putconn(conn)
            return row[0]
      `,
    },
    {
      name: 'the same, committing last: async with pool.connection()',
      filename: f,
      code: py`
        from psycopg_pool import AsyncConnectionPool
        pool = AsyncConnectionPool("dbname=app", open=False)

        async def rename(user_id, name):
            conn = await pool.getconn(timeout=5)
            await conn.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
            await conn.commit()
            await pool.putconn(conn)
      `,
      errors: [{ messageId: 'leak', line: 8, column: 5 }],
      output: py`
        from psycopg_pool import AsyncConnectionPool
        pool = AsyncConnectionPool("dbname=app", open=False)

        async def rename(user_id, name):
            async with pool.connection(timeout=5) as conn:
                await conn.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
                await conn.commit()
      `,
    },
    {
      name: 'an awaited getconn never given back: reported',
      filename: f,
      code: py`
        from psycopg_pool import AsyncConnectionPool
        pool = AsyncConnectionPool("dbname=app", open=False)
        conn = None

        async def start():
            global conn
            conn = await pool.getconn()
      `,
      errors: [{ messageId: 'never-released', line: 7, column: 5 }],
      output: null,
    },
    {
      name: 'a release before an early return goes: the finally releases on that path too',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def find(user_id):
            conn = pool.getconn()
            cur = conn.cursor()
            if user_id is None:
                pool.putconn(conn)
                return None
            cur.execute("SELECT 1")
            row = cur.fetchone()
            pool.putconn(conn)
            return row
      `,
      errors: [{ messageId: 'leak', line: 12, column: 5 }],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def find(user_id):
            conn = pool.getconn()
            try:
                cur = conn.cursor()
                if user_id is None:
                    return None
                cur.execute("SELECT 1")
                row = cur.fetchone()
            finally:
                pool.putconn(conn)
            return row
      `,
    },
    {
      name: 'a @contextmanager helper without try/finally around its yield',
      filename: f,
      code: py`
        from contextlib import contextmanager
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        @contextmanager
        def get_db_connection():
            conn = pool.getconn()
            yield conn
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'leak', line: 9, column: 5 }],
      output: py`
        from contextlib import contextmanager
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        @contextmanager
        def get_db_connection():
            conn = pool.getconn()
            try:
                yield conn
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: 'a multi-line SQL string keeps its lines where they are',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def report():
            conn = pool.getconn()
            cur = conn.cursor()
            cur.execute("""
        SELECT id
          FROM users
        """)
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'leak', line: 11, column: 5 }],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def report():
            conn = pool.getconn()
            try:
                cur = conn.cursor()
                cur.execute("""
        SELECT id
          FROM users
        """)
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: '--style helper: with get_db_connection(), the helper written once beside the pool',
      filename: f,
      options: { style: 'helper' },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 5)


        def get_user(user_id):
            conn = pool.getconn()
            cur = conn.cursor()
            cur.execute("SELECT 1")
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'leak', line: 10, column: 5 }],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool
        from contextlib import contextmanager

        pool = ThreadedConnectionPool(1, 5)


        @contextmanager
        def get_db_connection():
            # A connection from \`pool\`, put back however the block ends (putconn rolls back a transaction
            # left open). Written by pool-codemod release-in-finally.
            conn = pool.getconn()
            try:
                yield conn
            finally:
                pool.putconn(conn)


        def get_user(user_id):
            with get_db_connection() as conn:
                cur = conn.cursor()
                cur.execute("SELECT 1")
      `,
    },
    {
      name: 'returned to the caller: reported',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def open_connection():
            conn = pool.getconn()
            conn.cursor().execute("SET search_path TO app")
            return conn
      `,
      errors: [{ messageId: 'escapes-return', line: 7, column: 5 }],
      output: null,
    },
    {
      // Wrapping this in try/finally released the connection the returned Repo still holds: a use after release.
      name: 'returned on one path inside an object made around it, released on the other: reported, not wrapped',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def find_repo(name):
            conn = pool.getconn()
            cur = conn.cursor()
            cur.execute("SELECT 1 FROM repos WHERE name = %s", (name,))
            if cur.fetchone():
                return Repo(conn)
            pool.putconn(conn)
            return None
      `,
      errors: [{ messageId: 'escapes-argument', line: 9, column: 9 }],
      output: null,
    },
    {
      name: 'returned on one path in a dict, a local holding it, or what a function makes of it: reported, not wrapped',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def as_dict(name):
            conn = pool.getconn()
            if name:
                return {"conn": conn, "name": name}
            pool.putconn(conn)

        def kept(name):
            conn = pool.getconn()
            if name:
                holder = {"conn": conn}
                return holder
            pool.putconn(conn)

        def through(name):
            conn = pool.getconn()
            if name:
                return make_session(conn)
            pool.putconn(conn)
      `,
      errors: [
        { messageId: 'escapes-return', line: 7, column: 9 },
        { messageId: 'escapes-return', line: 14, column: 9 },
        { messageId: 'escapes-argument', line: 20, column: 9 },
      ],
      output: null,
    },
    {
      name: 'a FastAPI dependency that yields without try/finally: reported',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def get_db():
            conn = pool.getconn()
            yield conn
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'escapes-yield', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'a generator the project uses only through FastAPI Depends(...) is driven as a context manager: its release moves into a finally',
      filename: f,
      scan: { pyDependencies: { '/project/app.py': ['get_db'] } },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def get_db():
            conn = pool.getconn()
            yield conn
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'leak', line: 7, column: 5 }],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def get_db():
            conn = pool.getconn()
            try:
                yield conn
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: 'stored on the app: reported',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def before_request(g):
            conn = pool.getconn()
            g.db = conn
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'escapes-store', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'never put back: an error',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def count():
            conn = pool.getconn()
            cur = conn.cursor()
            cur.execute("SELECT count(*) FROM users")
            print(cur.fetchone())
      `,
      errors: [{ messageId: 'never-released', line: 5, column: 5 }],
      output: null,
    },
    {
      name: 'used after it was put back: an error',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def count():
            conn = pool.getconn()
            cur = conn.cursor()
            pool.putconn(conn)
            conn.commit()
      `,
      errors: [{ messageId: 'use-after-release', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'checked out in a loop and put back after it',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def each(ids):
            for i in ids:
                conn = pool.getconn()
                conn.cursor().execute("SELECT %s", (i,))
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'unsupported', line: 6, column: 9 }],
      output: null,
    },
    {
      name: 'tab-indented, with CRLF line ends',
      filename: f,
      code: 'from psycopg2.pool import ThreadedConnectionPool\r\npool = ThreadedConnectionPool(1, 5)\r\n\r\ndef f():\r\n\tconn = pool.getconn()\r\n\tconn.cursor().execute("SELECT 1")\r\n\tpool.putconn(conn)\r\n',
      errors: [{ messageId: 'leak', line: 7, column: 2 }],
      output:
        'from psycopg2.pool import ThreadedConnectionPool\r\npool = ThreadedConnectionPool(1, 5)\r\n\r\ndef f():\r\n\tconn = pool.getconn()\r\n\ttry:\r\n\t\tconn.cursor().execute("SELECT 1")\r\n\tfinally:\r\n\t\tpool.putconn(conn)\r\n',
    },
    {
      name: 'two-space indentation',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def f():
          conn = pool.getconn()
          conn.cursor().execute("SELECT 1")
          pool.putconn(conn)
      `,
      errors: [{ messageId: 'leak', line: 7, column: 3 }],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def f():
          conn = pool.getconn()
          try:
            conn.cursor().execute("SELECT 1")
          finally:
            pool.putconn(conn)
      `,
    },
    {
      name: '--style helper where the module already has a get_db_connection of its own: reported, nothing reused blindly',
      filename: 'app.py',
      options: { style: 'helper' },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def get_db_connection(name):
            return pool.getconn(name)

        def f():
            conn = pool.getconn()
            conn.cursor().execute("SELECT 1")
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'style-unsupported', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'putconn(conn, close=True) on an error path is kept: that path still discards the connection',
      filename: f,
      code: py`
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def probe(discard):
            conn = pool.getconn()
            cur = conn.cursor()
            try:
                cur.execute("SELECT 1")
            except psycopg2.OperationalError:
                pool.putconn(conn, close=True)
                raise
            pool.putconn(conn)
            return discard
      `,
      errors: [{ messageId: 'leak', line: 13, column: 5 }],
      output: py`
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def probe(discard):
            conn = pool.getconn()
            discard_conn = False
            try:
                cur = conn.cursor()
                try:
                    cur.execute("SELECT 1")
                except psycopg2.OperationalError:
                    discard_conn = True
                    raise
            finally:
                pool.putconn(conn, close=discard_conn)
            return discard
      `,
    },
    {
      name: 'every path discards, one of them early: reported, not merged',
      filename: f,
      code: py`
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def reset():
            conn = pool.getconn()
            if conn.closed:
                pool.putconn(conn, close=True)
                return
            conn.cursor().execute("DISCARD ALL")
            pool.putconn(conn, close=True)
      `,
      errors: [{ messageId: 'unsupported', line: 8, column: 9 }],
      output: null,
    },
  ],
});
