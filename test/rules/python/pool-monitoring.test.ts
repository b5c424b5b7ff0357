/** pool-monitoring on Python: lost connection errors logged through the module's logger; pools whose state nothing exports. */
import { transform } from '../../../transforms/pool-monitoring';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';

ruleTable(transform, {
  valid: [
    {
      // keeilzhanstd/psycopg2-tg-bot's database.py (tabs): its handler says so with pprint.
      name: 'a handler that prints (print or pprint) what went wrong leaves a trace',
      filename: 'database.py',
      code: py`
		import psycopg2
		from pprint import pprint

		class DBConnection:
			def __init__(self):
				try:
					self.connection = psycopg2.connect(dbname="app")
				except:
					pprint("Cannot connect to database")
		`,
    },
    {
      name: "a task's cancellation (asyncio's, concurrent.futures'), or the program stopping, is not a failed checkout",
      filename: 'worker.py',
      code: py`
        import asyncio
        import concurrent.futures
        import logging
        from asyncio import CancelledError

        log = logging.getLogger(__name__)

        async def housekeeping(pool):
            try:
                async with pool.acquire() as conn:
                    await conn.execute("SELECT 1")
            except asyncio.CancelledError:
                return
            except (CancelledError, concurrent.futures.CancelledError):
                return
            except KeyboardInterrupt:
                return
      `,
    },
    {
      name: "a migration command's pool, made in the main() its __main__ guard runs: nobody scrapes a script",
      filename: 'migrate.py',
      code: py`
        import argparse
        import asyncpg

        db_pool = None


        async def main():
            parser = argparse.ArgumentParser()
            parser.parse_args()
            global db_pool
            db_pool = await asyncpg.create_pool("postgresql://app@db/app")
            await db_pool.execute("SELECT 1")
            await db_pool.close()


        if __name__ == "__main__":
            import asyncio

            asyncio.run(main())
      `,
    },
    {
      name: 'a pool in scripts/: a script by where it lives',
      filename: 'scripts/seed.py',
      code: py`
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")
      `,
    },
    {
      name: 'a psycopg2 pool whose use is logged from its private list (it has no public counters)',
      filename: f,
      code: py`
        import logging
        from contextlib import contextmanager
        from psycopg2.pool import ThreadedConnectionPool

        logger = logging.getLogger(__name__)
        pool = ThreadedConnectionPool(minconn=5, maxconn=20)

        @contextmanager
        def get_db_connection():
            logger.info(f"Pool: {len(pool._used)}/{pool.maxconn} connections used")
            conn = pool.getconn()
            try:
                yield conn
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: "handlers that log (any case), raise, or pass the error on; a retry loop; a class's own connect(); a pool whose stats are read",
      filename: f,
      code: py`
        import logging
        import time
        import psycopg
        from psycopg_pool import ConnectionPool

        LOGGER = logging.getLogger(__name__)
        pool = ConnectionPool("dbname=app")

        def stats():
            return pool.get_stats()

        def a():
            try:
                return psycopg.connect("dbname=app")
            except psycopg.OperationalError as err:
                LOGGER.error("no database: %s", err)
                return None

        def b():
            try:
                conn = pool.getconn()
            except Exception as e:
                return f"error: {e}"
            return conn

        def c():
            for _ in range(60):
                try:
                    return psycopg.connect("dbname=app")
                except psycopg.OperationalError:
                    time.sleep(1)

        class Store:
            def connect(self):
                return pool.getconn()

            def ready(self):
                try:
                    self.connect()
                except Exception:
                    return False
      `,
    },
    {
      // thebestory/api-python-rest's Sanic controllers: `except exceptions.NotFoundError: return json(..., status=404)`.
      name: "handlers for what the work raises (the project's errors, another library's, builtins a checkout never raises) are not about the connection",
      filename: f,
      code: py`
        from jose import JWTError
        from tbs.lib import exceptions
        from .errors import Conflict

        class NotFound(Exception):
            pass

        async def show(pool, id):
            try:
                async with pool.acquire() as conn:
                    return await conn.fetchrow("SELECT 1")
            except exceptions.NotFoundError:
                return None
            except (KeyError, ValueError):
                return None
            except NotFound:
                return None
            except JWTError:
                return None
            except* Conflict:
                return None
      `,
    },
  ],
  invalid: [
    {
      // n8sty/asyncpg-queue's worker.py: the handler's comment says why it ignores the error.
      name: 'a handler whose comment says why it drops the error is reported, not rewritten; one with only a pragma is rewritten',
      filename: 'worker.py',
      code: py`
        import logging
        import asyncpg

        log = logging.getLogger(__name__)

        async def listen(pool):
            try:
                async with pool.acquire() as conn:  # pragma: no cover
                    await conn.execute("LISTEN jobs")
            except (
                asyncpg.InterfaceError,
                asyncpg.ConnectionDoesNotExistError,
            ):  # pragma: no cover
                # This can happen if the pool has been closed already. Handling the error
                # by ignoring it prevents some scary looking errors from propagating up.
                return

        async def ping(pool):
            try:
                async with pool.acquire() as conn:
                    await conn.execute("SELECT 1")
            except asyncpg.InterfaceError:  # pragma: no cover
                return
      `,
      errors: [
        {
          messageId: 'error-ignored-documented',
          line: 10,
          column: 5,
          message:
            /its comment says why \("This can happen if the pool has been closed already\. Handling the error by ignoring it prevents some scary looking/,
        },
        { messageId: 'error-logged', line: 22, column: 5 },
      ],
      output: py`
        import logging
        import asyncpg

        log = logging.getLogger(__name__)

        async def listen(pool):
            try:
                async with pool.acquire() as conn:  # pragma: no cover
                    await conn.execute("LISTEN jobs")
            except (
                asyncpg.InterfaceError,
                asyncpg.ConnectionDoesNotExistError,
            ):  # pragma: no cover
                # This can happen if the pool has been closed already. Handling the error
                # by ignoring it prevents some scary looking errors from propagating up.
                return

        async def ping(pool):
            try:
                async with pool.acquire() as conn:
                    await conn.execute("SELECT 1")
            except asyncpg.InterfaceError:  # pragma: no cover
                log.exception("pool.acquire() failed")
                return
      `,
    },
    {
      name: "a handler that may catch the failed checkout still counts: the library's, OSError, asyncio's timeout, a module-level tuple, a name the tool cannot place",
      filename: f,
      code: py`
        import asyncio
        import logging
        import asyncpg
        from app.errors import NotFound

        log = logging.getLogger(__name__)
        DB_ERRORS = (asyncpg.PostgresError, OSError)

        async def show(pool):
            try:
                async with pool.acquire() as conn:
                    return await conn.fetchrow("SELECT 1")
            except (NotFound, OSError):
                return None
            except asyncio.TimeoutError:
                return None
            except DB_ERRORS:
                return None
            except Unplaced:
                return None
      `,
      errors: [
        { messageId: 'error-logged', line: 13, column: 5 },
        { messageId: 'error-logged', line: 15, column: 5 },
        { messageId: 'error-logged', line: 17, column: 5 },
        { messageId: 'error-logged', line: 19, column: 5 },
      ],
      output: py`
        import asyncio
        import logging
        import asyncpg
        from app.errors import NotFound

        log = logging.getLogger(__name__)
        DB_ERRORS = (asyncpg.PostgresError, OSError)

        async def show(pool):
            try:
                async with pool.acquire() as conn:
                    return await conn.fetchrow("SELECT 1")
            except (NotFound, OSError):
                log.exception("pool.acquire() failed")
                return None
            except asyncio.TimeoutError:
                log.exception("pool.acquire() failed")
                return None
            except DB_ERRORS:
                log.exception("pool.acquire() failed")
                return None
            except Unplaced:
                log.exception("pool.acquire() failed")
                return None
      `,
    },
    {
      name: 'a lost error gets logger.exception through the module logger, in place of a lone pass, in the file quotes',
      filename: f,
      code: py`
        import logging
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool

        log = logging.getLogger(__name__)
        pool = ThreadedConnectionPool(1, 10, dbname='app')

        def get(user_id):
            try:
                conn = pool.getconn()
            except psycopg2.pool.PoolError:
                return None
            return conn

        def ping():
            try:
                psycopg2.connect(dbname='app').close()
            except Exception:
                pass
      `,
      errors: [
        { messageId: 'pool-has-no-counters', line: 6, column: 8 },
        { messageId: 'error-logged', line: 11, column: 5 },
        { messageId: 'error-logged', line: 18, column: 5 },
      ],
      output: py`
        import logging
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool

        log = logging.getLogger(__name__)
        pool = ThreadedConnectionPool(1, 10, dbname='app')

        def get(user_id):
            try:
                conn = pool.getconn()
            except psycopg2.pool.PoolError:
                log.exception('pool.getconn() failed')
                return None
            return conn

        def ping():
            try:
                psycopg2.connect(dbname='app').close()
            except Exception:
                log.exception('psycopg2.connect() failed')
      `,
    },
    {
      name: '--metrics prom-client where the project installs prometheus_client: gauges through pool_metrics.py, read by name at scrape time',
      filename: f,
      options: { metrics: 'prom-client' },
      project: { pythonManifests: 'prometheus-client>=0.16\n' },
      code: py`
        import asyncpg
        from psycopg_pool import ConnectionPool

        reports = ConnectionPool('dbname=app')

        async def startup():
            global pool
            pool = await asyncpg.create_pool()
      `,
      errors: [
        { messageId: 'metrics-added', line: 4, column: 11 },
        { messageId: 'metrics-added', line: 8, column: 18 },
      ],
      output: py`
        import asyncpg
        from psycopg_pool import ConnectionPool
        from pool_metrics import monitor_psycopg_pool
        from pool_metrics import monitor_asyncpg_pool

        reports = ConnectionPool('dbname=app')
        monitor_psycopg_pool('app:reports', lambda: globals().get('reports'))

        async def startup():
            global pool
            pool = await asyncpg.create_pool()


        monitor_asyncpg_pool('app:pool', lambda: globals().get('pool'))
      `,
    },
    {
      name: '--metrics otel where the project installs the OpenTelemetry SDK: the same call, the gauges observed through the OpenTelemetry API',
      filename: f,
      options: { metrics: 'otel' },
      project: { pythonManifests: '[project]\ndependencies = ["opentelemetry-sdk>=1.20"]\n' },
      code: py`
        import asyncpg

        pool = None

        async def startup():
            global pool
            pool = await asyncpg.create_pool()
      `,
      errors: [{ messageId: 'metrics-added', line: 7, column: 18 }],
      output: py`
        import asyncpg
        from pool_metrics import monitor_asyncpg_pool

        pool = None

        async def startup():
            global pool
            pool = await asyncpg.create_pool()


        monitor_asyncpg_pool('app:pool', lambda: globals().get('pool'))
      `,
    },
    {
      name: '--metrics otel with only prometheus_client installed: reported (the flavour asked for is not there)',
      filename: f,
      options: { metrics: 'otel' },
      project: { pythonManifests: 'prometheus-client\n' },
      code: py`
        from psycopg_pool import ConnectionPool
        reports = ConnectionPool('dbname=app')
      `,
      errors: [{ messageId: 'pool-state-unexported', line: 2, column: 11 }],
      output: null,
    },
    {
      name: "psycopg2 has no public counters: a note where the pool has no module-level name; with one, gauges over its pool's private lists",
      filename: f,
      options: { metrics: 'prom-client' },
      project: { pythonManifests: 'prometheus_client==0.17\n' },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        class Store:
            def __init__(self):
                self.pool = ThreadedConnectionPool(1, 5, dsn='')

        pool = ThreadedConnectionPool(1, 5, dsn='')
      `,
      errors: [
        { messageId: 'pool-has-no-counters', line: 6, column: 21 },
        { messageId: 'metrics-added', line: 7, column: 8 },
      ],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool
        from pool_metrics import monitor_psycopg2_pool

        class Store:
            def __init__(self):
                self.pool = ThreadedConnectionPool(1, 5, dsn='')

        pool = ThreadedConnectionPool(1, 5, dsn='')
        monitor_psycopg2_pool('app:pool', lambda: globals().get('pool'))
      `,
    },
    {
      name: '--metrics prom-client without prometheus_client installed: reported, nothing imported that would not load',
      filename: f,
      options: { metrics: 'prom-client' },
      code: py`
        from psycopg_pool import ConnectionPool
        reports = ConnectionPool('dbname=app')
      `,
      errors: [{ messageId: 'pool-state-unexported', line: 2, column: 11 }],
      output: null,
    },
    {
      name: 'no module logger: the lost error is reported; an asyncpg pool nothing exports',
      filename: f,
      code: py`
        import asyncpg

        async def startup():
            global pool
            pool = await asyncpg.create_pool()

        async def one():
            try:
                async with pool.acquire() as conn:
                    return await conn.fetchval("SELECT 1")
            except OSError:
                return None
      `,
      errors: [
        { messageId: 'pool-state-unexported', line: 5, column: 18, message: /get_size\(\)/ },
        { messageId: 'error-swallowed', line: 11, column: 5 },
      ],
      output: null,
    },
  ],
});
