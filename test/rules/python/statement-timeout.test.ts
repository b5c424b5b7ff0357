/** statement-timeout on Python: asyncpg's command_timeout, libpq's statement_timeout option for psycopg2 and psycopg_pool. */
import { transform } from '../../../transforms/statement-timeout';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';

ruleTable(transform, {
  valid: [
    {
      name: "a per-request SET on asyncpg's pooled connection (its release resets the session), SET LOCAL, and a SET on a connection of its own",
      filename: f,
      code: py`
        import asyncpg
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool

        apool = None
        pool = ThreadedConnectionPool(1, 5, dsn="", options="-c statement_timeout=30000")

        async def report():
            async with apool.acquire() as conn:
                await conn.execute("SET statement_timeout = 120000")
                return await conn.fetch("SELECT 1")

        def one():
            conn = pool.getconn()
            try:
                with conn.cursor() as cur:
                    cur.execute("SET LOCAL statement_timeout = 5000")
                    cur.execute("SELECT 1")
            finally:
                pool.putconn(conn)

        def own():
            conn = psycopg2.connect("")
            with conn.cursor() as cur:
                cur.execute("SET statement_timeout = 5000")
      `,
    },
    {
      name: 'asyncpg with a command_timeout, or a statement_timeout in server_settings',
      filename: f,
      code: py`
        import asyncpg

        async def init():
            a = await asyncpg.create_pool(command_timeout=60)
            b = await asyncpg.create_pool(server_settings={'statement_timeout': '30000'})
            return a, b
      `,
    },
    {
      name: 'psycopg2 and psycopg_pool that pass -c statement_timeout',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        from psycopg_pool import ConnectionPool

        a = ThreadedConnectionPool(1, 10, dbname="app", options="-c statement_timeout=5000")
        b = ConnectionPool("dbname=app", kwargs=dict(options="-c statement_timeout=5000"))
      `,
    },
    {
      name: 'a script run once (a backfill) may run a statement for minutes',
      filename: 'scripts/backfill.py',
      code: py`
        import asyncio
        import asyncpg

        async def main():
            pool = await asyncpg.create_pool()
            await pool.execute("UPDATE events SET day = created::date")

        if __name__ == "__main__":
            asyncio.run(main())
      `,
    },
  ],
  invalid: [
    {
      name: 'a per-request SET statement_timeout on a connection from a psycopg2 or psycopg_pool pool stays for the next caller',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        from psycopg_pool import ConnectionPool

        pool = ThreadedConnectionPool(1, 5, dsn="", options="-c statement_timeout=30000")
        reports = ConnectionPool("", kwargs=dict(options="-c statement_timeout=30000"))

        def slow():
            conn = pool.getconn()
            try:
                with conn.cursor() as cur:
                    cur.execute("SET statement_timeout = 600000")
                    cur.execute("SELECT 1")
                conn.commit()
            finally:
                pool.putconn(conn)

        def monthly():
            with reports.connection() as conn:
                conn.execute('SET SESSION statement_timeout TO 0')
      `,
      errors: [
        { messageId: 'session-set-leaks', line: 11, column: 13 },
        { messageId: 'session-set-leaks', line: 19, column: 9 },
      ],
      output: null,
    },
    {
      name: 'asyncpg: command_timeout in seconds, after the last argument',
      filename: f,
      code: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(dsn="postgresql:///app", min_size=2)
      `,
      errors: [{ messageId: 'no-command-timeout', line: 4, column: 18 }],
      output: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(dsn="postgresql:///app", min_size=2, command_timeout=30)
      `,
    },
    {
      name: 'asyncpg, one argument per line with a trailing comma and a comment: a line of its own (--statement-timeout-ms 1500)',
      filename: f,
      options: { statementTimeoutMs: 1500 },
      code: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(
                dsn="postgresql:///app",
                max_size=20,  # the server allows 100
            )
      `,
      errors: [{ messageId: 'no-command-timeout', line: 4, column: 18 }],
      output: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(
                dsn="postgresql:///app",
                max_size=20,  # the server allows 100
                command_timeout=1.5,
            )
      `,
    },
    {
      // nemesiscodex/darti-backend's aep/data/db/postgres.py: one argument per line, the `)` right after the last.
      name: 'asyncpg, one argument per line and the ) after the last: a line of its own, the ) after it',
      filename: f,
      code: py`
        import asyncpg

        async def get_conn_pool():
            return await asyncpg.create_pool(
                host=DB.host,
                port=DB.port,
                database=DB.database)
      `,
      errors: [{ messageId: 'no-command-timeout', line: 4, column: 18 }],
      output: py`
        import asyncpg

        async def get_conn_pool():
            return await asyncpg.create_pool(
                host=DB.host,
                port=DB.port,
                database=DB.database,
                command_timeout=30)
      `,
    },
    {
      name: 'asyncpg, arguments in a visual indent under the first: the new one aligned under them',
      filename: f,
      code: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(dsn="postgresql:///app",
                                             min_size=2)
      `,
      errors: [{ messageId: 'no-command-timeout', line: 4, column: 18 }],
      output: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(dsn="postgresql:///app",
                                             min_size=2,
                                             command_timeout=30)
      `,
    },
    {
      name: 'a Flask app whose __main__ guard starts the server serves requests: not a script',
      filename: f,
      code: py`
        from flask import Flask
        from psycopg2.pool import ThreadedConnectionPool

        app = Flask(__name__)
        pool = ThreadedConnectionPool(1, 10, dbname="app")

        if __name__ == "__main__":
            app.run(port=8080)
      `,
      errors: [{ messageId: 'no-startup-statement-timeout', line: 5, column: 8 }],
      output: py`
        from flask import Flask
        from psycopg2.pool import ThreadedConnectionPool

        app = Flask(__name__)
        pool = ThreadedConnectionPool(1, 10, dbname="app", options="-c statement_timeout=30000")

        if __name__ == "__main__":
            app.run(port=8080)
      `,
    },
    {
      name: 'asyncpg: command_timeout=None is kept and reported',
      filename: f,
      code: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(command_timeout=None)
      `,
      errors: [{ messageId: 'timeout-disabled', line: 4, column: 54 }],
      output: null,
    },
    {
      name: 'asyncpg behind PgBouncer (port 6432): statement_timeout in server_settings is a refused startup parameter',
      filename: f,
      code: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(port=6432, server_settings={'statement_timeout': '30000'})
      `,
      errors: [{ messageId: 'startup-parameter-behind-pgbouncer', line: 4, column: 87 }],
      output: null,
    },
    {
      name: "psycopg2 with keywords: options='-c statement_timeout=...' in the file's quotes",
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 10, host='db', dbname='app')
      `,
      errors: [{ messageId: 'no-startup-statement-timeout', line: 3, column: 8 }],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 10, host='db', dbname='app', options='-c statement_timeout=30000')
      `,
    },
    {
      name: 'psycopg_pool: into kwargs=dict(...), or a new kwargs=',
      filename: f,
      code: py`
        from psycopg_pool import ConnectionPool

        a = ConnectionPool("dbname=app", kwargs=dict(autocommit=True))
        b = ConnectionPool("dbname=app")
      `,
      errors: [
        { messageId: 'no-startup-statement-timeout', line: 3, column: 5 },
        { messageId: 'no-startup-statement-timeout', line: 4, column: 5 },
      ],
      output: py`
        from psycopg_pool import ConnectionPool

        a = ConnectionPool("dbname=app", kwargs=dict(autocommit=True, options="-c statement_timeout=30000"))
        b = ConnectionPool("dbname=app", kwargs=dict(options="-c statement_timeout=30000"))
      `,
    },
    {
      name: 'a connection string the tool cannot see, or a ** spread: an options= keyword could override what they set',
      filename: f,
      code: py`
        import os
        from psycopg2.pool import ThreadedConnectionPool

        a = ThreadedConnectionPool(1, 10, dsn=os.environ["DATABASE_URL"])
        b = ThreadedConnectionPool(1, 10, **settings.DATABASE)
      `,
      errors: [
        { messageId: 'config-hidden', line: 4, column: 5, message: /may set `options` already/ },
        { messageId: 'config-hidden', line: 5, column: 5, message: /through `\*\*`/ },
      ],
      output: null,
    },
    {
      name: 'a connection string built by a call over several lines is quoted as the call, not line by line',
      filename: f,
      code: py`
        from psycopg import conninfo
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool(
            conninfo.make_conninfo(
                user=config["USER"],
                dbname=config["DB"],
                options=config["options"],
            ),
        )
      `,
      errors: [
        {
          messageId: 'config-hidden',
          line: 4,
          column: 8,
          message: /^`pool` connects with `conninfo\.make_conninfo\(\.\.\.\)`, which may set `options` already, so/,
        },
      ],
      output: null,
    },
    {
      name: "a module that names Neon's pooled endpoint (os.getenv's default): the limit belongs on the role",
      filename: f,
      code: py`
        import os
        from psycopg2.pool import ThreadedConnectionPool

        DSN = os.getenv("DATABASE_URL", "postgresql://app:pw@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/app")
        pool = ThreadedConnectionPool(1, 10, DSN)
      `,
      errors: [
        { messageId: 'behind-pgbouncer', line: 5, column: 8, message: /this module names Neon's pooled endpoint/ },
      ],
      output: null,
    },
    {
      // 223MapAction/Mapapi#44: the transaction pooler refused libpq's `options`, and every endpoint answered 502.
      name: "a pool on Supabase's transaction pooler (port 6543) gets no options= startup parameter",
      filename: f,
      code: py`
        from psycopg2 import pool

        db = pool.ThreadedConnectionPool(1, 10, dsn="postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres")
      `,
      errors: [
        { messageId: 'behind-pgbouncer', line: 3, column: 6, message: /Supabase's transaction pooler \(port 6543\)/ },
      ],
      output: null,
    },
    {
      name: 'behind PgBouncer (--behind-pgbouncer): the limit belongs on the role',
      filename: f,
      options: { behindPgbouncer: true },
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 10, host='db')
      `,
      errors: [{ messageId: 'behind-pgbouncer', line: 3, column: 8, message: /ALTER ROLE/ }],
      output: null,
    },
  ],
});
