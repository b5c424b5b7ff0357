/** client-to-pool, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/client-to-pool';
import type { SharedPool } from '../../src/frontends/js/scan/types';
import { ruleTable } from '../support/rule-tester';

const shared = (driver: SharedPool['driver'], path: string, config = '', api?: 'callback') => ({
  pools: [{ driver, path, name: 'pool', config, exported: true, planned: false, ...(api ? { api } : {}) }],
});
const scan = shared('pg', '/project/db.ts');
const C = "import { Client } from 'pg';\n";
/** A function with a connection of its own: `body` runs between connect and end. */
const perCall = (body: string) =>
  `${C}export async function f() {\n  const c = new Client();\n  await c.connect();\n${body}  await c.end();\n  return r.rows;\n}\n`;

ruleTable(transform, {
  valid: [
    // One-shot scripts: connect, work and end once per process.
    {
      name: 'a main() the module calls once',
      code: "const { Client } = require('pg');\nasync function main() {\n  const client = new Client();\n  await client.connect();\n  await client.query('SELECT 1');\n  await client.end();\n}\nmain().catch((e) => {\n  console.error(e);\n  process.exit(1);\n});\n",
      filename: 'migrate.js',
      scan,
    },
    {
      name: 'an immediately called async function',
      code: "const { Client } = require('pg')\n;(async () => {\n  const client = new Client()\n  await client.connect()\n  await client.query('SELECT 1')\n  await client.end()\n})()\n",
      filename: 'seed.js',
      scan,
    },
    {
      name: 'a top-level ESM script',
      code: "import pg from 'pg';\nconst client = new pg.Client();\nawait client.connect();\nawait client.query('SELECT 1');\nawait client.end();\n",
      filename: 'migrate.mjs',
      scan,
    },
    {
      name: 'already on the shared pool',
      code: "import { pool } from './db';\nexport async function f() {\n  const r = await pool.query('SELECT 1');\n  return r.rows;\n}\n",
      scan,
    },
    {
      name: 'an undici Client',
      code: "import { Client } from 'undici';\nexport async function f() {\n  const c = new Client('http://x');\n  await c.request({ path: '/' });\n  await c.close();\n}\n",
      scan,
    },
    {
      name: 'a local Client with the same methods',
      code: "import { Client } from './my-client';\nexport async function f() {\n  const c = new Client();\n  await c.connect();\n  await c.query('SELECT 1');\n  await c.end();\n}\n",
      scan,
    },
    {
      name: 'an Elasticsearch Client',
      code: "import { Client } from '@elastic/elasticsearch';\nexport async function f() {\n  const c = new Client({ node: 'x' });\n  await c.search({});\n  await c.close();\n}\n",
      scan,
    },
    {
      name: 'a look-alike class name',
      code: `${C}export class Client2 {}\nexport async function f() {\n  const c = new Client2();\n  return c;\n}\n`,
      scan,
    },
    { name: 'no Client at all', code: "import { Pool } from 'pg';\nexport const pool = new Pool();\n", scan },
  ],
  invalid: [
    {
      name: 'several statements become a checkout released in a finally',
      code: perCall("  await c.query('SELECT 1');\n  const r = await c.query('SELECT 2');\n"),
      scan,
      errors: [{ messageId: 'per-call-client', line: 3, column: 3 }],
      output:
        "import { pool } from './db';\nexport async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n    const r = await c.query('SELECT 2');\n    return r.rows;\n  } finally {\n    c.release();\n  }\n}\n",
    },
    {
      name: 'mysql2 promise connection with several statements',
      code: "import mysql from 'mysql2/promise';\nexport async function f() {\n  const conn = await mysql.createConnection({});\n  await conn.execute('SELECT 1');\n  const [rows] = await conn.execute('SELECT 2');\n  await conn.end();\n  return rows;\n}\n",
      scan: shared('mysql2', '/project/db.ts', '{}'),
      errors: [{ messageId: 'per-call-client', line: 3, column: 3 }],
      output:
        "import { pool } from './db';\nexport async function f() {\n  const conn = await pool.getConnection();\n  try {\n    await conn.execute('SELECT 1');\n    const [rows] = await conn.execute('SELECT 2');\n    return rows;\n  } finally {\n    conn.release();\n  }\n}\n",
    },
    {
      name: 'CommonJS, tabs, double quotes, no semicolons',
      code: 'const { Client } = require("pg")\n\nasync function f() {\n\tconst c = new Client()\n\tawait c.connect()\n\tawait c.query("SELECT 1")\n\tconst r = await c.query("SELECT 2")\n\tawait c.end()\n\treturn r.rows\n}\n\nmodule.exports = { f }\n',
      filename: 'a.js',
      scan: shared('pg', '/project/db.js'),
      errors: [{ messageId: 'per-call-client', line: 4, column: 2 }],
      output:
        'const { pool } = require("./db")\n\nasync function f() {\n\tconst c = await pool.connect()\n\ttry {\n\t\tawait c.query("SELECT 1")\n\t\tconst r = await c.query("SELECT 2")\n\t\treturn r.rows\n\t} finally {\n\t\tc.release()\n\t}\n}\n\nmodule.exports = { f }\n',
    },
    {
      name: 'no shared pool known',
      code: perCall("  const r = await c.query('SELECT 1');\n"),
      errors: [{ messageId: 'no-shared-pool', line: 3, column: 3 }],
      output: null,
    },
    {
      name: 'a per-tenant database',
      code: `${C}export async function f(db: string) {\n  const c = new Client({ database: db });\n  await c.connect();\n  const r = await c.query('SELECT 1');\n  await c.end();\n  return r.rows;\n}\n`,
      scan,
      errors: [{ messageId: 'per-call-config', line: 3, column: 3 }],
      output: null,
    },
    {
      name: 'a config the pool module cannot see',
      code: `${C}const settings = { ssl: true };\nexport async function f() {\n  const c = new Client(settings);\n  await c.connect();\n  const r = await c.query('SELECT 1');\n  await c.end();\n  return r.rows;\n}\n`,
      scan,
      errors: [{ messageId: 'config-not-portable', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'a returned client',
      code: `${C}export async function f() {\n  const c = new Client();\n  await c.connect();\n  return c;\n}\n`,
      scan,
      errors: [{ messageId: 'client-escapes', line: 5, column: 10 }],
      output: null,
    },
    {
      name: 'a LISTEN client',
      code: `${C}export async function f() {\n  const c = new Client();\n  await c.connect();\n  await c.query('LISTEN x');\n}\n`,
      scan,
      errors: [{ messageId: 'listen-client', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'session state',
      code: perCall("  await c.query('SET search_path TO x');\n  const r = await c.query('SELECT 2');\n"),
      scan,
      errors: [{ messageId: 'session-state', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'SQL from the caller',
      code: `${C}export async function f(sql: string) {\n  const c = new Client();\n  await c.connect();\n  const r = await c.query(sql);\n  await c.end();\n  return r.rows;\n}\n`,
      scan,
      errors: [{ messageId: 'dynamic-sql', line: 5, column: 19 }],
      output: null,
    },
    {
      name: 'a module-level client connected per call',
      code: `${C}const c = new Client();\nexport async function f() {\n  await c.connect();\n  const r = await c.query('SELECT 1');\n  await c.end();\n  return r.rows;\n}\n`,
      scan,
      errors: [{ messageId: 'module-client-per-request', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'a module-level client kept open',
      code: `${C}const c = new Client();\nexport async function start() {\n  await c.connect();\n  setInterval(() => c.query('SELECT 1'), 1000);\n}\n`,
      scan,
      errors: [{ messageId: 'module-client', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'a transaction without rollback',
      code: perCall(
        "  await c.query('BEGIN');\n  await c.query('DELETE FROM t');\n  await c.query('COMMIT');\n  const r = { rows: [] };\n",
      ),
      scan,
      errors: [{ messageId: 'checkout-refused', line: 3, column: 3 }],
      output: null,
    },
    {
      name: 'a client made inside a retry callback',
      code: `${C}import { retry } from './retry';\nexport async function f() {\n  let c;\n  await retry(async () => {\n    c = new Client();\n    await c.connect();\n  });\n  const r = await c.query('SELECT 1');\n  await c.end();\n  return r.rows;\n}\n`,
      scan,
      errors: [{ messageId: 'client-in-callback', line: 6, column: 9 }],
      output: null,
    },
    {
      name: 'pool already means something else here',
      code: `${C}const pool = ['a'];\nexport async function f() {\n  const c = new Client();\n  await c.connect();\n  const r = await c.query('SELECT 1');\n  await c.end();\n  return [r.rows, pool];\n}\n`,
      scan,
      errors: [{ messageId: 'unsupported', line: 4, column: 3 }],
      output: null,
    },
  ],
});
