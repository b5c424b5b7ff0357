/** acquire-timeout on Python: asyncpg checkouts, psycopg_pool's pool timeout, psycopg2's pools that never wait. */
import { transform } from '../../../transforms/acquire-timeout';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';
/** An asyncpg pool db.py makes (at startup, through `global`). */
const inDb = {
  pyPools: [{ driver: 'asyncpg' as const, path: '/project/db.py', name: 'pool', async: true, planned: false }],
};

ruleTable(transform, {
  valid: [
    {
      name: 'a local bound twice is not known to be the pool: left as it is',
      filename: f,
      scan: inDb,
      code: py`
        import db

        async def a(other):
            pool = db.pool
            if other:
                pool = other
            async with pool.acquire() as conn:
                await conn.execute("SELECT 1")
      `,
    },
    {
      name: "a psycopg2 pool of a script run once (a __main__ guard): nothing but the script's own work finds it exhausted",
      filename: 'backfill.py',
      code: py`
        import psycopg2.pool

        def main():
            pool = psycopg2.pool.SimpleConnectionPool(1, 4, dbname="app")
            conn = pool.getconn()
            try:
                conn.cursor().execute("UPDATE t SET n = n + 1")
                conn.commit()
            finally:
                pool.putconn(conn)

        if __name__ == "__main__":
            main()
      `,
    },
    {
      // travisluong/python-vs-nodejs-benchmark's asyncpg/bench_asyncpg_pool.py: a benchmark run once.
      name: 'asyncpg checkouts of a script run once (asyncio.run at the top level): nothing is added',
      filename: 'bench_pool.py',
      code: py`
        import asyncio
        import asyncpg

        async def bench():
            pool = await asyncpg.create_pool(database='bench')
            for i in range(1, 1000):
                async with pool.acquire() as con:
                    await con.fetchval('SELECT 1')
            await pool.close()

        asyncio.run(bench())
      `,
    },
    {
      name: 'tasks of a guarded script gathered over a small asyncpg pool wait in its queue by design: a timeout would fail them',
      filename: 'backfill.py',
      code: py`
        import asyncio
        import asyncpg

        async def touch(pool, n):
            async with pool.acquire() as conn:
                await conn.execute("UPDATE t SET seen = true WHERE id = $1", n)

        async def main():
            pool = await asyncpg.create_pool(database='app', max_size=2)
            await asyncio.gather(*(touch(pool, n) for n in range(10000)))

        if __name__ == "__main__":
            asyncio.run(main())
      `,
    },
    {
      name: 'a psycopg_pool pool of a script run once keeps the wait it was given',
      filename: 'export.py',
      code: py`
        from psycopg_pool import ConnectionPool

        def main():
            with ConnectionPool("dbname=app", timeout=None) as pool:
                with pool.connection() as conn:
                    conn.execute("COPY t TO STDOUT")

        if __name__ == "__main__":
            main()
      `,
    },
    {
      name: 'an asyncpg checkout with a timeout of its own',
      filename: f,
      code: py`
        import asyncpg
        pool = None

        async def init():
            global pool
            pool = await asyncpg.create_pool(dsn="postgresql:///app")

        async def get_user(user_id):
            async with pool.acquire(timeout=2) as conn:
                return await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
      `,
    },
    {
      name: "a lock's or a semaphore's acquire() in an asyncpg module is not a checkout",
      filename: f,
      code: py`
        import asyncio
        import asyncpg

        lock = asyncio.Lock()

        async def once(sem: asyncio.Semaphore):
            await lock.acquire()
            try:
                await sem.acquire()
            finally:
                lock.release()
      `,
    },
    {
      name: "psycopg_pool's default timeout (30 s), and an explicit bounded one",
      filename: f,
      code: py`
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")
        other = ConnectionPool("dbname=other", timeout=10.0)
      `,
    },
    {
      name: 'a subclass of psycopg2 pool whose getconn() waits (the db.py client-to-pool writes)',
      filename: f,
      code: py`
        import threading
        from psycopg2.pool import ThreadedConnectionPool

        class WaitingPool(ThreadedConnectionPool):
            def getconn(self, key=None):
                return super().getconn(key)

        pool = WaitingPool(10, 10, dbname="app")
      `,
    },
    {
      name: "a class's own acquire() wrapping its pool is not a pool's checkout",
      filename: f,
      code: py`
        import asyncpg

        class PSQLPool:
            async def on_startup(self):
                self.pool = await asyncpg.create_pool(command_timeout=30)

            def acquire(self):
                return self.pool.acquire(timeout=5)

            async def get(self):
                async with self.acquire() as con:
                    yield con
      `,
    },
    {
      name: 'a psycopg pool has no acquire(): a call by that name on it is something else',
      filename: f,
      code: py`
        from psycopg_pool import AsyncConnectionPool
        pool = AsyncConnectionPool("dbname=app")

        async def f(sem):
            await pool.acquire()
      `,
    },
  ],
  invalid: [
    {
      name: "a checkout passing a keyword its method does not take raises TypeError: psycopg2's getconn(timeout=), psycopg_pool's connection(wait=)",
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        from psycopg_pool import ConnectionPool

        pool = ThreadedConnectionPool(minconn=5, maxconn=20)
        reports = ConnectionPool("dbname=app", timeout=10)

        def get_conn():
            conn = pool.getconn(timeout=5)
            if conn is None:
                raise Exception("Could not get database connection")
            return conn

        def keyed(key):
            return pool.getconn(key=key)

        def monthly():
            with reports.connection(wait=2) as conn:
                return conn.execute("SELECT 1").fetchall()
      `,
      errors: [
        { messageId: 'fails-when-exhausted', line: 4, column: 8 },
        { messageId: 'checkout-argument-unknown', line: 8, column: 25, message: /raises PoolError at once/ },
        { messageId: 'checkout-argument-unknown', line: 17, column: 29, message: /it takes `timeout=`/ },
      ],
      output: null,
    },
    {
      name: 'async with pool.acquire() on a pool this module makes gets timeout= in seconds',
      filename: f,
      code: py`
        import asyncpg
        pool = None

        async def init():
            global pool
            pool = await asyncpg.create_pool(dsn="postgresql:///app")

        async def get_user(user_id):
            async with pool.acquire() as conn:
                return await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
      `,
      errors: [{ messageId: 'no-checkout-timeout', line: 9, column: 16 }],
      output: py`
        import asyncpg
        pool = None

        async def init():
            global pool
            pool = await asyncpg.create_pool(dsn="postgresql:///app")

        async def get_user(user_id):
            async with pool.acquire(timeout=5) as conn:
                return await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
      `,
    },
    {
      name: 'a global only a startup function assigns (no module-level statement names it) is the module pool',
      filename: f,
      code: py`
        import asyncpg
        from fastapi import FastAPI

        app = FastAPI()

        @app.on_event("startup")
        async def startup():
            global pool
            pool = await asyncpg.create_pool(database="app")

        @app.get("/")
        async def read_root():
            async with pool.acquire() as conn:
                return await conn.fetch("SELECT 1")
      `,
      errors: [{ messageId: 'no-checkout-timeout', line: 13, column: 16 }],
      output: py`
        import asyncpg
        from fastapi import FastAPI

        app = FastAPI()

        @app.on_event("startup")
        async def startup():
            global pool
            pool = await asyncpg.create_pool(database="app")

        @app.get("/")
        async def read_root():
            async with pool.acquire(timeout=5) as conn:
                return await conn.fetch("SELECT 1")
      `,
    },
    {
      name: 'conn = await app.state.pool.acquire() (an attribute pool), with acquireTimeoutMs 2500',
      filename: f,
      options: { acquireTimeoutMs: 2500 },
      code: py`
        import asyncpg

        async def startup(app):
            app.state.pool = await asyncpg.create_pool(min_size=2, max_size=10)

        async def count(app):
            conn = await app.state.pool.acquire()
            try:
                return await conn.fetchval("SELECT count(*) FROM users")
            finally:
                await app.state.pool.release(conn)
      `,
      errors: [{ messageId: 'no-checkout-timeout', line: 7, column: 18 }],
      output: py`
        import asyncpg

        async def startup(app):
            app.state.pool = await asyncpg.create_pool(min_size=2, max_size=10)

        async def count(app):
            conn = await app.state.pool.acquire(timeout=2.5)
            try:
                return await conn.fetchval("SELECT count(*) FROM users")
            finally:
                await app.state.pool.release(conn)
      `,
    },
    {
      name: 'a pool imported from the module that makes it (db.pool and from db import pool)',
      filename: f,
      scan: inDb,
      code: py`
        import db
        from db import pool

        async def a():
            async with db.pool.acquire() as conn:
                await conn.execute("SELECT 1")

        async def b():
            async with pool.acquire() as conn:
                await conn.execute("SELECT 1")
      `,
      errors: [
        { messageId: 'no-checkout-timeout', line: 5, column: 16 },
        { messageId: 'no-checkout-timeout', line: 9, column: 16 },
      ],
      output: py`
        import db
        from db import pool

        async def a():
            async with db.pool.acquire(timeout=5) as conn:
                await conn.execute("SELECT 1")

        async def b():
            async with pool.acquire(timeout=5) as conn:
                await conn.execute("SELECT 1")
      `,
    },
    {
      // we-love-hu-tao/HuTao-Bot's handlers: `pool = create_pool.pool`, then `async with pool.acquire() as pool:`.
      name: "a local that only names the other module's pool is that pool",
      filename: f,
      scan: inDb,
      code: py`
        import db

        async def a():
            pool = db.pool
            async with pool.acquire() as pool:
                await pool.execute("SELECT 1")
      `,
      errors: [{ messageId: 'no-checkout-timeout', line: 5, column: 16 }],
      output: py`
        import db

        async def a():
            pool = db.pool
            async with pool.acquire(timeout=5) as pool:
                await pool.execute("SELECT 1")
      `,
    },
    {
      name: 'a receiver the tool cannot tie to a pool, in an asyncpg module: reported, not rewritten',
      filename: f,
      code: py`
        import asyncpg

        async def handler(request):
            async with request.app["pool"].acquire() as conn:
                return await conn.fetch("SELECT * FROM items")
      `,
      errors: [{ messageId: 'checkout-pool-unknown', line: 4, column: 16, message: /add `timeout=5`/ }],
      output: null,
    },
    {
      // andrejshulaev/aiohttp-asyncpg-rest-api-service's app/models/db_manager.py: the pool is made here, then read by key.
      name: 'a pool this module makes and stores on the app, read back by key: the report does not say it is made elsewhere',
      filename: f,
      code: py`
        import asyncpg

        async def init_db(app):
            app["pool"] = await asyncpg.create_pool(dsn=app["dsn"], max_size=10, command_timeout=30)

        async def delete_table(app):
            async with app["pool"].acquire() as conn:
                await conn.execute("DROP TABLE forecast")
      `,
      errors: [
        {
          messageId: 'checkout-pool-unknown',
          line: 7,
          column: 16,
          message: /it follows a pool by the name it is made under in this module.*`app\["pool"\]` is none of these/,
        },
      ],
      output: null,
    },
    {
      // ServerCrash358/FastAPI-PostgreSQL's get_conn dependency reads its pool from app.state into an annotated local.
      name: 'a local annotated as an asyncpg pool (`pool: asyncpg.Pool = request.app.state.pool`)',
      filename: f,
      code: py`
        import asyncpg
        from fastapi import Request

        async def get_conn(request: Request):
            pool: asyncpg.Pool = request.app.state.pool
            async with pool.acquire() as conn:
                yield conn
      `,
      errors: [{ messageId: 'no-checkout-timeout', line: 6, column: 16 }],
      output: py`
        import asyncpg
        from fastapi import Request

        async def get_conn(request: Request):
            pool: asyncpg.Pool = request.app.state.pool
            async with pool.acquire(timeout=5) as conn:
                yield conn
      `,
    },
    {
      name: 'but not one the function assigns again: which pool it holds at the checkout is not read',
      filename: f,
      code: py`
        import asyncpg
        from fastapi import Request

        async def get_conn(request: Request):
            pool: asyncpg.Pool = request.app.state.pool
            if request.app.state.replica:
                pool = request.app.state.replica
            async with pool.acquire() as conn:
                yield conn
      `,
      errors: [{ messageId: 'checkout-pool-unknown', line: 8, column: 16 }],
      output: null,
    },
    {
      name: 'a parameter typed as an asyncpg pool (asyncpg.Pool, Optional[Pool] with from asyncpg.pool import Pool)',
      filename: f,
      code: py`
        from typing import Optional

        import asyncpg
        from asyncpg.pool import Pool

        async def a(pool: asyncpg.Pool):
            async with pool.acquire() as conn:
                await conn.execute("SELECT 1")

        async def b(pool: Optional[Pool] = None):
            async with pool.acquire() as conn:
                await conn.execute("SELECT 1")
      `,
      errors: [
        { messageId: 'no-checkout-timeout', line: 7, column: 16 },
        { messageId: 'no-checkout-timeout', line: 11, column: 16 },
      ],
      output: py`
        from typing import Optional

        import asyncpg
        from asyncpg.pool import Pool

        async def a(pool: asyncpg.Pool):
            async with pool.acquire(timeout=5) as conn:
                await conn.execute("SELECT 1")

        async def b(pool: Optional[Pool] = None):
            async with pool.acquire(timeout=5) as conn:
                await conn.execute("SELECT 1")
      `,
    },
    {
      // Forden/aiogram-bot-template's PostgresConnection keeps the pool its constructor is handed, typed asyncpg.Pool.
      name: 'an attribute the class sets from a parameter typed as an asyncpg pool, read in a nested function too',
      filename: f,
      code: py`
        import asyncpg


        class PostgresConnection:
            def __init__(self, connection_pool: asyncpg.Pool, logger) -> None:
                self._pool = connection_pool
                self._logger = logger

            async def fetch(self, sql):
                async with self._pool.acquire() as con:
                    return await con.fetch(sql)

            @property
            def run(self):
                async def inner(sql):
                    async with self._pool.acquire() as con:
                        await con.execute(sql)
                return inner
      `,
      errors: [
        { messageId: 'no-checkout-timeout', line: 10, column: 20 },
        { messageId: 'no-checkout-timeout', line: 16, column: 24 },
      ],
      output: py`
        import asyncpg


        class PostgresConnection:
            def __init__(self, connection_pool: asyncpg.Pool, logger) -> None:
                self._pool = connection_pool
                self._logger = logger

            async def fetch(self, sql):
                async with self._pool.acquire(timeout=5) as con:
                    return await con.fetch(sql)

            @property
            def run(self):
                async def inner(sql):
                    async with self._pool.acquire(timeout=5) as con:
                        await con.execute(sql)
                return inner
      `,
    },
    {
      name: "but not another class's attribute of the same name, set there from an untyped parameter",
      filename: f,
      code: py`
        import asyncpg


        class Store:
            def __init__(self, pool: asyncpg.Pool) -> None:
                self._pool = pool


        class Cache:
            def __init__(self, pool) -> None:
                self._pool = pool

            async def get(self, key):
                async with self._pool.acquire() as con:
                    return await con.fetchval("SELECT v FROM cache WHERE k = $1", key)
      `,
      errors: [{ messageId: 'checkout-pool-unknown', line: 14, column: 20 }],
      output: null,
    },
    {
      name: 'untyped pool parameters in many functions: one finding for the module, at the first',
      filename: f,
      code: py`
        import asyncpg

        async def add(pool, sid):
            async with pool.acquire() as conn:
                await conn.execute("INSERT INTO servers VALUES ($1)", sid)

        async def remove(pool, sid):
            async with pool.acquire() as conn:
                await conn.execute("DELETE FROM servers WHERE id = $1", sid)

        async def count(pool):
            async with pool.acquire() as conn:
                return await conn.fetchval("SELECT count(*) FROM servers")
      `,
      errors: [{ messageId: 'checkout-pool-unknown', line: 4, column: 16, message: /and 2 more in this module/ }],
      output: null,
    },
    {
      name: 'an explicit timeout=None is kept and reported',
      filename: f,
      code: py`
        import asyncpg
        pool = None

        async def init():
            global pool
            pool = await asyncpg.create_pool()

        async def slow():
            conn = await pool.acquire(timeout=None)
            try:
                return await conn.fetchval("SELECT 1")
            finally:
                await pool.release(conn)
      `,
      errors: [{ messageId: 'checkout-waits-forever', line: 9, column: 39 }],
      output: null,
    },
    {
      name: 'psycopg_pool: timeout=None waits forever, timeout=0 gives up at once, an hour is a wait nobody is there for',
      filename: f,
      code: py`
        from psycopg_pool import ConnectionPool
        a = ConnectionPool("dbname=a", timeout=None)
        b = ConnectionPool("dbname=b", timeout=0)
        c = ConnectionPool("dbname=c", timeout=3600)
      `,
      errors: [
        { messageId: 'pool-timeout-off', line: 2, column: 40, message: /waits forever/ },
        { messageId: 'pool-timeout-off', line: 3, column: 40, message: /gives up at once/ },
        { messageId: 'pool-timeout-off', line: 4, column: 40, message: /up to 3600 s/ },
      ],
      output: null,
    },
    {
      name: "psycopg2's own pools never wait: reported on the pool",
      filename: f,
      code: py`
        import psycopg2.pool
        pool = psycopg2.pool.ThreadedConnectionPool(1, 20, dbname="app")
      `,
      errors: [{ messageId: 'fails-when-exhausted', line: 2, column: 8, message: /raises PoolError/ }],
      output: null,
    },
    {
      // cdscih/pg-performance-tests' servers/python/main.py: the lazy singleton getter.
      name: 'a pool taken from a getter of this module that makes it on first call and returns it (`pool = await get_pool()`)',
      filename: f,
      code: py`
        import asyncpg

        _pool = None

        async def get_pool():
            global _pool
            if _pool is None:
                _pool = await asyncpg.create_pool(dsn="postgresql:///app")
            return _pool

        async def handler():
            pool = await get_pool()
            async with pool.acquire() as con:
                return await con.fetch("SELECT 1")
      `,
      errors: [{ messageId: 'no-checkout-timeout', line: 13, column: 16 }],
      output: py`
        import asyncpg

        _pool = None

        async def get_pool():
            global _pool
            if _pool is None:
                _pool = await asyncpg.create_pool(dsn="postgresql:///app")
            return _pool

        async def handler():
            pool = await get_pool()
            async with pool.acquire(timeout=5) as con:
                return await con.fetch("SELECT 1")
      `,
    },
    {
      name: 'a getter that takes an argument, or returns something else on one path, is not followed: the pool stays unknown',
      filename: f,
      code: py`
        import asyncpg

        _pools = {}
        _pool = None

        async def pool_for(tenant):
            return _pools[tenant]

        async def get_pool():
            global _pool
            if _pool is None:
                _pool = await asyncpg.create_pool(dsn="postgresql:///app")
                return None
            return _pool

        async def one(tenant):
            pool = await pool_for(tenant)
            async with pool.acquire() as con:
                return await con.fetch("SELECT 1")

        async def two():
            pool = await get_pool()
            async with pool.acquire() as con:
                return await con.fetch("SELECT 2")
      `,
      errors: [{ messageId: 'checkout-pool-unknown', line: 18, column: 16, message: /and 1 more in this module/ }],
    },
    {
      // mSok/simple_account's common/tasks.py: a balance job started with loop.create_task() at startup.
      name: "a checkout in a background task's `while True:` with nothing catching inside the loop is reported, not given a timeout",
      filename: f,
      code: py`
        from asyncio import sleep
        import asyncpg

        async def calc_balance(pool: asyncpg.pool.Pool, timeout: int):
            try:
                while True:
                    await sleep(timeout)
                    async with pool.acquire() as conn:
                        await conn.execute("UPDATE account SET balance = balance - hold")
            except Exception:
                raise
      `,
      errors: [
        { messageId: 'checkout-in-endless-loop', line: 8, column: 24, message: /Catch asyncio\.TimeoutError inside/ },
      ],
    },
    {
      name: 'a `while 1:` whose try catches only ValueError and KeyError: the timeout would still end the loop',
      filename: f,
      code: py`
        import asyncpg

        async def worker(app):
            app.pool = await asyncpg.create_pool(dsn="postgresql:///app")
            while 1:
                try:
                    conn = await app.pool.acquire()
                    try:
                        await conn.execute("DELETE FROM sessions WHERE expired")
                    finally:
                        await app.pool.release(conn)
                except (ValueError, KeyError):
                    pass
      `,
      errors: [{ messageId: 'checkout-in-endless-loop', line: 7, column: 26 }],
    },
    {
      name: 'a `while True:` whose own try catches asyncio.TimeoutError goes round again after a timeout: the checkout gets one',
      filename: f,
      code: py`
        import asyncio
        import asyncpg

        async def drain(pool: asyncpg.Pool):
            while True:
                try:
                    async with pool.acquire() as conn:
                        await conn.execute("SELECT 1")
                except asyncio.TimeoutError as e:
                    print(e)
      `,
      errors: [{ messageId: 'no-checkout-timeout', line: 7, column: 24 }],
      output: py`
        import asyncio
        import asyncpg

        async def drain(pool: asyncpg.Pool):
            while True:
                try:
                    async with pool.acquire(timeout=5) as conn:
                        await conn.execute("SELECT 1")
                except asyncio.TimeoutError as e:
                    print(e)
      `,
    },
    {
      name: 'a bare except inside the loop, and a for loop (it ends, and the error reaches the caller): both checkouts get a timeout',
      filename: f,
      code: py`
        import asyncpg

        async def jobs(pool: asyncpg.Pool, batches):
            for batch in batches:
                async with pool.acquire() as conn:
                    await conn.executemany("INSERT INTO t VALUES ($1)", batch)
            while True:
                try:
                    async with pool.acquire() as conn:
                        await conn.execute("SELECT 1")
                except:
                    continue
      `,
      errors: [
        { messageId: 'no-checkout-timeout', line: 5, column: 20 },
        { messageId: 'no-checkout-timeout', line: 9, column: 24 },
      ],
      output: py`
        import asyncpg

        async def jobs(pool: asyncpg.Pool, batches):
            for batch in batches:
                async with pool.acquire(timeout=5) as conn:
                    await conn.executemany("INSERT INTO t VALUES ($1)", batch)
            while True:
                try:
                    async with pool.acquire(timeout=5) as conn:
                        await conn.execute("SELECT 1")
                except:
                    continue
      `,
    },
  ],
});
