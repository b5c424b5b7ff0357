/** pgbouncer, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/pgbouncer';
import { ruleTable } from '../support/rule-tester';
import { PG_POOL, js } from '../support/code';

/**
 * One statement on a checked-out connection, outside a transaction. (Through
 * the pool itself a session statement is release-in-finally's session-on-pool:
 * it is split across connections with or without PgBouncer.)
 */
const one = (sql: string) =>
  `${PG_POOL}export async function f() {\n  const c = await pool.connect();\n  await c.query(${sql});\n  c.release();\n}\n`;
/** One statement inside BEGIN ... COMMIT on a checked-out client. */
const tx = (sql: string) =>
  `${PG_POOL}export async function f() {\n  const c = await pool.connect();\n  await c.query('BEGIN');\n  await c.query(${sql});\n  await c.query('COMMIT');\n  c.release();\n}\n`;

ruleTable(transform, {
  valid: [
    { name: 'SET LOCAL inside a transaction', code: tx("'SET LOCAL work_mem = 1'") },
    { name: 'a transaction-level advisory lock', code: one("'SELECT pg_advisory_xact_lock(1)'") },
    { name: 'SET TRANSACTION is not session state', code: one("'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE'") },
    { name: 'SET CONSTRAINTS is not session state', code: tx("'SET CONSTRAINTS ALL DEFERRED'") },
    { name: 'a temporary table dropped on commit', code: one("'CREATE TEMP TABLE t (id int) ON COMMIT DROP'") },
    { name: 'an ordinary query', code: one("'SELECT * FROM settings WHERE name = $1'") },
    {
      name: 'a pool config without startup parameters',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export const p = new Pool({ max: 5, connectionTimeoutMillis: 1000 });
      `,
    },
    {
      // H4ad/pg-pool-vs-pg-client's index.mjs: a Client that turns the timeouts off.
      name: 'a startup parameter set to a falsy value is never sent (pg leaves it out of the startup packet)',
      code: js`
        import pg from 'pg';
        export const client = new pg.Client({
          statement_timeout: 0,
          lock_timeout: null,
          idle_in_transaction_session_timeout: undefined,
          options: '',
        });
      `,
    },
    {
      // Thales-Eduardo/CRUD-node-pg's controllers: `createUser.execute({ name, email })` on a use case.
      name: "in a pg-only project, a receiver made by another class, or another library's method name, is not a query",
      code: js`
        import { CreateUserUseCase } from './CreateUserUseCase';
        export async function create(name: string, email: string) {
          const createUser = new CreateUserUseCase();
          return createUser.execute({ name, email });
        }
        export async function update(name: string) {
          const repository = new UsersRepository();
          return repository.query({ name, text: 'x' });
        }
      `,
      project: { dependencies: { pg: '^8.11.0' } },
    },
    {
      name: 'MySQL GET_LOCK is not a PostgreSQL advisory lock',
      code: js`
        const mysql = require('mysql2/promise');
        const pool = mysql.createPool({});
        async function f() {
          await pool.query("SELECT GET_LOCK('x', 10)");
        }
      `,
      filename: 'a.js',
    },
    {
      name: "better-sqlite3's prepare is no query",
      code: js`
        import sqlite from 'better-sqlite3';
        const db = sqlite('x');
        db.prepare('PREPARE x');
      `,
    },
    {
      name: "MySQL's SET SESSION on a mysql2 pool is not PostgreSQL session state",
      code: js`
        const mysql = require('mysql2/promise');
        const pool = mysql.createPool({});
        async function f() {
          await pool.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
        }
      `,
      filename: 'a.js',
    },
    {
      name: 'a file importing only mysql2, in a project that also declares pg',
      code: js`
        const mysql = require('mysql2/promise');
        const pool = mysql.createPool({});
        async function f() {
          await pool.query('SET SESSION sql_mode = 1');
          await pool.query('CREATE TEMPORARY TABLE t (id int)');
        }
      `,
      filename: 'a.js',
      project: { dependencies: { pg: '^8.11.0', mysql2: '^3.9.0' } },
    },
    {
      name: "jQuery's .query() with no database library in sight",
      code: js`
        import $ from 'jquery';
        $('#x').query('SET x = 1');
      `,
      filename: 'a.js',
    },
    {
      name: 'an imported pool in a project that declares both pg and mysql2',
      code: js`
        import { pool } from './db';
        export async function f() {
          await pool.query('SET search_path TO x');
        }
      `,
      project: { dependencies: { pg: '^8.11.0', mysql2: '^3.9.0' } },
    },
    {
      name: 'the mysql2 pool of a file that imports pg as well',
      code: js`
        import { Pool } from 'pg';
        import mysql from 'mysql2/promise';
        export const pg = new Pool();
        const my = mysql.createPool({});
        export async function f() {
          const conn = await my.getConnection();
          await my.query('SET SESSION sql_mode = 1');
          await conn.query('SET SESSION sql_mode = 1');
          conn.release();
        }
      `,
    },
    {
      name: 'a pg Client config without startup parameters',
      code: js`
        import pg from 'pg';
        const client = new pg.Client({ host: 'db', application_name: 'api' });
      `,
      filename: 'a.mjs',
    },
    {
      name: 'a temporary table dropped on commit, inside a transaction',
      code: tx("'CREATE TEMP TABLE t (id int) ON COMMIT DROP'"),
    },
    {
      name: 'a session statement through a pool of several connections: release-in-finally reports it (session-on-pool), with or without PgBouncer',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          await pool.query('SET search_path TO tenant_1');
          await pool.query('LISTEN jobs');
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a session SET outside a transaction',
      code: one("'SET search_path TO tenant_1'"),
      errors: [{ messageId: 'session-set', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'a session SET through a query with type arguments (TypeScript)',
      code: js`
        import { pool } from './db';
        export async function f() {
          await pool.query<{ x: number }>('SET search_path TO tenant_1');
        }
      `,
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'session-set', line: 3, column: 9 }],
      output: null,
    },
    {
      name: 'a session SET behind PgBouncer (flag)',
      code: one("'SET search_path TO tenant_1'"),
      options: { behindPgbouncer: true },
      errors: [{ messageId: 'session-set', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'a SET inside a transaction becomes SET LOCAL',
      code: tx("'SET work_mem = 1'"),
      errors: [{ messageId: 'session-set-local', line: 6, column: 9 }],
      output: tx("'SET LOCAL work_mem = 1'"),
    },
    {
      name: 'SET SESSION inside a transaction, double quotes',
      code: tx(`"SET SESSION work_mem = '64MB'"`),
      errors: [{ messageId: 'session-set-local', line: 6, column: 9 }],
      output: tx(`"SET LOCAL work_mem = '64MB'"`),
    },
    {
      name: 'CommonJS, tabs, no semicolons',
      code: 'const { Pool } = require("pg")\nconst pool = new Pool()\nasync function f() {\n\tconst c = await pool.connect()\n\tawait c.query("BEGIN")\n\tawait c.query("SET work_mem = \'256MB\'")\n\tawait c.query("COMMIT")\n\tc.release()\n}\n',
      filename: 'a.js',
      errors: [{ messageId: 'session-set-local', line: 6, column: 8 }],
      output:
        'const { Pool } = require("pg")\nconst pool = new Pool()\nasync function f() {\n\tconst c = await pool.connect()\n\tawait c.query("BEGIN")\n\tawait c.query("SET LOCAL work_mem = \'256MB\'")\n\tawait c.query("COMMIT")\n\tc.release()\n}\n',
    },
    { name: 'LISTEN', code: one("'LISTEN jobs'"), errors: [{ messageId: 'listen', line: 5, column: 9 }], output: null },
    {
      // voxpelli/node-pg-pubsub: the channel concatenated between double quotes.
      name: 'LISTEN on a quoted channel the code names: the message shows where the name goes',
      code: one(`'LISTEN "' + channel + '"'`).replace('f()', 'f(channel)'),
      errors: [{ messageId: 'listen', line: 5, column: 9, message: /^`LISTEN "…"` needs a connection of its own/ }],
      output: null,
    },
    {
      name: 'a session advisory lock',
      code: one("'SELECT pg_advisory_lock(1)'"),
      errors: [{ messageId: 'advisory-lock', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'a session try-lock',
      code: one("'SELECT pg_try_advisory_lock(1)'"),
      errors: [{ messageId: 'advisory-lock', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'a named query',
      code: one("{ name: 'get', text: 'SELECT 1' }"),
      errors: [{ messageId: 'named-prepared-statement', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'SQL PREPARE',
      code: one("'PREPARE q AS SELECT 1'"),
      errors: [{ messageId: 'sql-prepare', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'a session temporary table',
      code: one("'CREATE TEMP TABLE t (id int)'"),
      errors: [{ messageId: 'temp-table', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'a cursor WITH HOLD',
      code: one("'DECLARE c CURSOR WITH HOLD FOR SELECT 1'"),
      errors: [{ messageId: 'hold-cursor', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'a session temporary table inside a transaction, without ON COMMIT DROP',
      code: tx("'CREATE TEMP TABLE t (id int)'"),
      errors: [{ messageId: 'temp-table', line: 6, column: 9 }],
      output: null,
    },
    {
      name: 'a temporary table inside a transaction, ON COMMIT PRESERVE ROWS',
      code: tx("'CREATE TEMPORARY TABLE t (id int) ON COMMIT PRESERVE ROWS'"),
      errors: [{ messageId: 'temp-table', line: 6, column: 9 }],
      output: null,
    },
    {
      name: 'an imported pool in a project that declares pg',
      code: js`
        import { pool } from './db';
        export async function f() {
          await pool.query('SET search_path TO x');
        }
      `,
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'session-set', line: 3, column: 9 }],
      output: null,
    },
    {
      name: 'the pg pool of a file that imports mysql2 as well',
      code: js`
        import { Pool } from 'pg';
        import mysql from 'mysql2/promise';
        const pool = new Pool();
        const my = mysql.createPool({});
        export async function f() {
          await my.query('SET SESSION sql_mode = 1');
          const c = await pool.connect();
          await c.query('LISTEN jobs');
          c.release();
        }
      `,
      errors: [{ messageId: 'listen', line: 8, column: 9 }],
      output: null,
    },
    {
      name: 'startup parameters in a pg Client config',
      code: js`
        import pg from "pg";
        const client = new pg.Client({ lock_timeout: 100 });
      `,
      filename: 'a.mjs',
      errors: [{ messageId: 'startup-parameter', line: 2, column: 32 }],
      output: null,
    },
    {
      name: "startup parameters in a per-call Client's const config",
      code: js`
        const { Client } = require('pg');
        const cfg = { statement_timeout: 5000, options: '-c search_path=x' };
        async function f() {
          const c = new Client(cfg);
          await c.connect();
        }
      `,
      filename: 'a.js',
      errors: [
        { messageId: 'startup-parameter', line: 2, column: 15 },
        { messageId: 'startup-parameter', line: 2, column: 40 },
      ],
      output: null,
    },
    {
      name: "startup parameters in a pool config: options is reported; the pool's statement_timeout is statement-timeout's (it writes it only where PgBouncer is not known, and reports it where it is), so the two never contradict each other",
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export const p = new Pool({
          statement_timeout: 1000,
          options: '-c search_path=x',
        });
      `,
      errors: [{ messageId: 'startup-parameter', line: 5, column: 3 }],
      output: null,
    },
  ],
});
