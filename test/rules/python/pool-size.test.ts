/** pool-size on Python: sizes from the server's limit over instances and processes; defaults, per-call pools, thread safety. */
import { transform } from '../../../transforms/pool-size';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';
/** Four gunicorn workers and a Celery worker of eight, as a Procfile states them. */
const twelve = {
  processes: { count: 12, source: 'Procfile: gunicorn --workers 4 + Procfile: celery --concurrency 8' },
};
const sizing = { dbMaxConnections: 100, instances: 2 };

ruleTable(transform, {
  valid: [
    {
      // n8sty/asyncpg-queue's worker.py: `async with asyncpg.create_pool(...)` beside a ThreadPoolExecutor for sync tasks.
      name: "an asyncio pool in a module that also runs threads is not psycopg2's pool for one thread",
      filename: f,
      code: py`
        import asyncpg
        from concurrent.futures import ThreadPoolExecutor

        async def run(dsn):
            async with asyncpg.create_pool(dsn, max_size=5, min_size=2) as pool:
                with ThreadPoolExecutor(max_workers=4) as executor:
                    await pool.fetchval("SELECT 1")
      `,
    },
    {
      name: 'workers counted only where they run are not multiplied without a budget to size from',
      filename: f,
      project: { processes: { source: 'gunicorn.conf.py: workers = multiprocessing.cpu_count() * 2 + 1' } },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 50, dbname="app")
      `,
    },
    {
      name: 'explicit sizes that the processes do not multiply past the default limit',
      filename: f,
      project: { processes: { count: 4, source: 'gunicorn.conf.py: workers = 4' } },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 20, dbname="app")
      `,
    },
    {
      name: 'already the size the budget gives',
      filename: f,
      options: sizing,
      project: twelve,
      code: py`
        import asyncpg

        async def startup():
            global pool
            pool = await asyncpg.create_pool(min_size=2, max_size=4)
      `,
    },
    {
      name: 'a factory that returns the pool it makes is not a pool per call',
      filename: f,
      code: py`
        import asyncpg

        async def make_pool(dsn):
            pool = await asyncpg.create_pool(dsn, max_size=5)
            return pool
      `,
    },
  ],
  invalid: [
    {
      name: "gunicorn's workers worked out from the CPUs: no size from a guess, and what to pass instead",
      filename: f,
      options: sizing,
      project: { processes: { source: 'gunicorn.conf.py: workers = multiprocessing.cpu_count() * 2 + 1' } },
      code: py`
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app", max_size=30)
      `,
      errors: [
        {
          messageId: 'processes-unknown',
          line: 2,
          column: 8,
          message: /\(gunicorn\.conf\.py: workers = multiprocessing\.cpu_count\(\) \* 2 \+ 1\).*--processes P/,
        },
      ],
      output: null,
    },
    {
      name: '--processes gives the count the repository does not state as a number',
      filename: f,
      options: { ...sizing, processes: 5 },
      project: { processes: { source: 'Procfile: gunicorn --workers $WEB_CONCURRENCY' } },
      code: py`
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app", max_size=30)
      `,
      errors: [{ messageId: 'sized-for-processes', line: 2, column: 8 }],
      output: py`
        from psycopg_pool import ConnectionPool
        # max_size 9 = floor((100 max_connections - 3 reserved) / (2 instances × 5 processes)); processes from --processes
        pool = ConnectionPool("dbname=app", max_size=9)
      `,
    },
    {
      name: 'sized from the budget: floor((100 - 3) / (2 × 12)); the minimum comes down with it, the arithmetic above',
      filename: f,
      options: sizing,
      project: twelve,
      code: py`
        import asyncpg
        from psycopg2.pool import ThreadedConnectionPool

        sync = ThreadedConnectionPool(8, 20, dbname="app")

        async def startup():
            global pool
            pool = await asyncpg.create_pool(dsn="postgresql:///app")
      `,
      errors: [
        { messageId: 'sized-for-processes', line: 4, column: 8 },
        { messageId: 'sized-for-processes', line: 8, column: 18 },
      ],
      output: py`
        import asyncpg
        from psycopg2.pool import ThreadedConnectionPool

        # maxconn 4 = floor((100 max_connections - 3 reserved) / (2 instances × 12 processes)); processes from Procfile: gunicorn --workers 4 + Procfile: celery --concurrency 8
        sync = ThreadedConnectionPool(4, 4, dbname="app")

        async def startup():
            global pool
            # max_size 4 = floor((100 max_connections - 3 reserved) / (2 instances × 12 processes)); processes from Procfile: gunicorn --workers 4 + Procfile: celery --concurrency 8
            pool = await asyncpg.create_pool(dsn="postgresql:///app", min_size=4, max_size=4)
      `,
    },
    {
      name: 'one process: the budget per instance; psycopg_pool keywords replaced in place',
      filename: f,
      options: { dbMaxConnections: 50, instances: 3 },
      code: py`
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app", min_size=2, max_size=30)
      `,
      errors: [{ messageId: 'sized', line: 2, column: 8 }],
      output: py`
        from psycopg_pool import ConnectionPool
        # max_size 15 = floor((50 max_connections - 3 reserved) / (3 instances))
        pool = ConnectionPool("dbname=app", min_size=2, max_size=15)
      `,
    },
    {
      name: 'a computed size is reported, not replaced',
      filename: f,
      options: sizing,
      code: py`
        import os
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app", max_size=int(os.environ["POOL_MAX"]))
      `,
      errors: [{ messageId: 'config-opaque', line: 3, column: 8, message: /computed/ }],
      output: null,
    },
    {
      name: "without sizing options: the library's default is noted; processes that multiply a size past 100 are reported",
      filename: f,
      project: twelve,
      code: py`
        import asyncpg
        from psycopg2.pool import ThreadedConnectionPool

        sync = ThreadedConnectionPool(2, 20, dbname="app")

        async def startup():
            global pool
            pool = await asyncpg.create_pool()
      `,
      errors: [
        { messageId: 'processes-over-limit', line: 4, column: 34, message: /240 from one instance/ },
        {
          messageId: 'no-explicit-size',
          line: 8,
          column: 18,
          message:
            /opens 10 connections in every process that loads it, all as soon as the pool is made \(`min_size` defaults to 10 too\)\./,
        },
      ],
      output: null,
    },
    {
      // mSok/simple_account's common/db.py: the settings dict lives in config.py, and may carry max_size.
      name: 'without sizing options, a pool made with `**config.db` is not said to set no size: the tool cannot see it',
      filename: f,
      code: py`
        import asyncpg
        import config

        async def connect_db(app):
            app['pool'] = await asyncpg.create_pool(**config.db)
      `,
      errors: [{ messageId: 'config-opaque', line: 5, column: 25, message: /passed partly through/ }],
      output: null,
    },
    {
      name: 'two pools of one library to the same database in one module: each opens its own connections (an asyncio pool is no pool of theirs)',
      filename: f,
      code: py`
        from psycopg_pool import AsyncConnectionPool, ConnectionPool

        reads = ConnectionPool("dbname=app", max_size=10)
        writes = ConnectionPool("dbname=app", max_size=5)
        other = ConnectionPool("dbname=analytics", max_size=5)
        # fullstackbook/fastapi-psycopg-sync-vs-async: an asyncio pool beside them is no pool they could share.
        async_reads = AsyncConnectionPool("dbname=app", max_size=5)
      `,
      errors: [
        { messageId: 'several-pools', line: 3, column: 9, message: /`writes` \(line 4\).*up to 15 in all/ },
        { messageId: 'several-pools', line: 4, column: 10 },
      ],
      output: null,
    },
    {
      // rustprooflabs/psycopg3-connpool's webapp/db_pool.py: a reporting pool beside the default one, with a longer wait.
      name: 'two pools to one database tuned apart are a split by workload: a note, not a duplicate (a third tuned alike is one)',
      filename: f,
      code: py`
        import psycopg_pool
        pool_default = psycopg_pool.ConnectionPool(DSN, min_size=1, max_size=10, max_idle=300)
        pool_reporting = psycopg_pool.ConnectionPool(DSN, min_size=0, max_size=5, max_idle=300, timeout=120)
        pool_batch = psycopg_pool.ConnectionPool(DSN, min_size=0, max_size=2, max_idle = 300, timeout=120)
      `,
      errors: [
        {
          messageId: 'pools-split-by-work',
          line: 2,
          column: 16,
          message: /tuned apart \(`timeout`\): separate pools for separate work.*up to 17 in all/,
        },
        { messageId: 'several-pools', line: 3, column: 18 },
        { messageId: 'several-pools', line: 4, column: 14 },
      ],
      output: null,
    },
    {
      name: 'a pool made and dropped on every call',
      filename: f,
      code: py`
        import asyncpg

        async def count():
            pool = await asyncpg.create_pool(max_size=2)
            async with pool.acquire() as conn:
                return await conn.fetchval("SELECT count(*) FROM items")
      `,
      errors: [{ messageId: 'pool-per-call', line: 4, column: 18 }],
      output: null,
    },
    {
      // zainabj18/AssetsManagement's app/db/db.py: get_db() opens a psycopg_pool pool per request into g.
      name: "a pool kept in Flask's g (through a local, or made straight into it) is made again for every request; one on the app is not",
      filename: 'db.py',
      code: py`
        from flask import current_app, g
        import flask
        from psycopg_pool import ConnectionPool

        def get_db():
            if "db" not in g:
                pool = ConnectionPool(current_app.config["DATABASE_URI"], max_size=4)
                pool.open()
                g.db = pool
            return g.db

        def get_reports():
            if "reports" not in flask.g:
                flask.g.reports = ConnectionPool(current_app.config["REPORTS_URI"], max_size=2)
            return flask.g.reports

        def init_app(app):
            pool = ConnectionPool(app.config["DATABASE_URI"], max_size=4)
            app.pool = pool
      `,
      errors: [
        { messageId: 'pool-per-call', line: 7, column: 16 },
        { messageId: 'pool-per-call', line: 14, column: 27 },
      ],
      output: null,
    },
    {
      name: "psycopg2's SimpleConnectionPool in a Flask module, which threads share",
      filename: f,
      code: py`
        from flask import Flask
        from psycopg2.pool import SimpleConnectionPool

        app = Flask(__name__)
        pool = SimpleConnectionPool(1, 5, dbname="app")
      `,
      errors: [{ messageId: 'not-thread-safe', line: 5, column: 8, message: /ThreadedConnectionPool/ }],
      output: null,
    },
  ],
});
