/**
 * Python in a whole run, as a user meets it: a repository of .py files and a
 * mixed one of .py and .ts, through run, audit (every format), --check,
 * --json, suppressions, syntax errors, and --verify (Python's compile and
 * mypy, with the project's mypy config).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../src/core/types';
import { verifyPython } from '../src/frontends/python/verify';
import { LEAKY, cli, project, read } from './support/cli';
import { py, pythonError } from './support/python';

const LEAKY_PY = py`
  from psycopg2.pool import ThreadedConnectionPool

  pool = ThreadedConnectionPool(1, 5, dbname="app", options="-c statement_timeout=30000")


  def get_user(user_id):
      conn = pool.getconn()
      cur = conn.cursor()
      cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))
      row = cur.fetchone()
      pool.putconn(conn)
      return row
`;

describe('a Python repository', () => {
  it('the bundled Flask example: the leaks get a finally, the per-request connection moves to the pool, the held HTTP call is reported; the result compiles and is a fixed point', () => {
    const example = path.join(__dirname, '..', 'examples', 'flask-psycopg2');
    const files = Object.fromEntries(
      ['app/__init__.py', 'app/db.py', 'app/routes.py'].map((f) => [f, fs.readFileSync(path.join(example, f), 'utf8')]),
    );
    const dir = project(files, true);
    const r = cli(dir, 'run', 'all', '.', '--json');
    expect(r.code).toBe(0);
    const routes = JSON.parse(r.stdout).files.find((f: FileResult) => f.path === 'app/routes.py');
    expect(routes.fixes.map((f: { transform: string }) => f.transform).sort()).toEqual([
      'client-to-pool',
      'release-in-finally',
      'release-in-finally',
      'release-in-finally',
    ]);
    expect(routes.findings.map((f: { messageId: string }) => f.messageId)).toEqual(['io-needs-split']);
    const after = read(dir, 'app/routes.py');
    expect(pythonError(after)).toBeUndefined();
    // The pool is already imported (relatively): no second import; the imports the rewrite left unused are gone.
    expect(after.match(/import pool/g)).toHaveLength(1);
    expect(after.startsWith('import requests\n')).toBe(true);
    expect(read(dir, 'app/db.py')).toBe(files['app/db.py']);
    const again = cli(dir, 'run', 'all', '.', '--check', '--json', '--allow-dirty');
    expect(JSON.parse(again.stdout).summary.changed).toBe(0);
  });

  it('run all rewrites it; --check and --json say so; a second run changes nothing', () => {
    const dir = project({ 'app/users.py': LEAKY_PY, 'app/__init__.py': '' }, true);
    const check = cli(dir, 'run', 'all', '.', '--check', '--json');
    expect(check.code).toBe(1);
    const doc = JSON.parse(check.stdout);
    expect(doc.summary).toMatchObject({ files: 2, changed: 1 });
    expect(doc.files[0]).toMatchObject({
      path: 'app/users.py',
      status: 'changed',
      fixes: [{ transform: 'release-in-finally', messageId: 'leak', line: 11 }],
    });
    expect(cli(dir, 'run', 'all', '.').code).toBe(0);
    expect(read(dir, 'app/users.py')).toContain('    try:\n        cur = conn.cursor()');
    const again = cli(dir, 'run', 'all', '.', '--check', '--json', '--allow-dirty');
    expect(JSON.parse(again.stdout).summary.changed).toBe(0);
  });

  it('connections opened per call in two files, tab-indented: the run writes db.py in their style (a pool whose getconn() waits), both import it, and a second run sees that pool', () => {
    const handler = (name: string) =>
      `import psycopg2\n\n\ndef ${name}(user_id):\n\tconn = psycopg2.connect(dbname='app')\n\tcur = conn.cursor()\n\tcur.execute('SELECT name FROM users WHERE id = %s', (user_id,))\n\trow = cur.fetchone()\n\tconn.close()\n\treturn row\n`;
    // The service's entry imports its modules by their bare names: it runs from svc/, so db.py there is importable.
    const entry = 'import orders\nimport users\n';
    const dir = project(
      { 'svc/app.py': entry, 'svc/users.py': handler('user_name'), 'svc/orders.py': handler('order_owner') },
      true,
    );
    const r = cli(dir, 'run', 'all', '.', '--json');
    expect(r.code).toBe(0);
    const db = read(dir, 'svc/db.py');
    expect(pythonError(db)).toBeUndefined();
    expect(db).toContain("\t\t\traise PoolError('no connection free after %s s' % self._timeout)\n");
    // The other transforms of the run read the new module too: one run leaves nothing for a second.
    expect(db).toContain("pool = WaitingPool(10, 10, dbname='app', options='-c statement_timeout=30000')\n");
    for (const file of ['svc/users.py', 'svc/orders.py']) {
      const after = read(dir, file);
      expect(after).toContain('from db import pool\n');
      expect(after).toContain('\tconn = pool.getconn()\n\ttry:\n\t\tcur = conn.cursor()');
      expect(pythonError(after)).toBeUndefined();
    }
    const again = cli(dir, 'run', 'all', '.', '--check', '--json', '--allow-dirty');
    expect(JSON.parse(again.stdout).summary).toMatchObject({ changed: 0, created: 0 });
    // One more per-call connect, added later, moves to the pool the first run wrote.
    fs.writeFileSync(path.join(dir, 'svc/items.py'), handler('item_name'));
    const later = cli(dir, 'run', 'all', '.', '--json', '--allow-dirty');
    expect(JSON.parse(later.stdout).summary).toMatchObject({ changed: 1 });
    expect(read(dir, 'svc/items.py')).toContain('from db import pool\n');
  });

  it('per-call connections that read settings imported from the project: the pool module written beside them imports the same names, and the names they no longer use leave their import lists', () => {
    // BryanChavajay/fastapi-psycopg2: the connect reads DB_HOST and others from app/core/configuraciones.py.
    const settings = 'import os\n\nDB_HOST = os.getenv("DB_HOST")\nDB_NAME = os.getenv("DB_NAME")\nSECRET = "s"\n';
    const handler = (name: string, imports: string) =>
      `${imports}\n\n\ndef ${name}():\n    conn = psycopg2.connect(host=DB_HOST, dbname=DB_NAME)\n    cur = conn.cursor()\n    cur.execute("SELECT 1")\n    conn.close()\n    return SECRET\n`;
    const files = {
      'app/__init__.py': '',
      'app/settings.py': settings,
      'app/users.py': handler(
        'users',
        'import psycopg2\nfrom app.settings import (\n    DB_HOST,\n    DB_NAME,\n    SECRET,\n)',
      ),
      'app/orders.py': handler('orders', 'import psycopg2\nfrom app.settings import DB_HOST, DB_NAME, SECRET'),
    };
    const dir = project(files, true);
    expect(cli(dir, 'run', 'all', '.', '--json').code).toBe(0);
    const db = read(dir, 'app/db.py');
    expect(pythonError(db)).toBeUndefined();
    expect(db).toContain(
      'from psycopg2.pool import PoolError, ThreadedConnectionPool\n\nfrom app.settings import DB_HOST, DB_NAME\n',
    );
    expect(db).toContain('host=DB_HOST, dbname=DB_NAME');
    expect(
      read(dir, 'app/users.py').startsWith('from app.settings import (\n    SECRET,\n)\nfrom app.db import pool\n'),
    ).toBe(true);
    expect(read(dir, 'app/orders.py')).toMatch(/^from app\.settings import SECRET\nfrom app\.db import pool\n/);
    // The same names taken from two modules are two configs: no one pool module for both.
    const other = project(
      {
        ...files,
        'app/legacy.py': settings,
        'app/orders.py': handler('orders', 'import psycopg2\nfrom app.legacy import DB_HOST, DB_NAME, SECRET'),
      },
      true,
    );
    const refused = JSON.parse(cli(other, 'run', 'all', '.', '--dry', '--json').stdout);
    expect(refused.summary).toMatchObject({ changed: 0, created: 0 });
  });

  it('a plain directory a Dockerfile starts as `app.main` (a namespace package) gets no `from db import pool`, which would fail at startup; with an __init__.py it gets `from app.db import pool`', () => {
    const handler = `import psycopg2\n\n\ndef count():\n    conn = psycopg2.connect(dbname='app')\n    cur = conn.cursor()\n    cur.execute('SELECT count(*) FROM users')\n    row = cur.fetchone()\n    conn.close()\n    return row\n`;
    const dockerfile =
      'FROM python:3.12\nCOPY . /srv\nWORKDIR /srv\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n';
    // adirremi/APIClusterApp's layout: app/main.py, no app/__init__.py, the Dockerfile at the root.
    const plain = project({ Dockerfile: dockerfile, 'app/main.py': handler }, true);
    const refused = JSON.parse(cli(plain, 'run', 'all', '.', '--dry', '--json').stdout);
    expect(refused.summary).toMatchObject({ changed: 0, created: 0 });
    const finding = refused.files.find((f: FileResult) => f.path === 'app/main.py').findings[0];
    expect(finding.messageId).toBe('no-shared-pool');
    expect(finding.message).toContain('(app/ has no __init__.py, and ../Dockerfile starts `app.main` from above it)');
    // Nothing says how it starts: still in doubt.
    const unknown = project({ 'app/main.py': handler }, true);
    expect(
      JSON.parse(cli(unknown, 'run', 'all', '.', '--dry', '--json').stdout).files[0].findings[0].message,
    ).toContain('nothing shows whether it runs from app/ or from the directory above');
    // xslizik/airport-fastapi-raw-sql: endpoints/ has no __init__.py and its modules import `..configuration`, so
    // they run as part of a package; a tree with no git to say where the repository starts is no exception.
    const relative = project({
      'svc/settings.py': "DB_NAME = 'app'\n",
      'svc/endpoints/users.py': handler.replace(
        'import psycopg2\n',
        'import psycopg2\nfrom .. settings import DB_NAME\n',
      ),
    });
    const package_ = JSON.parse(cli(relative, 'run', 'all', '.', '--dry', '--json').stdout);
    expect(package_.summary).toMatchObject({ changed: 0, created: 0 });
    expect(package_.files.find((f: FileResult) => f.path === 'svc/endpoints/users.py').findings[0].message).toContain(
      '(endpoints/ has no __init__.py, and its users.py imports `..settings` relatively: it runs as part of a package, from above endpoints/)',
    );
    // Its modules name each other through the directory (`from svc.settings import DB_NAME` in svc/): run from above.
    const through = project({
      'svc/settings.py': "DB_NAME = 'app'\n",
      'svc/users.py': handler.replace('import psycopg2\n', 'import psycopg2\nfrom svc.settings import DB_NAME\n'),
    });
    const above = JSON.parse(cli(through, 'run', 'all', '.', '--dry', '--json').stdout);
    expect(above.summary).toMatchObject({ changed: 0, created: 0 });
    expect(above.files.find((f: FileResult) => f.path === 'svc/users.py').findings[0].message).toContain(
      '(svc/ has no __init__.py, and its users.py imports `svc.settings`: it runs from above svc/)',
    );
    // A directory with its own requirements.txt is a project run from there: the pool module beside it is imported by name.
    const own = project({ 'backend/requirements.txt': 'psycopg2\n', 'backend/main.py': handler }, true);
    expect(cli(own, 'run', 'all', '.').code).toBe(0);
    expect(read(own, 'backend/main.py')).toContain('from db import pool\n');
    // A package: imported from above it, by its dotted name.
    const pkg = project({ Dockerfile: dockerfile, 'app/__init__.py': '', 'app/main.py': handler }, true);
    expect(cli(pkg, 'run', 'all', '.').code).toBe(0);
    const after = read(pkg, 'app/main.py');
    expect(after).toContain('from app.db import pool\n');
    expect(pythonError(after)).toBeUndefined();
  });

  it('a mixed repository with a prettier config: both are rewritten; the Python file (prettier has no parser for it) is written as the rewrite left it', () => {
    const dir = project(
      {
        '.prettierrc': '{ "singleQuote": true }\n',
        'app/users.py': LEAKY_PY,
        'app/__init__.py': '',
        'web/db.js': LEAKY,
      },
      true,
    );
    const r = cli(dir, 'run', 'all', '.', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.errors).toBe(0);
    expect(doc.files.find((f: FileResult) => f.path === 'app/users.py')?.status).toBe('changed');
    expect(doc.files.find((f: FileResult) => f.path === 'web/db.js')?.status).toBe('changed');
    expect(read(dir, 'app/users.py')).toContain('    try:\n        cur = conn.cursor()');
  });

  it('a pool made on first use by a getter is None until it runs: a per-call connection is reported, not moved onto it', () => {
    const dir = project(
      {
        'main.py': py`
          import asyncpg

          pool = None


          async def get_pool():
              global pool
              if not pool:
                  pool = await asyncpg.create_pool(host="db", database="app")
              return pool


          async def count():
              con = await asyncpg.connect(host="db", database="app")
              n = await con.fetchval("SELECT count(*) FROM items")
              await con.close()
              return n
        `,
      },
      true,
    );
    const r = cli(dir, 'run', 'client-to-pool', '.', '--json');
    const [file] = JSON.parse(r.stdout).files;
    expect(file.findings.map((f: { messageId: string; line: number }) => [f.messageId, f.line])).toEqual([
      ['pool-made-lazily', 14],
    ]);
    expect(file.findings[0].message).toContain('`get_pool()`');
    expect(read(dir, 'main.py')).toContain('con = await asyncpg.connect(');
  });

  it("psycopg's asyncio pool is no home for a blocking connection, and an asyncio connection gets no blocking pool written for it", () => {
    const dir = project(
      {
        'reports.py': py`
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
        'users/queries.py': py`
          import psycopg


          async def get_user(user_id):
              conn = await psycopg.AsyncConnection.connect("dbname=app")
              try:
                  cur = await conn.execute("SELECT * FROM users WHERE id = %s", (user_id,))
                  return await cur.fetchone()
              finally:
                  await conn.close()
        `,
      },
      true,
    );
    const r = cli(dir, 'run', 'client-to-pool', '.', '--json');
    const files = JSON.parse(r.stdout).files as FileResult[];
    const found = files.flatMap((f) => f.findings.map((x) => [f.path, x.messageId, x.line]));
    expect(found).toEqual([
      ['reports.py', 'no-shared-pool', 11],
      ['users/queries.py', 'asyncio-connection', 5],
    ]);
    expect(fs.existsSync(path.join(dir, 'users/db.py'))).toBe(false);
    expect(read(dir, 'reports.py')).toContain('conn = psycopg.connect(DSN)');
  });

  it('a connection configured through a local (dsn = "..." then connect(dsn)) gets no pool module: the module could not name that local', () => {
    const dir = project(
      {
        'app.py': py`
          import psycopg2
          from flask import Flask

          app = Flask(__name__)


          @app.route("/count")
          def count():
              dsn = "dbname=app"
              conn = psycopg2.connect(dsn)
              try:
                  cur = conn.cursor()
                  cur.execute("SELECT count(*) FROM users")
                  return str(cur.fetchone()[0])
              finally:
                  conn.close()
        `,
      },
      true,
    );
    const r = cli(dir, 'run', 'client-to-pool', '.', '--json');
    const [file] = JSON.parse(r.stdout).files as FileResult[];
    expect(file.findings.map((f) => [f.messageId, f.line])).toEqual([['config-not-portable', 10]]);
    expect(fs.existsSync(path.join(dir, 'db.py'))).toBe(false);
    expect(read(dir, 'app.py')).toContain('conn = psycopg2.connect(dsn)');
  });

  it('a module with a __main__ guard that the bot imports is no script: its pool factory gets a statement limit and a size note; the set-up work only its guard runs is left alone, and a module only a script imports stays a script', () => {
    const files = {
      'app/__init__.py': '',
      'app/db_api.py': py`
        import asyncio

        import asyncpg


        async def create_db():
            con = await asyncpg.connect(user="app", host="db")
            await con.execute(open("schema.sql").read())
            await con.close()


        async def create_pool():
            return await asyncpg.create_pool(user="app", host="db")


        if __name__ == "__main__":
            asyncio.run(create_db())
      `,
      'app/bot.py': py`
        import asyncio

        from app import db_api


        async def main():
            pool = await db_api.create_pool()
            async with pool.acquire() as conn:
                print(await conn.fetchval("SELECT 1"))


        asyncio.run(main())
      `,
    };
    const findingsOf = (dir: string) => {
      const r = cli(dir, 'run', 'all', '.', '--dry', '--json');
      const file = (JSON.parse(r.stdout).files as FileResult[]).find((f) => f.path.endsWith('db_api.py'));
      return [...(file?.findings ?? []), ...(file?.fixes ?? [])].map((f) => [f.transform, f.messageId, f.line]);
    };
    expect(findingsOf(project(files, true))).toEqual([
      ['pool-size', 'no-explicit-size', 13],
      ['statement-timeout', 'no-command-timeout', 13],
    ]);
    // Nothing imports it, or only a script does: the whole module is a script, as before.
    const { 'app/bot.py': bot, ...library } = files;
    const script = { ...library, 'scripts/__init__.py': '', 'scripts/seed.py': bot };
    expect(findingsOf(project({ 'app/__init__.py': '', 'app/db_api.py': files['app/db_api.py'] }, true))).toEqual([]);
    expect(findingsOf(project(script, true))).toEqual([]);
  });

  it("a config module's connection that other modules import is one connection their requests share: reported, whether the name or the module is imported, also by its bare name from a directory below it; imported only by a script, or never, it stays a script's", () => {
    const database = py`
      import psycopg

      conninfo = "dbname=app"

      db = psycopg.connect(conninfo=conninfo, autocommit=True)
    `;
    const resource = (line: string) => py`
      ${line}


      def on_get():
          return DB.execute("select name from users limit 1").fetchone()
    `;
    const findingsOf = (files: Record<string, string>) => {
      const r = cli(project(files, true), 'run', 'all', '.', '--dry', '--json');
      const file = (JSON.parse(r.stdout).files as FileResult[]).find((f) => f.path.endsWith('database.py'));
      return [...(file?.findings ?? []), ...(file?.fixes ?? [])].map((f) => [f.transform, f.messageId, f.line]);
    };
    const base = { 'config/__init__.py': '', 'config/database.py': database, 'src/__init__.py': '' };
    expect(findingsOf({ ...base, 'src/user.py': resource('from config.database import db as DB') })).toEqual([
      ['client-to-pool', 'module-client', 5],
    ]);
    expect(findingsOf({ ...base, 'src/user.py': resource('from config import database\nDB = database.db') })).toEqual([
      ['client-to-pool', 'module-client', 5],
    ]);
    expect(findingsOf({ ...base, 'src/user.py': resource('from config.database import conninfo as DB') })).toEqual([]);
    expect(
      findingsOf({
        ...base,
        'scripts/__init__.py': '',
        'scripts/seed.py': resource('from config.database import db as DB'),
      }),
    ).toEqual([]);
    expect(findingsOf(base)).toEqual([]);
    // MarcosPaul0/psycopg-crud: the app runs from src/, so src/services/ imports src/database.py by its bare name.
    expect(
      findingsOf({ 'src/database.py': database, 'src/services/user.py': resource('from database import db as DB') }),
    ).toEqual([['client-to-pool', 'module-client', 5]]);
  });

  it('an acquire on the pool another module makes gets a timeout when the importer is in a directory below it, and through a local that only names it', () => {
    // we-love-hu-tao/HuTao-Bot: bot/main.py runs from bot/, and bot/handlers/*.py say `import create_pool`.
    const makesPool = py`
      import asyncpg

      pool = None


      async def init():
          global pool
          pool = await asyncpg.create_pool(database="app", max_size=5, command_timeout=30)
    `;
    const handler = py`
      import create_pool


      async def show(uid):
          pool = create_pool.pool
          async with pool.acquire() as pool:
              return await pool.fetchrow("SELECT 1")
    `;
    const dir = project({ 'bot/create_pool.py': makesPool, 'bot/handlers/show.py': handler }, true);
    const r = cli(dir, 'run', 'acquire-timeout', '.', '--dry', '--json');
    const file = (JSON.parse(r.stdout).files as FileResult[]).find((f) => f.path === 'bot/handlers/show.py');
    expect(file?.fixes.map((f) => [f.messageId, f.line])).toEqual([['no-checkout-timeout', 6]]);
  });

  it('a generator the project uses only through FastAPI Depends(...) gets its connection from a pool; one called any other way, or a Depends outside FastAPI, is left alone', () => {
    const db = py`
      import psycopg2


      # get_db() is called once per request by FastAPI: a comment or a docstring naming it is no use of it.
      def get_db():
          "One connection per request (Depends(get_db), or next(get_db()) in a script, which never resumes it)."
          conn = psycopg2.connect(dbname="app")
          try:
              yield conn
          finally:
              conn.close()
    `;
    const routes = py`
      from typing import Annotated

      from fastapi import APIRouter, Depends

      from db import get_db

      router = APIRouter()
      Conn = Annotated[object, Depends(get_db)]


      @router.get("/items")
      def items(conn=Depends(get_db)):
          return conn.cursor().execute("SELECT 1")
    `;
    const fixesOf = (files: Record<string, string>) => {
      const r = cli(project(files, true), 'run', 'all', '.', '--dry', '--json');
      const file = (JSON.parse(r.stdout).files as FileResult[]).find((f) => f.path === 'db.py');
      return [...(file?.fixes ?? []), ...(file?.findings ?? [])].map((f) => [f.transform, f.messageId, f.line]);
    };
    const base = { 'requirements.txt': 'fastapi\npsycopg2-binary\n', 'db.py': db };
    expect(fixesOf({ ...base, 'routes.py': routes })).toEqual([['client-to-pool', 'per-call-client', 7]]);
    // A script that takes the connection with next() never resumes the generator: a pooled connection would stay out.
    expect(
      fixesOf({
        ...base,
        'routes.py': routes,
        'seed.py': 'from db import get_db\n\nconn = next(get_db())\nconn.cursor().execute("SELECT 1")\n',
      }),
    ).toEqual([['client-to-pool', 'client-escapes', 9]]);
    expect(fixesOf({ ...base, 'routes.py': routes.replace('from fastapi import', 'from injector import') })).toEqual([
      ['client-to-pool', 'client-escapes', 9],
    ]);
  });

  it("a held connection while a function of another module takes one from the same pool (through the package's re-export, or the module imported whole) is a nested checkout; one on another pool is not", () => {
    const db = py`
      import asyncpg

      pool = None
      reports_pool = None


      async def init():
          global pool, reports_pool
          pool = await asyncpg.create_pool(database="app", max_size=5, command_timeout=30)
          reports_pool = await asyncpg.create_pool(database="reports", max_size=2, command_timeout=30)
    `;
    const users = py`
      from app.db import pool, reports_pool


      async def count_users():
          return await pool.fetchval("SELECT count(*) FROM users")


      async def count_reports():
          async with reports_pool.acquire() as conn:
              return await conn.fetchval("SELECT count(*) FROM reports")
    `;
    const handler = py`
      import asyncpg

      from app import users
      from app.db import pool
      from app.users import count_reports, count_users


      async def summary():
          async with pool.acquire(timeout=10) as conn:
              total = await count_users()
              again = await users.count_users()
              other = await count_reports()
              await conn.execute("INSERT INTO totals VALUES ($1, $2, $3)", total, again, other)
    `;
    const dir = project(
      {
        'app/__init__.py': '',
        'app/db.py': db,
        'app/users.py': users,
        'app/handlers.py': handler,
      },
      true,
    );
    const r = cli(dir, 'run', 'split-io', '.', '--dry', '--json');
    // The JSON view renders each finding's message.
    const files = JSON.parse(r.stdout).files as {
      path: string;
      findings: { messageId: string; line: number; message: string }[];
    }[];
    const file = files.find((f) => f.path === 'app/handlers.py');
    expect(file?.findings.map((f) => [f.messageId, f.line, f.message.split(' checks out')[0]])).toEqual([
      ['nested-acquire', 10, '`count_users()` (users.py: `count_users()` calls `pool.fetchval()` on line 5)'],
      ['nested-acquire', 11, '`users.count_users()` (users.py: `count_users()` calls `pool.fetchval()` on line 5)'],
      // Another pool's connection: a wait like any other call the tool cannot classify, no nested checkout.
      [
        'unknown-wait',
        12,
        '`conn` is held while this awaits `count_reports()`, which the tool cannot classify. If it waits on the network, a file or a timer, name it with --io-callee (or "ioCallees" in the config) and rerun to have the section split; if it is quick, name it with --quick-callee ("quickCallees").',
      ],
    ]);
  });

  it('a checkout on a pool imported from the module that makes it, in a file that never imports the library: its I/O moves before the checkout; the same on something else imported is left alone', () => {
    const db = py`
      import asyncpg

      pool = None


      async def init():
          global pool
          pool = await asyncpg.create_pool(database="app", max_size=5, command_timeout=30)
    `;
    const cache = py`
      import asyncio

      store = asyncio.Lock()
    `;
    const handler = py`
      import httpx

      from app.cache import store
      from app.db import pool


      async def refresh(user_id):
          async with pool.acquire(timeout=10) as conn:
              async with httpx.AsyncClient() as client:
                  r = await client.get("https://example.com/users")
              await conn.execute("UPDATE users SET data = $1 WHERE id = $2", r.text, user_id)


      async def cached(user_id):
          async with store.acquire() as held:
              async with httpx.AsyncClient() as client:
                  return await client.get("https://example.com/users")
    `;
    const dir = project(
      { 'app/__init__.py': '', 'app/db.py': db, 'app/cache.py': cache, 'app/handlers.py': handler },
      true,
    );
    const r = cli(dir, 'run', 'split-io', '.', '--json');
    const file = (JSON.parse(r.stdout).files as FileResult[]).find((f) => f.path === 'app/handlers.py');
    expect(file?.fixes.map((f) => [f.messageId, f.line])).toEqual([['held-during-io', 10]]);
    expect(file?.findings).toEqual([]);
    expect(read(dir, 'app/handlers.py')).toContain(
      [
        'async def refresh(user_id):',
        '    async with httpx.AsyncClient() as client:',
        '        r = await client.get("https://example.com/users")',
        '    async with pool.acquire(timeout=10) as conn:',
        '        await conn.execute(',
      ].join('\n'),
    );
  });

  it('a file with a syntax error is set aside with its line and column, and never edited', () => {
    const broken = 'def f(:\n    conn = pool.getconn()\n';
    const dir = project({ 'bad.py': broken, 'good.py': LEAKY_PY }, true);
    const r = cli(dir, 'run', 'all', '.', '--json');
    expect(r.code).toBe(4);
    const doc = JSON.parse(r.stdout);
    const bad = doc.files.find((f: { path: string }) => f.path === 'bad.py');
    expect(bad.reason).toMatch(/^cannot parse: invalid Python syntax .*\(line 1, column \d+\)$/);
    expect(read(dir, 'bad.py')).toBe(broken);
  });

  it('# pool-codemod-ignore with a reason leaves the site alone; without one it is reported', () => {
    const suppressed = LEAKY_PY.replace(
      '    conn = pool.getconn()',
      '    # pool-codemod-ignore release-in-finally: the caller times this out\n    conn = pool.getconn()',
    ).replace(
      '    pool.putconn(conn)',
      '    pool.putconn(conn)  # pool-codemod-ignore release-in-finally: the caller times this out',
    );
    const dir = project(
      {
        'app.py': suppressed,
        'other.py': LEAKY_PY.replace(
          'pool.putconn(conn)',
          'pool.putconn(conn)  # pool-codemod-ignore release-in-finally',
        ),
      },
      true,
    );
    const doc = JSON.parse(cli(dir, 'run', 'all', '.', '--dry', '--json').stdout);
    const app = doc.files.find((f: { path: string }) => f.path === 'app.py');
    expect(app?.status ?? 'unchanged').toBe('unchanged');
    const other = doc.files.find((f: { path: string }) => f.path === 'other.py');
    expect(other.findings.map((f: { messageId: string }) => f.messageId)).toContain('suppression-without-reason');
  });
});

describe('a repository of Python and TypeScript', () => {
  it('one run, one summary: both rewritten; the audit answers for both, in every format', () => {
    const dir = project({ 'api/users.py': LEAKY_PY, 'web/count.ts': LEAKY }, true);
    const run = JSON.parse(cli(dir, 'run', 'all', '.', '--dry', '--json').stdout);
    expect(
      run.files
        .filter((f: { status: string }) => f.status === 'changed')
        .map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['api/users.py', 'web/count.ts']);
    expect(run.summary.fixes['release-in-finally']).toBe(2);
    const audit = JSON.parse(cli(dir, 'audit', '.', '--format', 'json').stdout);
    const leaks = audit.findings
      .filter((f: { messageId: string }) => f.messageId === 'leak')
      .map((f: { file: string }) => f.file);
    expect(leaks.sort()).toEqual(['api/users.py', 'web/count.ts']);
    expect(audit.scorecard.find((q: { question: number }) => q.question === 2).verdict).toBe('no');
    const out = path.join(dir, 'report');
    expect(cli(dir, 'audit', '.', '--format', 'sarif,html,markdown', '--output-dir', out).code).toBe(0);
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'audit.sarif'), 'utf8'));
    const uris = sarif.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0].physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(expect.arrayContaining(['api/users.py', 'web/count.ts']));
    expect(fs.readFileSync(path.join(out, 'audit.html'), 'utf8')).toContain('api/users.py');
  });
});

describe('--verify on Python', () => {
  const result = (file: string, before: string, after: string): FileResult => ({
    path: file,
    status: 'changed',
    before,
    after,
    findings: [],
    fixes: [{ transform: 'release-in-finally', messageId: 'leak', line: 1, column: 1 }],
  });

  it('rolls back a rewrite that does not compile, keeping the file as it was', () => {
    const dir = project({ 'a.py': 'x = 1\n' });
    const r = result(path.join(dir, 'a.py'), 'x = 1\n', 'def f(:\n');
    verifyPython([r], new Map(), { trustProjectCode: false });
    expect(r).toMatchObject({ status: 'unchanged', after: 'x = 1\n', fixes: [] });
    expect(r.reason).toMatch(/^--verify rolled the rewrite back: it does not compile: SyntaxError/);
  });

  it('with a mypy config in the project, rolls back a rewrite that adds a mypy error, and keeps one that does not', () => {
    const before = 'def f(x: int) -> int:\n    return x\n\nf(1)\n';
    const dir = project({ 'mypy.ini': '[mypy]\n', 'a.py': before, 'b.py': before });
    const bad = result(path.join(dir, 'a.py'), before, before.replace('f(1)', 'f("a")'));
    const good = result(path.join(dir, 'b.py'), before, before.replace('f(1)', 'f(2)'));
    const warnings = verifyPython([bad, good], new Map(), { trustProjectCode: false });
    expect(warnings).toEqual([]);
    expect(bad.status).toBe('unchanged');
    expect(bad.reason).toMatch(/adds mypy errors .*Argument 1 to "f" has incompatible type "str"/);
    expect(good.status).toBe('changed');
  });

  it('a mypy config that names plugins is code: mypy does not run unless the project is trusted', () => {
    const before = 'x = 1\n';
    const dir = project({ 'mypy.ini': '[mypy]\nplugins = evil_plugin\n', 'a.py': before });
    const r = result(path.join(dir, 'a.py'), before, 'x = 2\n');
    expect(verifyPython([r], new Map(), { trustProjectCode: false })).toEqual([
      expect.stringContaining('names mypy plugins, which are code; mypy was not run'),
    ]);
    expect(r.status).toBe('changed');
  });
});
