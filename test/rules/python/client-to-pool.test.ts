/** client-to-pool on Python: connections opened per call moved to the project's pool, case by case. */
import { transform } from '../../../transforms/client-to-pool';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';
/** The project's psycopg2 pool, in this module, connecting where the call sites do. */
const here = {
  pyPools: [
    {
      driver: 'psycopg2' as const,
      path: '/project/app.py',
      name: 'pool',
      async: false,
      planned: false,
      key: "dbname='app'",
    },
  ],
};
/** The same pool in the project's db.py. */
const inDb = {
  pyPools: [
    {
      driver: 'psycopg2' as const,
      path: '/project/db.py',
      name: 'pool',
      async: false,
      planned: false,
      key: "dbname='app'",
    },
  ],
};

ruleTable(transform, {
  valid: [
    {
      name: 'a module-level connection its functions never use, imported by nobody: a script',
      filename: 'config/database.py',
      scan: { pyImportedNames: { '/project/config/database.py': ['row_factory'] } },
      code: py`
        import psycopg

        def row_factory(cursor):
            return None

        db = psycopg.connect(conninfo='dbname=app', autocommit=True)
        db.execute('SELECT 1')
      `,
    },
    {
      name: 'a script run once keeps its connection',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def main():
            conn = psycopg2.connect(dbname='app')
            conn.cursor().execute("VACUUM")
            conn.close()

        if __name__ == "__main__":
            main()
      `,
    },
    {
      // DavidGugea/Python-Concurrency-with-asyncio's Chapter5/Listing_5_1.py: a script that runs its loop unguarded.
      name: 'a module that runs asyncio.run(main()) at its top level is a script: its connection stays',
      filename: 'listing.py',
      code: py`
        import asyncpg
        import asyncio

        async def main():
            connection = await asyncpg.connect(host='127.0.0.1', database='postgres')
            version = connection.get_server_version()
            print(version)
            await connection.close()

        asyncio.run(main())
      `,
    },
    {
      name: 'a function that only creates the schema runs once at startup: it keeps its connection',
      filename: f,
      scan: here,
      code: py`
        import asyncpg

        async def init_db():
            conn = await asyncpg.connect(database='app')
            try:
                await conn.execute("""CREATE TABLE IF NOT EXISTS users (
                    id BIGSERIAL PRIMARY KEY
                )""")
                await conn.execute("CREATE INDEX IF NOT EXISTS users_id ON users (id)")
            finally:
                await conn.close()
      `,
    },
    {
      // After the shape of GustavoCielo/python-flask-psycopg2-CRUD-SQL's app/models/anime_model.py: the statement is in a local first.
      name: 'a schema set-up whose statement is a local bound once to a literal is a schema set-up too',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def create_table():
            conn = psycopg2.connect(dbname='app')
            cur = conn.cursor()
            query = """
                CREATE TABLE IF NOT EXISTS animes (id BIGSERIAL PRIMARY KEY)
            """
            cur.execute(query)
            conn.commit()
            conn.close()
      `,
    },
    {
      name: 'a module-level connection that only top-level statements use: a script, left as it is',
      filename: f,
      scan: here,
      code: py`
        import psycopg

        conn = psycopg.connect(dbname='app', autocommit=True)
        conn.execute('CREATE TABLE IF NOT EXISTS documents (id bigserial PRIMARY KEY)')

        def embed(text):
            return [len(text)]

        for text in ['a', 'b']:
            conn.execute('INSERT INTO documents DEFAULT VALUES')
      `,
    },
    {
      name: 'no connect at all',
      filename: f,
      scan: here,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5, dbname='app')
      `,
    },
    {
      name: 'a fallback connect that runs only when a caller passes no pool (the parameter defaults to the module pool)',
      filename: 'db.py',
      code: py`
        import os
        import psycopg2
        from psycopg2 import pool

        options = {"dbname": os.environ["POSTGRES_DB"]}
        conn_pool = pool.SimpleConnectionPool(1, 20, **options)


        def get_conn_from_pool(connection_options=options, conn_pool=conn_pool):
            if conn_pool:
                return conn_pool.getconn()
            else:
                return psycopg2.connect(**connection_options)
      `,
    },
  ],
  invalid: [
    {
      // rakafebriansy/psycopg2-crud-laundry's repository modules: `with psycopg2.connect(**config) as connection:` per query.
      name: "psycopg2's `with` over a connection per call ends the transaction and leaves the connection open, and says so",
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def find_all():
            with psycopg2.connect(dbname='app') as connection:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT * FROM karyawan")
                    return cursor.fetchall()
      `,
      errors: [
        {
          messageId: 'with-leaves-open',
          line: 4,
          column: 10,
          message:
            /its `with` block only ends the transaction: psycopg2 leaves the connection open when the block ends/,
        },
      ],
      output: null,
    },
    {
      // yosefhaiim/test_26-09-24's querys.py: a second database opened in each query function and left open.
      name: 'a connection opened per call and never closed is reported as such (nothing to move into a finally), not as a use the tool does not understand',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def damage(year):
            conn = psycopg2.connect(dbname='app')
            cur = conn.cursor()
            cur.execute("SELECT count(*) FROM attacks")
            return cur.fetchone()
      `,
      errors: [{ messageId: 'never-closed', line: 4, column: 5, message: /never closed in this function/ }],
      output: null,
    },
    {
      // The shape of Flask's tutorial (get_db/close_db), as vitoriadeo/checkout-transparente-asaas,
      // Xomo-rgb/harmony-school-system and KCandy24/stadvdb-mco2 use it with psycopg2 and psycopg.
      name: "a connection kept in Flask's g for the request: reported with the pool, the checkout and the teardown that would give it back",
      filename: 'db.py',
      code: py`
        from flask import current_app, g
        import psycopg2

        def get_db():
            if 'db' not in g:
                g.db = psycopg2.connect(current_app.config['DB_URL'])
            return g.db

        def close_db(e=None):
            db = g.pop('db', None)
            if db is not None:
                db.close()

        def init_app(app):
            app.teardown_appcontext(close_db)
      `,
      errors: [
        {
          messageId: 'request-scoped-client',
          line: 6,
          column: 16,
          message:
            /kept in Flask's `g` .* Make one `psycopg2\.pool\.ThreadedConnectionPool` .* with `pool\.getconn\(\)` here, and give it back with `pool\.putconn\(conn\)` in `close_db\(\)` instead of closing it/,
        },
      ],
      output: null,
    },
    {
      name: "Flask's g through `import flask`, taken back out with getattr in a teardown_request: psycopg's own pool is named",
      filename: 'app.py',
      code: py`
        import flask
        import psycopg

        app = flask.Flask(__name__)

        @app.before_request
        def open_connection():
            flask.g.conn = psycopg.connect("dbname=app")

        @app.teardown_request
        def end_connection(exception):
            conn = getattr(flask.g, "conn", None)
            if conn is not None:
                conn.close()
      `,
      errors: [
        {
          messageId: 'request-scoped-client',
          line: 8,
          column: 20,
          message:
            /`psycopg_pool\.ConnectionPool` .* `pool\.getconn\(\)` .* `pool\.putconn\(conn\)` in `end_connection\(\)`/,
        },
      ],
      output: null,
    },
    {
      // JonCyprus/HackDavis2025 and jachad83/dataeng-flask: close_db() is written but registered nowhere.
      name: "Flask's g with a close_db() nothing registers: the advice says it must run when the request ends first",
      filename: 'db.py',
      code: py`
        from flask import current_app, g
        import psycopg2

        def get_db():
            if "db" not in g:
                g.db = psycopg2.connect(current_app.config["POSTGRES_URL"])
            return g.db

        def close_db(exception=None):
            db = g.pop("db", None)
            if db:
                db.close()
      `,
      errors: [
        {
          messageId: 'request-scoped-client',
          line: 6,
          column: 16,
          message:
            /in `close_db\(\)`, once it runs when the request ends \(nothing in this module registers it: `app\.teardown_appcontext\(close_db\)`;/,
        },
      ],
      output: null,
    },
    {
      name: "Flask's g with no function in the file that takes the connection back out: the teardown is not named",
      filename: 'db.py',
      code: py`
        from flask import g
        import psycopg2

        def get_db():
            if 'db' not in g:
                g.db = psycopg2.connect(dbname='app')
            return g.db
      `,
      errors: [
        {
          messageId: 'request-scoped-client',
          line: 6,
          column: 16,
          message: /`pool\.putconn\(conn\)` where the request ends/,
        },
      ],
      output: null,
    },
    {
      name: "a `g` that is not Flask's is only an object the connection is stored on",
      filename: 'db.py',
      code: py`
        from types import SimpleNamespace
        import psycopg2

        g = SimpleNamespace()

        def get_db():
            g.db = psycopg2.connect(dbname='app')
            return g.db
      `,
      errors: [{ messageId: 'client-escapes', line: 7, column: 12, message: /is stored in `g\.db`/ }],
      output: null,
    },
    {
      name: 'a connect in the else of a test that is not a pool parameter is still returned per call',
      filename: 'db.py',
      code: py`
        import os
        import psycopg2


        def get_conn(readonly=False):
            if readonly:
                return None
            else:
                return psycopg2.connect(dbname=os.environ["POSTGRES_DB"])
      `,
      errors: [{ messageId: 'client-escapes', line: 9, column: 16 }],
      output: null,
    },
    {
      name: "the seed's connection per request, with the pool in the module: a checkout given back in a finally",
      filename: f,
      scan: here,
      code: py`
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 5, dbname='app')

        def get_user(user_id: int):
            conn = psycopg2.connect(dbname='app')
            cursor = conn.cursor()
            cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
            result = cursor.fetchone()
            conn.close()
            return result
      `,
      errors: [{ messageId: 'per-call-client', line: 7, column: 12 }],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 5, dbname='app')

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
      name: 'imports the rewrite leaves unused go, and so do the blank lines they would leave at the top or doubled',
      filename: f,
      scan: { pyPools: [{ ...here.pyPools[0], key: 'os.environ["DATABASE_URL"]' }] },
      code: py`
        import os

        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 5, dsn=os.environ["DATABASE_URL"])


        def health():
            conn = psycopg2.connect(dsn=os.environ["DATABASE_URL"])
            conn.cursor().execute("SELECT 1")
            conn.close()
      `,
      errors: [{ messageId: 'per-call-client', line: 10, column: 12 }],
      output: py`
        import os

        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 5, dsn=os.environ["DATABASE_URL"])


        def health():
            conn = pool.getconn()
            try:
                conn.cursor().execute("SELECT 1")
            finally:
                pool.putconn(conn)
      `,
    },
    {
      // philemonnwanne/aws-bootcamp-cruddur-2023's post-confirmation Lambda, pasted into the console as its one file.
      name: 'an AWS Lambda handler does not get an import of a pool module it may not be deployed with',
      filename: 'lambdas/post_confirmation.py',
      scan: {
        pyPools: [
          {
            driver: 'psycopg2' as const,
            path: '/project/lambdas/db.py',
            name: 'pool',
            async: false,
            planned: true,
            key: "os.getenv('CONNECTION_URL')",
          },
        ],
      },
      code: py`
        import os
        import psycopg2

        def lambda_handler(event, context):
            conn = None
            try:
                conn = psycopg2.connect(os.getenv('CONNECTION_URL'))
                cur = conn.cursor()
                cur.execute("INSERT INTO users (handle) VALUES (%s)", [event['handle']])
                conn.commit()
            finally:
                if conn is not None:
                    conn.close()
            return event
      `,
      errors: [
        {
          messageId: 'lambda-handler',
          line: 7,
          column: 16,
          message:
            /^`conn` is a psycopg2 connection opened on every invocation of this AWS Lambda handler \(`lambda_handler\(\)`\)\. Its pool would be `pool` in `db`, a module the tool would write/,
        },
      ],
      output: null,
    },
    {
      name: "a Lambda handler's connection moves to a pool module the project already has (it is packaged by whoever wrote it)",
      filename: f,
      scan: inDb,
      code: py`
        import psycopg2

        def handler(event, context):
            conn = psycopg2.connect(dbname = 'app')
            try:
                cur = conn.cursor()
                cur.execute("SELECT count(*) FROM users")
                return cur.fetchone()[0]
            finally:
                conn.close()
      `,
      errors: [{ messageId: 'per-call-client', line: 4, column: 12 }],
      output: py`
        from db import pool

        def handler(event, context):
            conn = pool.getconn()
            try:
                cur = conn.cursor()
                cur.execute("SELECT count(*) FROM users")
                return cur.fetchone()[0]
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: 'the pool in db.py is imported',
      filename: f,
      scan: inDb,
      code: py`
        import psycopg2

        def count():
            conn = psycopg2.connect(dbname = 'app')
            try:
                cur = conn.cursor()
                cur.execute("SELECT count(*) FROM users")
                return cur.fetchone()[0]
            finally:
                conn.close()
      `,
      errors: [{ messageId: 'per-call-client', line: 4, column: 12 }],
      output: py`
        from db import pool

        def count():
            conn = pool.getconn()
            try:
                cur = conn.cursor()
                cur.execute("SELECT count(*) FROM users")
                return cur.fetchone()[0]
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: 'psycopg 3: with connect() as conn becomes with pool.connection() as conn (both commit on exit)',
      filename: f,
      scan: {
        pyPools: [
          {
            driver: 'psycopg' as const,
            path: '/project/app.py',
            name: 'pool',
            async: false,
            planned: false,
            key: '"dbname=app"',
          },
        ],
      },
      code: py`
        import psycopg
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")

        def rename(user_id, name):
            with psycopg.connect("dbname=app") as conn:
                conn.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
      `,
      errors: [{ messageId: 'per-call-client', line: 7, column: 10 }],
      output: py`
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")

        def rename(user_id, name):
            with pool.connection() as conn:
                conn.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
      `,
    },
    {
      name: 'credentials of the call: reported',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def as_user(user, password):
            conn = psycopg2.connect(dbname='app', user=user, password=password)
            conn.cursor().execute("SELECT 1")
            conn.close()
      `,
      errors: [{ messageId: 'per-call-config', line: 4, column: 12 }],
      output: null,
    },
    {
      // AdamHPro/Timeseries_Crypto_forecasting's api/app/main.py: a context manager whose config parameter defaults to the module's.
      name: 'a config parameter defaulting to a module-level value: the report says what it defaults to and what to do',
      filename: f,
      scan: here,
      code: py`
        import psycopg2
        from config import get_db_config

        db_config = get_db_config()

        def latest(db_config=db_config, limit=10):
            conn = psycopg2.connect(host=db_config["host"], dbname=db_config["name"])
            conn.cursor().execute("SELECT 1")
            conn.close()
      `,
      errors: [
        {
          messageId: 'per-call-config',
          line: 7,
          column: 12,
          message:
            /it uses `db_config`; `db_config` defaults to the module's `db_config`: if no caller passes another, use the module's value in your code in place of the parameter, then run the tool again\)/,
        },
      ],
      output: null,
    },
    {
      name: 'schema statements and a query: not setup, so it is looked at like any other connection',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def init_and_count():
            conn = psycopg2.connect(dbname='app')
            conn.cursor().execute("CREATE TABLE IF NOT EXISTS t (id int)")
            conn.cursor().execute(make_query())
            conn.close()
      `,
      errors: [
        {
          messageId: 'dynamic-sql',
          line: 6,
          column: 5,
          // psycopg2's pools run no query: the check-out is what to use by hand.
          message: /If it never does, use `pool.getconn\(...\)` by hand/,
        },
      ],
      output: null,
    },
    {
      // tataranovich/aws-learning's Lambda handlers: SQL formatted with `%`, f-strings and `.format()`, whose
      // literal text says what kind of statement each is, were "SQL the tool cannot read".
      name: 'formatted SQL whose literal text names its statement: a checkout like any other',
      filename: f,
      scan: here,
      code: py`
        import psycopg2
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 5, dbname='app')

        def remove(group_id, name, table):
            conn = psycopg2.connect(dbname='app')
            cur = conn.cursor()
            cur.execute("delete from membership where group_id=%s" % group_id)
            cur.execute(f"UPDATE groups SET name = '{name}' WHERE id = {group_id}")
            cur.execute("SELECT count(*) FROM {} WHERE note = '100%%'".format(table))
            cur.execute("INSERT INTO log VALUES (" + str(group_id) + ")")
            conn.commit()
            conn.close()
      `,
      errors: [{ messageId: 'per-call-client', line: 7, column: 12 }],
      output: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 5, dbname='app')

        def remove(group_id, name, table):
            conn = pool.getconn()
            try:
                cur = conn.cursor()
                cur.execute("delete from membership where group_id=%s" % group_id)
                cur.execute(f"UPDATE groups SET name = '{name}' WHERE id = {group_id}")
                cur.execute("SELECT count(*) FROM {} WHERE note = '100%%'".format(table))
                cur.execute("INSERT INTO log VALUES (" + str(group_id) + ")")
                conn.commit()
            finally:
                pool.putconn(conn)
      `,
    },
    {
      // JoyJohansson/university_databas's execute_query(query, parameters): the caller's SQL, through `with conn.cursor() as cursor`.
      name: "queries through a cursor a with statement names are the connection's: the caller's SQL is SQL the tool cannot read",
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def execute_query(query, parameters=None):
            conn = psycopg2.connect(dbname='app')
            with conn.cursor() as cursor:
                cursor.execute(query, parameters)
                conn.commit()
            conn.close()
      `,
      errors: [{ messageId: 'dynamic-sql', line: 6, column: 9 }],
      output: null,
    },
    {
      name: 'session state through a cursor a with statement names',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def tenant():
            conn = psycopg2.connect(dbname='app')
            with conn.cursor() as cur:
                cur.execute("SET search_path TO tenant")
                cur.execute("SELECT 1")
            conn.close()
      `,
      errors: [{ messageId: 'session-state', line: 6, column: 9 }],
      output: null,
    },
    {
      // Oscar-gitu/aws-project-cicd-full's two Lambda handlers: a connectivity check never closed, and no pool anywhere.
      name: 'a connection never closed is said first, before whether a pool exists: it needs closing either way',
      filename: f,
      code: py`
        import psycopg2

        def lambda_handler(event, context):
            try:
                connection = psycopg2.connect(host="db", database="mydata")
                print("connected")
            except Exception as ex:
                print(ex)
            return {"statusCode": 200}
      `,
      errors: [{ messageId: 'never-closed', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'formatted SQL that changes the session is session state',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def tenant(schema):
            conn = psycopg2.connect(dbname='app')
            conn.cursor().execute(f"SET search_path TO {schema}")
            conn.cursor().execute("SELECT 1")
            conn.close()
      `,
      errors: [{ messageId: 'session-state', line: 5, column: 5, message: /runs `SET search_path TO`/ }],
      output: null,
    },
    ...[
      ['a statement whose first word is formatted in', 'f"{verb} FROM t WHERE id = 1"'],
      ['a statement whose first word runs into the value', '"SEL%s FROM t" % rest'],
      ['a CREATE whose kind is formatted in (it may be a temporary table)', '"CREATE %s TABLE t (id int)" % kind'],
      ['a cursor declared around a value (WITH HOLD may follow it)', 'f"DECLARE c CURSOR {hold} FOR SELECT 1"'],
      ['all of it formatted in', '"%s" % query'],
    ].map(([what, sql]) => ({
      name: `${what}: SQL the tool cannot read`,
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def run(verb, rest, kind, hold, query):
            conn = psycopg2.connect(dbname='app')
            conn.cursor().execute(${sql})
            conn.close()
      `,
      errors: [{ messageId: 'dynamic-sql' as const, line: 5, column: 5 }],
      output: null,
    })),
    {
      name: 'a local bound to a literal twice, or to something else, is still SQL the tool cannot read',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def count(kind):
            conn = psycopg2.connect(dbname='app')
            query = "SELECT count(*) FROM t"
            if kind:
                query = "SET search_path TO " + kind
            conn.cursor().execute(query)
            conn.close()
      `,
      errors: [{ messageId: 'dynamic-sql', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'a local that only names a module constant is that constant, not a per-call value',
      filename: f,
      scan: here,
      code: py`
        import psycopg
        import config

        def get_db_conn():
            db_string = config.DATABASE_STRING
            conn = psycopg.connect(db_string)
            return conn
      `,
      errors: [{ messageId: 'client-escapes', line: 7, column: 5, message: /is returned to the caller/ }],
      output: null,
    },
    {
      // LuizHVicari/socket-io-listen-notify's app/db.py: a dedicated LISTEN connection, handed back inside its listener.
      name: 'a connection returned inside an object made around it escapes, asyncio or not',
      filename: f,
      code: py`
        import psycopg
        from app.listener import PgListener

        async def connect_listener():
            connection = await psycopg.AsyncConnection.connect(DSN, autocommit=True)
            return PgListener(connection)

        def repository():
            conn = psycopg.connect(DSN)
            return repos.Repo(conn)
      `,
      errors: [
        {
          messageId: 'client-escapes',
          line: 6,
          column: 5,
          message: /returned to the caller inside what `PgListener\(\.\.\.\)` makes of it/,
        },
        { messageId: 'client-escapes', line: 10, column: 5, message: /inside what `repos\.Repo\(\.\.\.\)` makes/ },
      ],
      output: null,
    },
    {
      name: "a function's result read through the connection is no escape: the connection is closed and pooled",
      filename: f,
      scan: inDb,
      code: py`
        import psycopg2

        def count():
            conn = psycopg2.connect(dbname = 'app')
            try:
                return fetch_count(conn)
            finally:
                conn.close()
      `,
      errors: [{ messageId: 'per-call-client', line: 4, column: 12 }],
      output: py`
        from db import pool

        def count():
            conn = pool.getconn()
            try:
                return fetch_count(conn)
            finally:
                pool.putconn(conn)
      `,
    },
    {
      // elYaro/StuffToRemember: `connect_str = "..."` in a try, then connect(connect_str). The config is a constant,
      // not per call; but the arguments name a local, so neither a pool module nor a pool's config can come from them.
      name: 'a local bound once to a constant (in a try) is not per-call config, and not the config of any pool either',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def count():
            try:
                connect_str = "dbname='app'"
                conn = psycopg2.connect(connect_str)
                conn.cursor().execute("SELECT 1")
                conn.close()
            except Exception as e:
                print(e)
      `,
      errors: [{ messageId: 'config-not-portable', line: 6, column: 16, message: /cannot see \(`connect_str`\)/ }],
      output: null,
    },
    {
      name: 'a local bound in a branch, or from a parameter, is per call',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def count(tenant):
            name = tenant
            if tenant == 'main':
                dsn = 'dbname=app'
            else:
                dsn = 'dbname=other'
            a = psycopg2.connect(name)
            a.close()
            b = psycopg2.connect(dsn)
            b.close()
      `,
      errors: [
        { messageId: 'per-call-config', line: 9, column: 9, message: /uses `tenant`/ },
        { messageId: 'per-call-config', line: 11, column: 9, message: /uses `dsn`/ },
      ],
      output: null,
    },
    {
      // gustialfian/flask-psycopg: `connect` was left unused in `from psycopg2 import connect, extras`. An aliased
      // connect, imported in parentheses, is one too.
      name: 'a name the rewrite no longer uses leaves its import list; the names still used stay, as written',
      filename: f,
      scan: here,
      code: py`
        from psycopg2 import connect, extras
        from psycopg2 import (
            connect as pg_connect,
            sql,
        )

        def get_user():
            conn = connect(dbname='app')
            cur = conn.cursor(cursor_factory=extras.RealDictCursor)
            cur.execute("SELECT 1")
            conn.close()

        def get_other():
            conn = pg_connect(dbname='app')
            conn.cursor().execute("SELECT 1")
            conn.close()
            return sql.Identifier("users")
      `,
      errors: [
        { messageId: 'per-call-client', line: 8, column: 12 },
        { messageId: 'per-call-client', line: 14, column: 12 },
      ],
      output: py`
        from psycopg2 import extras
        from psycopg2 import (
            sql,
        )

        def get_user():
            conn = pool.getconn()
            try:
                cur = conn.cursor(cursor_factory=extras.RealDictCursor)
                cur.execute("SELECT 1")
            finally:
                pool.putconn(conn)

        def get_other():
            conn = pool.getconn()
            try:
                conn.cursor().execute("SELECT 1")
            finally:
                pool.putconn(conn)
            return sql.Identifier("users")
      `,
    },
    {
      // BryanChavajay/fastapi-psycopg2's obtener_db(): FastAPI resumes it when the request is done.
      name: 'a generator the project uses only through FastAPI Depends(...) opens a connection per request: it checks out from the pool',
      filename: f,
      scan: { ...here, pyDependencies: { '/project/app.py': ['get_db'] } },
      code: py`
        import psycopg2

        def get_db():
            conn = psycopg2.connect(dbname='app')
            try:
                yield conn
            finally:
                conn.close()
      `,
      errors: [{ messageId: 'per-call-client', line: 4, column: 12 }],
      output: py`
        def get_db():
            conn = pool.getconn()
            try:
                yield conn
            finally:
                pool.putconn(conn)
      `,
    },
    {
      name: 'a generator nothing shows to be a FastAPI dependency: left alone, and the report says why',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def get_db():
            conn = psycopg2.connect(dbname='app')
            try:
                yield conn
            finally:
                conn.close()
      `,
      errors: [
        {
          messageId: 'client-escapes',
          line: 6,
          column: 9,
          message:
            /`conn` is a connection opened per call, but it is yielded by a generator that is not a context manager \(a plain generator: no @contextmanager, and nothing shows the project uses it only through FastAPI's Depends\(\.\.\.\)\)/,
        },
      ],
      output: null,
    },
    {
      // howaboutudance/psycopg-async-listen's get_connection(autocommit=True), itsluketwist/psycopg-patterns' row
      // factories: the caller picks how the session behaves, not where it connects.
      name: 'only session settings from the caller: one pool can serve it, and the report says how',
      filename: f,
      scan: here,
      code: py`
        import psycopg
        import psycopg2

        def fetch(autocommit=True):
            conn = psycopg.connect('dbname=app', autocommit=autocommit)
            conn.execute('SELECT 1')
            conn.close()

        def rows(factory, cursor_class):
            conn = psycopg2.connect('dbname=app', cursor_factory=factory, connection_factory=cursor_class)
            conn.cursor().execute('SELECT 1')
            conn.close()
      `,
      errors: [
        {
          messageId: 'per-call-session',
          line: 5,
          column: 12,
          message: /with session settings its caller picks \(`autocommit`\), not per-call credentials/,
        },
        { messageId: 'per-call-session', line: 10, column: 12, message: /\(`cursor_factory`, `connection_factory`\)/ },
      ],
      output: null,
    },
    {
      name: 'session settings beside a per-call database, or settings passed as a whole: per-call config',
      filename: f,
      scan: here,
      code: py`
        import psycopg

        def fetch(tenant, autocommit):
            conn = psycopg.connect(dbname=tenant, autocommit=autocommit)
            conn.execute('SELECT 1')
            conn.close()

        def other(params):
            conn = psycopg.connect(**params)
            conn.execute('SELECT 1')
            conn.close()

        def third(options):
            conn = psycopg.connect('dbname=app', autocommit=options.autocommit, sslmode=options.ssl)
            conn.execute('SELECT 1')
            conn.close()
      `,
      errors: [
        { messageId: 'per-call-config', line: 4, column: 12, message: /uses `tenant`, `autocommit`/ },
        { messageId: 'per-call-config', line: 9, column: 12, message: /uses `params`/ },
        { messageId: 'per-call-config', line: 14, column: 12, message: /uses `options`/ },
      ],
      output: null,
    },
    {
      // Aku-Akash/flask-psycopg2: the routes use a cursor made from the connection at module level, never the connection.
      name: 'a module-level connection whose module-level cursor the functions use: shared, a note',
      filename: f,
      scan: here,
      code: py`
        import psycopg2
        from flask import Flask

        app = Flask(__name__)
        conn = psycopg2.connect("dbname=testing")
        cur = conn.cursor()

        @app.route("/getall")
        def get_all():
            cur.execute("SELECT * FROM tests")
            return cur.fetchall()
      `,
      errors: [{ messageId: 'module-client', line: 5, column: 1 }],
      output: null,
    },
    {
      name: 'a module-level connection the functions share: a note',
      filename: f,
      scan: here,
      code: py`
        import psycopg

        conn = psycopg.connect(dbname='app')

        def count():
            return conn.execute('SELECT count(*) FROM t').fetchone()
      `,
      errors: [{ messageId: 'module-client', line: 3, column: 1 }],
      output: null,
    },
    {
      name: "settings read off the instance (a class holding one configuration): the instance's settings are named, not per-call credentials",
      filename: 'access.py',
      scan: here,
      code: py`
        import psycopg2

        class Access(Config):
            def messages(self):
                conn = psycopg2.connect(**self.postgres_access)
                cur = conn.cursor()
                cur.execute("SELECT * FROM messages")
                rows = cur.fetchall()
                conn.close()
                return rows
      `,
      errors: [
        {
          messageId: 'instance-config',
          line: 5,
          column: 16,
          message: /^`conn` connects with its instance's settings \(`self\.postgres_access`\), so the tool cannot tell/,
        },
      ],
      output: null,
    },
    {
      name: "the instance's settings and a parameter: per call",
      filename: 'access.py',
      scan: here,
      code: py`
        import psycopg2

        class Access:
            def messages(self, database):
                conn = psycopg2.connect(host=self.host, dbname=database)
                cur = conn.cursor()
                cur.execute("SELECT * FROM messages")
                rows = cur.fetchall()
                conn.close()
                return rows
      `,
      errors: [
        {
          messageId: 'per-call-config',
          line: 5,
          column: 16,
          message: /uses `self`, `database`|uses `database`, `self`/,
        },
      ],
      output: null,
    },
    {
      name: 'an asyncpg connection closed without await: the close never runs, reported before any pool advice',
      filename: f,
      scan: here,
      code: py`
        import asyncpg

        async def get_user(username):
            connection = await asyncpg.connect("postgresql://app@db/app")
            try:
                user = await connection.fetchrow("SELECT * FROM users WHERE username = $1", username)
            finally:
                connection.close()
            return user
      `,
      errors: [
        {
          messageId: 'close-not-awaited',
          line: 8,
          column: 9,
          message: /^`connection\.close\(\)` is not awaited: an asyncio asyncpg connection's close\(\) is a coroutine/,
        },
      ],
      output: null,
    },
    {
      name: 'an asyncpg connection per call built from imported settings, and no pool: the advice is to make one at startup, not that the settings cannot move',
      filename: f,
      code: py`
        import asyncpg
        from config import DB_HOST, DB_USER

        async def add_message(text):
            connection = await asyncpg.connect(f"postgresql://{DB_USER}@{DB_HOST}/app")
            try:
                await connection.execute("INSERT INTO messages (text) VALUES ($1)", text)
            finally:
                await connection.close()
      `,
      errors: [
        {
          messageId: 'no-shared-pool',
          line: 5,
          column: 24,
          message:
            /asyncpg pools are made by an awaited create_pool\(\) at startup.*`pool = await asyncpg\.create_pool\(\.\.\.\)`/,
        },
      ],
      output: null,
    },
    {
      // marcusmonteirodesouza/realworld-python-quart-sql opens its one psycopg connection in @app.before_serving.
      name: "a connection a startup hook opens and keeps on the app (Quart's before_serving): the app's one connection",
      filename: f,
      scan: here,
      code: py`
        import psycopg
        from quart import Quart

        app = Quart(__name__)

        @app.before_serving
        async def startup():
            app.aconn = await psycopg.AsyncConnection.connect(app.config["DATABASE_URI"])
      `,
      errors: [
        {
          messageId: 'startup-client',
          line: 8,
          column: 23,
          message:
            /^`app\.aconn` is one psycopg connection the app opens once when it starts \(in `startup\(\)`, run by `@app\.before_serving`\)/,
        },
      ],
      output: null,
    },
    {
      name: "and Sanic's listener, FastAPI's startup event (asyncpg, app.ctx, app.state)",
      filename: f,
      scan: here,
      code: py`
        import asyncpg
        from fastapi import FastAPI
        from sanic import Sanic

        app = Sanic("app")
        api = FastAPI()

        @app.listener("before_server_start")
        async def setup(app, loop):
            app.ctx.db = await asyncpg.connect("postgresql://localhost/app")

        @api.on_event("startup")
        async def connect():
            api.state.db = await asyncpg.connect("postgresql://localhost/app")
      `,
      errors: [
        {
          messageId: 'startup-client',
          line: 10,
          column: 24,
          message: /run by `@app\.listener\("before_server_start"\)`/,
        },
        { messageId: 'startup-client', line: 14, column: 26, message: /run by `@api\.on_event\("startup"\)`/ },
      ],
      output: null,
    },
    {
      name: 'but one a request handler stores on the app is still said to escape',
      filename: f,
      scan: here,
      code: py`
        import psycopg
        from quart import Quart

        app = Quart(__name__)

        @app.route("/")
        async def index():
            app.aconn = await psycopg.AsyncConnection.connect(app.config["DATABASE_URI"])
            return "ok"
      `,
      errors: [{ messageId: 'client-escapes', line: 8, column: 23 }],
      output: null,
    },
    {
      name: "a DAO's connection opened in __init__ and kept on self: the instance's one connection, not one per call",
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        class BaseDao:
            def __init__(self):
                self.conn = psycopg2.connect(dbname='app')
                self.cursor = self.conn.cursor()

            def execute(self, sql):
                try:
                    self.cursor.execute(sql)
                except Exception:
                    self.conn = psycopg2.connect(dbname='app')
                    raise
      `,
      errors: [
        {
          messageId: 'instance-client',
          line: 5,
          column: 21,
          message: /^`self\.conn` keeps one psycopg2 connection on the instance \(opened in `__init__\(\)`\)/,
        },
        { messageId: 'instance-client', line: 12, column: 25, message: /\(opened in `execute\(\)`\)/ },
      ],
      output: null,
    },
    {
      name: 'a module-level connection another module imports by name (a config module): shared by its requests',
      filename: 'config/database.py',
      scan: { pyImportedNames: { '/project/config/database.py': ['db'] } },
      code: py`
        import psycopg

        conninfo = 'dbname=app'

        db = psycopg.connect(
            conninfo=conninfo,
            autocommit=True,
        )
      `,
      errors: [
        { messageId: 'module-client', line: 5, column: 1, message: /`db` is one module-level psycopg connection/ },
      ],
      output: null,
    },
    {
      name: 'a module-level connection whose module-level cursor other modules import: the same one connection',
      filename: 'db.py',
      scan: { pyImportedNames: { '/project/db.py': ['cursor'] } },
      code: py`
        import os
        import psycopg2

        connection = psycopg2.connect(database=os.getenv("DATABASE_NAME"))
        cursor = connection.cursor()
      `,
      errors: [{ messageId: 'module-client', line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'the same, with the whole module imported (`from config import database`)',
      filename: 'config/database.py',
      scan: { pyImportedNames: { '/project/config/database.py': ['*'] } },
      code: py`
        import psycopg2

        conn = psycopg2.connect(dbname='app')
        conn.autocommit = True
      `,
      errors: [{ messageId: 'module-client', line: 3, column: 1 }],
      output: null,
    },
    {
      // St1o/simple_database-tkinter-psycopg2-'s Connections.py turns autocommit on in every function that connects.
      name: 'a mode set on the connection (autocommit): said as a mode a pooled connection keeps, not a SET to scope',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def rows(table):
            conn = psycopg2.connect(dbname='app')
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("SELECT 1")
                return cur.fetchall()
      `,
      errors: [
        {
          messageId: 'session-mode',
          line: 5,
          column: 5,
          message:
            /`conn` sets `conn\.autocommit`: a mode the connection keeps, .* set it on each connection as it comes out of the pool/,
        },
      ],
      output: null,
    },
    {
      name: 'and a mode set through a method (set_session)',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def report():
            conn = psycopg2.connect(dbname='app')
            conn.set_session(readonly=True)
            cur = conn.cursor()
            cur.execute("SELECT 1")
            conn.close()
      `,
      errors: [{ messageId: 'session-mode', line: 5, column: 5, message: /calls `set_session\(\)`/ }],
      output: null,
    },
    {
      name: "psycopg 3's async mode setter: the message says what psycopg_pool does with a connection given back",
      filename: f,
      scan: here,
      code: py`
        import psycopg

        async def export(rows):
            conn = await psycopg.AsyncConnection.connect("dbname=app")
            await conn.set_autocommit(True)
            await conn.execute("INSERT INTO log VALUES (1)")
            await conn.close()
      `,
      errors: [
        {
          messageId: 'session-mode',
          line: 5,
          column: 11,
          message: /calls `set_autocommit\(\)`: .*\(psycopg_pool only rolls back an open transaction and calls/,
        },
      ],
      output: null,
    },
    {
      name: "asyncpg's type codecs outlive the pool's RESET ALL: a codec set per connection is a mode too",
      filename: f,
      scan: here,
      code: py`
        import asyncpg
        import json

        async def settings(user_id):
            conn = await asyncpg.connect(database='app')
            await conn.set_type_codec('jsonb', encoder=json.dumps, decoder=json.loads, schema='pg_catalog')
            row = await conn.fetchrow("SELECT prefs FROM users WHERE id = $1", user_id)
            await conn.close()
            return row
      `,
      errors: [
        {
          messageId: 'session-mode',
          line: 6,
          column: 11,
          message:
            /calls `set_type_codec\(\)`: .*\(asyncpg's pool runs RESET ALL, which leaves the connection's type codecs/,
        },
      ],
      output: null,
    },
    {
      name: 'session state: reported',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def tenant(schema):
            conn = psycopg2.connect(dbname='app')
            cur = conn.cursor()
            cur.execute("SET search_path TO tenant")
            cur.execute("SELECT 1")
            conn.close()
      `,
      errors: [{ messageId: 'session-state', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'a factory that returns the connection: reported',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def get_connection():
            return psycopg2.connect(dbname='app')
      `,
      errors: [
        {
          messageId: 'client-escapes',
          line: 4,
          column: 12,
          message: /^`psycopg2.connect\(...\)` is a connection opened per call, but it is returned to the caller/,
        },
      ],
      output: null,
    },
    {
      name: 'a connection passed straight into another call: reported, naming the call',
      filename: f,
      scan: here,
      code: py`
        import asyncio
        import asyncpg

        def wait_for_server(loop):
            con = loop.run_until_complete(asyncpg.connect(database='postgres'))
            loop.run_until_complete(con.close())
      `,
      errors: [
        {
          messageId: 'client-escapes',
          line: 5,
          column: 35,
          message: /^`asyncpg.connect\(...\)` .* is passed straight to `loop.run_until_complete\(...\)`/,
        },
      ],
      output: null,
    },
    {
      name: 'a different config than the pool: reported',
      filename: f,
      scan: here,
      code: py`
        import psycopg2

        def other():
            conn = psycopg2.connect(dbname='reports')
            conn.cursor().execute("SELECT 1")
            conn.close()
      `,
      errors: [{ messageId: 'no-shared-pool', line: 4, column: 12 }],
      output: null,
    },
    {
      // The rewrite this row guards against: AsyncConnectionPool's getconn is `async def` (psycopg_pool
      // pool_async.py:100), so `pool.getconn()` returns a coroutine and `conn.execute` raises AttributeError.
      name: "a blocking psycopg connection beside the module's asyncio pool of the same config: reported, not moved to it",
      filename: f,
      scan: {
        pyPools: [
          {
            driver: 'psycopg' as const,
            path: '/project/app.py',
            name: 'pool',
            async: true,
            planned: false,
            key: 'DSN',
          },
        ],
      },
      code: py`
        import os

        import psycopg
        from psycopg_pool import AsyncConnectionPool

        DSN = os.environ["DATABASE_URL"]
        pool = AsyncConnectionPool(DSN, open=False)

        def count():
            conn = psycopg.connect(DSN)
            try:
                return conn.execute("SELECT count(*) FROM users").fetchone()
            finally:
                conn.close()
      `,
      errors: [
        {
          messageId: 'no-shared-pool',
          line: 10,
          column: 12,
          message: /`pool` in this module is an asyncio pool, whose checkouts must be awaited/,
        },
      ],
      output: null,
    },
    {
      name: "psycopg's AsyncConnection.connect per call: reported with the asyncio pool to use, never moved to a blocking pool",
      filename: f,
      scan: {
        pyPools: [
          {
            driver: 'psycopg' as const,
            path: '/project/app.py',
            name: 'pool',
            async: false,
            planned: false,
            key: '"dbname=app"',
          },
        ],
      },
      code: py`
        import psycopg
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")

        async def get_user(user_id):
            conn = await psycopg.AsyncConnection.connect("dbname=app")
            try:
                cur = await conn.execute("SELECT * FROM users WHERE id = %s", (user_id,))
                return await cur.fetchone()
            finally:
                await conn.close()
      `,
      errors: [
        {
          messageId: 'asyncio-connection',
          line: 7,
          column: 18,
          message:
            /moves only blocking psycopg connections to a pool; check them out from one `psycopg_pool.AsyncConnectionPool` made at startup instead, with `async with pool.connection\(\) as conn:`/,
        },
      ],
      output: null,
    },
    {
      name: 'AsyncConnection imported by name, with an asyncio pool of the same config: the report names that pool',
      filename: f,
      scan: {
        pyPools: [
          {
            driver: 'psycopg' as const,
            path: '/project/db.py',
            name: 'pool',
            async: true,
            planned: false,
            key: '"dbname=app"',
          },
        ],
      },
      code: py`
        from psycopg import AsyncConnection

        async def get_user(user_id):
            conn = await AsyncConnection.connect("dbname=app")
            try:
                cur = await conn.execute("SELECT * FROM users WHERE id = %s", (user_id,))
                return await cur.fetchone()
            finally:
                await conn.close()
      `,
      errors: [{ messageId: 'asyncio-connection', line: 4, column: 18, message: /from `pool` in db.py instead/ }],
      output: null,
    },
    {
      name: 'asyncpg with no pool: reported, with where to make one',
      filename: f,
      scan: { pyPools: [] },
      code: py`
        import asyncpg

        async def get_user(user_id):
            conn = await asyncpg.connect(dsn="postgresql://localhost/app")
            row = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
            await conn.close()
            return row
      `,
      errors: [{ messageId: 'no-shared-pool', line: 4, column: 18 }],
      output: null,
    },
    {
      name: 'a module whose asyncio.run(main()) starts a server serves requests: its per-request connection is reported',
      filename: f,
      scan: { pyPools: [] },
      code: py`
        import asyncio
        import asyncpg
        from aiohttp import web

        async def handle(request):
            conn = await asyncpg.connect(dsn="postgresql://localhost/app")
            row = await conn.fetchrow("SELECT 1 AS one")
            await conn.close()
            return web.json_response(dict(row))

        async def main():
            app = web.Application()
            app.router.add_get('/', handle)
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, port=8080).start()
            await asyncio.Event().wait()

        asyncio.run(main())
      `,
      errors: [{ messageId: 'no-shared-pool', line: 6, column: 18 }],
      output: null,
    },
    {
      name: 'asyncpg with the pool: async with pool.acquire()',
      filename: f,
      scan: {
        pyPools: [
          {
            driver: 'asyncpg' as const,
            path: '/project/app.py',
            name: 'pool',
            async: true,
            planned: false,
            key: '"postgresql://localhost/app"',
          },
        ],
      },
      code: py`
        import asyncpg

        pool = None

        async def init():
            global pool
            pool = await asyncpg.create_pool(dsn="postgresql://localhost/app")

        async def get_user(user_id):
            conn = await asyncpg.connect(dsn="postgresql://localhost/app")
            row = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
            await conn.close()
            return row
      `,
      errors: [{ messageId: 'per-call-client', line: 10, column: 18 }],
      output: py`
        import asyncpg

        pool = None

        async def init():
            global pool
            pool = await asyncpg.create_pool(dsn="postgresql://localhost/app")

        async def get_user(user_id):
            async with pool.acquire() as conn:
                row = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
            return row
      `,
    },
  ],
});
