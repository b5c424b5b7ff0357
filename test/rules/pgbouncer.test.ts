/** pgbouncer, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/pgbouncer';
import { ruleTable } from '../support/rule-tester';

const pg = "import { Pool } from 'pg';\nconst pool = new Pool();\n";
/** One statement through the pool. */
const one = (sql: string) => `${pg}export async function f() {\n  await pool.query(${sql});\n}\n`;
/** One statement inside BEGIN ... COMMIT on a checked-out client. */
const tx = (sql: string) =>
  `${pg}export async function f() {\n  const c = await pool.connect();\n  await c.query('BEGIN');\n  await c.query(${sql});\n  await c.query('COMMIT');\n  c.release();\n}\n`;

ruleTable(transform, {
  valid: [
    { name: 'SET LOCAL inside a transaction', code: tx("'SET LOCAL work_mem = 1'") },
    { name: 'a transaction-level advisory lock', code: one("'SELECT pg_advisory_xact_lock(1)'") },
    { name: 'SET TRANSACTION is not session state', code: one("'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE'") },
    { name: 'a temporary table dropped on commit', code: one("'CREATE TEMP TABLE t (id int) ON COMMIT DROP'") },
    { name: 'an ordinary query', code: one("'SELECT * FROM settings WHERE name = $1'") },
    {
      name: 'a pool config without startup parameters',
      code: `${pg}export const p = new Pool({ max: 5, connectionTimeoutMillis: 1000 });\n`,
    },
    {
      name: 'MySQL GET_LOCK is not a PostgreSQL advisory lock',
      code: "const mysql = require('mysql2/promise');\nconst pool = mysql.createPool({});\nasync function f() {\n  await pool.query(\"SELECT GET_LOCK('x', 10)\");\n}\n",
      filename: 'a.js',
    },
    {
      name: "better-sqlite3's prepare is no query",
      code: "import sqlite from 'better-sqlite3';\nconst db = sqlite('x');\ndb.prepare('PREPARE x');\n",
    },
  ],
  invalid: [
    {
      name: 'a session SET outside a transaction',
      code: one("'SET search_path TO tenant_1'"),
      errors: [{ messageId: 'session-set', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'a session SET behind PgBouncer (flag)',
      code: one("'SET search_path TO tenant_1'"),
      options: { behindPgbouncer: true },
      errors: [{ messageId: 'session-set', line: 4, column: 9 }],
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
    { name: 'LISTEN', code: one("'LISTEN jobs'"), errors: [{ messageId: 'listen', line: 4, column: 9 }], output: null },
    {
      name: 'a session advisory lock',
      code: one("'SELECT pg_advisory_lock(1)'"),
      errors: [{ messageId: 'advisory-lock', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'a session try-lock',
      code: one("'SELECT pg_try_advisory_lock(1)'"),
      errors: [{ messageId: 'advisory-lock', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'a named query',
      code: one("{ name: 'get', text: 'SELECT 1' }"),
      errors: [{ messageId: 'named-prepared-statement', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'SQL PREPARE',
      code: one("'PREPARE q AS SELECT 1'"),
      errors: [{ messageId: 'sql-prepare', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'a session temporary table',
      code: one("'CREATE TEMP TABLE t (id int)'"),
      errors: [{ messageId: 'temp-table', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'a cursor WITH HOLD',
      code: one("'DECLARE c CURSOR WITH HOLD FOR SELECT 1'"),
      errors: [{ messageId: 'hold-cursor', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'startup parameters in a pool config',
      code: `${pg}export const p = new Pool({\n  statement_timeout: 1000,\n  options: '-c search_path=x',\n});\n`,
      errors: [
        { messageId: 'startup-parameter', line: 4, column: 3 },
        { messageId: 'startup-parameter', line: 5, column: 3 },
      ],
      output: null,
    },
  ],
});
