/** statement-timeout, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/statement-timeout';
import { ruleTable } from '../support/rule-tester';

const pg = "import { Pool } from 'pg';\n";
const limited = `${pg}const pool = new Pool({ statement_timeout: 1000 });\n`;
const checkout = (body: string) =>
  `${limited}export async function f() {\n  const c = await pool.connect();\n${body}  c.release();\n}\n`;

ruleTable(transform, {
  valid: [
    { name: 'a statement timeout', code: `${pg}export const pool = new Pool({ statement_timeout: 5000 });\n` },
    {
      name: 'both limits',
      code: `${pg}export const pool = new Pool({ statement_timeout: 5000, query_timeout: 6000 });\n`,
    },
    {
      name: 'SET LOCAL inside a transaction',
      code: checkout(
        "  await c.query('BEGIN');\n  await c.query('SET LOCAL statement_timeout = 100');\n  await c.query('COMMIT');\n",
      ),
    },
    {
      name: 'a SET on something that is no pooled connection',
      code: "export async function f(db) {\n  await db.query('SET statement_timeout = 100');\n}\n",
    },
    {
      name: 'SQL text that is never run',
      code: `${pg}export const pool = new Pool({ statement_timeout: 5000 });\nexport const s = 'SET statement_timeout = 10';\n`,
    },
    {
      name: 'a per-call pool is left to other transforms',
      code: `${pg}export async function f() {\n  const pool = new Pool();\n  await pool.end();\n}\n`,
    },
    {
      name: 'an undici Pool is not a database pool',
      code: "import { Pool } from 'undici';\nexport const pool = new Pool('http://x');\n",
    },
    { name: 'a pg Client is not a pool', code: "import { Client } from 'pg';\nexport const c = new Client();\n" },
  ],
  invalid: [
    {
      name: 'no statement timeout',
      code: `${pg}export const pool = new Pool();\n`,
      errors: [{ messageId: 'no-statement-timeout', line: 2, column: 21 }],
      output: `${pg}export const pool = new Pool({ statement_timeout: 30000 });\n`,
    },
    {
      name: 'CommonJS, tabs, double quotes, no semicolons',
      code: 'const { Pool } = require("pg")\nconst pool = new Pool({\n\thost: "db",\n})\nmodule.exports = pool\n',
      filename: 'db.js',
      errors: [{ messageId: 'no-statement-timeout', line: 2, column: 14 }],
      output:
        'const { Pool } = require("pg")\nconst pool = new Pool({\n\thost: "db",\n\tstatement_timeout: 30000, // the server cancels statements running longer than 30 s\n})\nmodule.exports = pool\n',
    },
    {
      name: 'query_timeout alone is client-side',
      code: `${pg}export const pool = new Pool({ query_timeout: 10000 });\n`,
      errors: [{ messageId: 'client-side-only', line: 2, column: 21 }],
      output: `${pg}export const pool = new Pool({ query_timeout: 10000, statement_timeout: 30000 });\n`,
    },
    {
      name: '--idle-in-transaction-ms adds the second limit',
      code: `${pg}export const pool = new Pool({\n  host: 'db',\n});\n`,
      options: { statementTimeoutMs: 5000, idleInTransactionMs: 60000 },
      errors: [{ messageId: 'no-statement-timeout', line: 2, column: 21 }],
      output: `${pg}export const pool = new Pool({\n  host: 'db',\n  statement_timeout: 5000, // the server cancels statements running longer than 5 s\n  idle_in_transaction_session_timeout: 60000, // the server ends sessions left idle inside a transaction\n});\n`,
    },
    {
      name: 'an explicit zero is no limit',
      code: `${pg}export const pool = new Pool({ statement_timeout: 0 });\n`,
      errors: [{ messageId: 'no-limit', line: 2, column: 32 }],
      output: null,
    },
    {
      name: 'a connection string',
      code: `${pg}export const pool = new Pool(process.env.DATABASE_URL);\n`,
      errors: [{ messageId: 'config-opaque', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'an imported spread',
      code: `${pg}import { cfg } from './cfg';\nexport const pool = new Pool({ ...cfg });\n`,
      errors: [{ messageId: 'config-opaque', line: 3, column: 21 }],
      output: null,
    },
    {
      name: 'behind PgBouncer nothing is added',
      code: `${pg}export const pool = new Pool();\n`,
      options: { behindPgbouncer: true },
      errors: [{ messageId: 'behind-pgbouncer', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'a startup parameter behind PgBouncer (flag)',
      code: `${pg}export const pool = new Pool({ statement_timeout: 5000 });\n`,
      options: { behindPgbouncer: true },
      errors: [{ messageId: 'startup-parameter-behind-pgbouncer', line: 2, column: 32 }],
      output: null,
    },
    {
      name: 'a startup parameter behind PgBouncer (port 6432)',
      code: `${pg}export const pool = new Pool({ port: 6432, statement_timeout: 5000 });\n`,
      errors: [{ messageId: 'startup-parameter-behind-pgbouncer', line: 2, column: 44 }],
      output: null,
    },
    {
      name: 'a SET inside a transaction becomes SET LOCAL',
      code: checkout(
        "  await c.query('BEGIN');\n  await c.query('SET statement_timeout = 100');\n  await c.query('COMMIT');\n",
      ),
      errors: [{ messageId: 'session-set-local', line: 6, column: 9 }],
      output: checkout(
        "  await c.query('BEGIN');\n  await c.query('SET LOCAL statement_timeout = 100');\n  await c.query('COMMIT');\n",
      ),
    },
    {
      name: 'a SET with another value than the pool',
      code: checkout("  await c.query('SET statement_timeout = 100');\n"),
      errors: [{ messageId: 'session-set-leaks', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'a SET on a connection from an imported pool',
      code: "import { pool } from './db';\nexport async function f() {\n  const c = await pool.connect();\n  await c.query('SET statement_timeout = 100');\n  c.release();\n}\n",
      errors: [{ messageId: 'session-set-leaks', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'a SET through the pool itself',
      code: `${pg}const pool = new Pool();\nexport async function f() {\n  await pool.query('SET statement_timeout = 100');\n}\n`,
      errors: [
        { messageId: 'session-set-leaks', line: 4, column: 9 },
        { messageId: 'no-statement-timeout', line: 2, column: 14 },
      ],
      output: `${pg}const pool = new Pool({ statement_timeout: 30000 });\nexport async function f() {\n  await pool.query('SET statement_timeout = 100');\n}\n`,
    },
    {
      name: 'mysql2 has no pool-level timeout',
      code: "const mysql = require('mysql2');\nconst pool = mysql.createPool({ host: 'db' });\n",
      filename: 'a.js',
      errors: [{ messageId: 'mysql-no-pool-timeout', line: 2, column: 14 }],
      output: null,
    },
  ],
});
