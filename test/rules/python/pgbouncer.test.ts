/** pgbouncer on Python: session reliance (notes until PgBouncer is known to be in front), and the library's own prepared statements behind it. */
import { transform } from '../../../transforms/pgbouncer';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';
const behind = { behindPgbouncer: true };

ruleTable(transform, {
  valid: [
    {
      name: 'transaction-scoped statements; SET LOCAL; an xact advisory lock; not behind PgBouncer, configs are left alone',
      filename: f,
      code: py`
        import asyncpg

        async def job(pool):
            async with pool.acquire() as conn:
                async with conn.transaction():
                    await conn.execute("SET LOCAL statement_timeout = '5s'")
                    await conn.execute("SELECT pg_advisory_xact_lock(7)")
                    await conn.execute("CREATE TEMP TABLE t (id int) ON COMMIT DROP")

        async def init():
            return await asyncpg.create_pool(dsn="postgresql:///app")
      `,
    },
    {
      // feifei1002/chatbot-intranet-api's routes/conversations.py: deferred constraints for a batch of inserts.
      name: 'SET CONSTRAINTS applies to the current transaction only: no session state',
      filename: f,
      code: py`
        import psycopg

        async def save(rows):
            async with await psycopg.AsyncConnection.connect("dbname=app") as conn:
                async with conn.cursor() as cur:
                    await cur.execute("SET CONSTRAINTS ALL DEFERRED")
                    for row in rows:
                        await cur.execute("INSERT INTO history VALUES (%s)", (row,))
      `,
    },
    {
      name: 'behind PgBouncer: prepared statements already off; only parameters PgBouncer tracks',
      filename: f,
      options: behind,
      code: py`
        import asyncpg

        async def init():
            return await asyncpg.create_pool(statement_cache_size=0, server_settings={"application_name": "api"})
      `,
    },
    {
      name: 'a module that uses no PostgreSQL library: SQL through another one (sqlite3) is not looked at',
      filename: f,
      code: py`
        import sqlite3

        def f(conn):
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SET x = 1")
      `,
    },
  ],
  invalid: [
    {
      name: 'session reliance is a note until PgBouncer is known to be in front',
      filename: f,
      code: py`
        import psycopg2

        def job(conn):
            cur = conn.cursor()
            cur.execute("SET search_path TO app")
            cur.execute("LISTEN jobs")
            cur.execute("SELECT pg_advisory_lock(42)")
            cur.execute("PREPARE q AS SELECT 1")
            cur.execute("CREATE TEMP TABLE scratch (id int)")
            named = conn.cursor("big", withhold=True)
      `,
      errors: [
        { messageId: 'session-set', line: 5, column: 5, message: /changes the session:/ },
        { messageId: 'listen', line: 6, column: 5 },
        { messageId: 'advisory-lock', line: 7, column: 5 },
        { messageId: 'sql-prepare', line: 8, column: 5 },
        { messageId: 'temp-table', line: 9, column: 5 },
        { messageId: 'hold-cursor', line: 10, column: 41 },
      ],
      output: null,
    },
    {
      name: 'formatted SQL is read from its literal text, as a template literal is in JavaScript',
      filename: f,
      code: py`
        import psycopg2

        def job(conn, schema, channel, verb):
            cur = conn.cursor()
            cur.execute(f"SET search_path TO {schema}")
            cur.execute("LISTEN %s" % channel)
            cur.execute("{} search_path TO app".format(verb))
      `,
      errors: [
        { messageId: 'session-set', line: 5, column: 5 },
        { messageId: 'listen', line: 6, column: 5 },
      ],
      output: null,
    },
    {
      name: "behind PgBouncer: asyncpg's statement cache and psycopg's auto-prepare off; a startup parameter PgBouncer refuses",
      filename: f,
      options: behind,
      code: py`
        import asyncpg
        import psycopg
        from psycopg_pool import ConnectionPool

        pool3 = ConnectionPool("dbname=app", kwargs=dict(autocommit=True))
        bare = ConnectionPool("dbname=app")

        async def init():
            return await asyncpg.create_pool(
                dsn="postgresql:///app",
                server_settings={"search_path": "app"},
            )

        def direct():
            return psycopg.connect("dbname=app")
      `,
      errors: [
        // Findings first, then what is fixed (the rule tester's order).
        { messageId: 'startup-parameter', line: 11, column: 26 },
        { messageId: 'library-prepares', line: 5, column: 9 },
        { messageId: 'library-prepares', line: 6, column: 8 },
        { messageId: 'library-prepares', line: 9, column: 18 },
        { messageId: 'library-prepares', line: 15, column: 12 },
      ],
      output: py`
        import asyncpg
        import psycopg
        from psycopg_pool import ConnectionPool

        pool3 = ConnectionPool("dbname=app", kwargs=dict(autocommit=True, prepare_threshold=None))
        bare = ConnectionPool("dbname=app", kwargs=dict(prepare_threshold=None))

        async def init():
            return await asyncpg.create_pool(
                dsn="postgresql:///app",
                server_settings={"search_path": "app"},
                statement_cache_size=0,
            )

        def direct():
            return psycopg.connect("dbname=app", prepare_threshold=None)
      `,
    },
    {
      name: 'behind PgBouncer: a value of its own, or a ** spread, is reported rather than changed',
      filename: f,
      options: behind,
      code: py`
        import asyncpg

        async def init(settings):
            a = await asyncpg.create_pool(statement_cache_size=100)
            b = await asyncpg.create_pool(**settings)
            return a, b
      `,
      errors: [
        { messageId: 'library-prepares', line: 4, column: 56 },
        { messageId: 'library-prepares', line: 5, column: 15 },
      ],
      output: null,
    },
  ],
});
