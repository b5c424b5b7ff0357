/** acquire-timeout, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/acquire-timeout';
import { ruleTable } from '../support/rule-tester';

const pg = "import { Pool } from 'pg';\n";
const why = '// fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)';

ruleTable(transform, {
  valid: [
    { name: 'an explicit timeout', code: `${pg}export const pool = new Pool({ connectionTimeoutMillis: 3000 });\n` },
    {
      name: 'a timeout from a constant',
      code: `${pg}const t = 2000;\nexport const pool = new Pool({ connectionTimeoutMillis: t });\n`,
    },
    {
      name: 'a generic-pool with max and a timeout',
      code: "const genericPool = require('generic-pool');\nexports.pool = genericPool.createPool(factory, { max: 5, acquireTimeoutMillis: 1000 });\n",
      filename: 'a.js',
    },
    {
      name: 'a per-call pool is left to other transforms',
      code: `${pg}export async function f() {\n  const pool = new Pool();\n  await pool.end();\n}\n`,
    },
    {
      name: 'an undici Pool is not a database pool',
      code: "import { Pool } from 'undici';\nexport const pool = new Pool('http://x');\n",
    },
    {
      name: 'a local createPool is not a library',
      code: "import { createPool } from './db';\nexport const pool = createPool({});\n",
    },
    { name: 'a pg Client is not a pool', code: "import { Client } from 'pg';\nexport const c = new Client();\n" },
  ],
  invalid: [
    {
      name: 'no config at all',
      code: `${pg}export const pool = new Pool();\n`,
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: `${pg}export const pool = new Pool({ connectionTimeoutMillis: 5000 });\n`,
    },
    {
      name: 'CommonJS without semicolons, double quotes',
      code: 'const { Pool } = require("pg")\nconst pool = new Pool()\nmodule.exports = pool\n',
      filename: 'db.js',
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 14 }],
      output:
        'const { Pool } = require("pg")\nconst pool = new Pool({ connectionTimeoutMillis: 5000 })\nmodule.exports = pool\n',
    },
    {
      name: 'a tab-indented config',
      code: `${pg}export const pool = new Pool({\n\thost: "db",\n});\n`,
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: `${pg}export const pool = new Pool({\n\thost: "db",\n\tconnectionTimeoutMillis: 5000, ${why}\n});\n`,
    },
    {
      name: 'a config without a trailing comma, with a comment',
      code: `${pg}export const pool = new Pool({\n  host: 'db' // primary\n});\n`,
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: `${pg}export const pool = new Pool({\n  host: 'db', // primary\n  connectionTimeoutMillis: 5000 ${why}\n});\n`,
    },
    {
      name: 'a config variable gets the option',
      code: `${pg}const config = { host: 'db' };\nexport const pool = new Pool(config);\n`,
      errors: [{ messageId: 'no-acquire-timeout', line: 3, column: 21 }],
      output: `${pg}const config = { host: 'db', connectionTimeoutMillis: 5000 };\nexport const pool = new Pool(config);\n`,
    },
    {
      name: 'pg namespace import with --acquire-timeout-ms (ESM)',
      code: 'import pg from "pg";\nexport const pool = new pg.Pool({ host: "db" });\n',
      filename: 'a.mjs',
      options: { acquireTimeoutMs: 2500 },
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: 'import pg from "pg";\nexport const pool = new pg.Pool({ host: "db", connectionTimeoutMillis: 2500 });\n',
    },
    {
      name: 'an explicit zero waits forever',
      code: `${pg}export const pool = new Pool({ connectionTimeoutMillis: 0 });\n`,
      errors: [{ messageId: 'waits-forever', line: 2, column: 32 }],
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
      name: 'a config from a function',
      code: `${pg}import { cfg } from './cfg';\nexport const pool = new Pool(cfg());\n`,
      errors: [{ messageId: 'config-opaque', line: 3, column: 21 }],
      output: null,
    },
    {
      name: 'mysql2 with a bounded queue',
      code: "const mysql = require('mysql2');\nconst pool = mysql.createPool({ queueLimit: 50 });\n",
      filename: 'a.js',
      errors: [{ messageId: 'library-has-no-acquire-timeout', line: 2, column: 14 }],
      output: null,
    },
    {
      name: 'mysql2 with the default queue',
      code: "const mysql = require('mysql2');\nconst pool = mysql.createPool({ host: 'db' });\n",
      filename: 'a.js',
      errors: [
        { messageId: 'library-has-no-acquire-timeout', line: 2, column: 14 },
        { messageId: 'unbounded-queue', line: 2, column: 14 },
      ],
      output: null,
    },
    {
      name: 'mysql2 with queueLimit 0 (ESM)',
      code: "import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: 'db', queueLimit: 0 });\n",
      filename: 'a.mjs',
      errors: [
        { messageId: 'library-has-no-acquire-timeout', line: 2, column: 21 },
        { messageId: 'unbounded-queue', line: 2, column: 52 },
      ],
      output: null,
    },
    {
      name: 'mysql (not mysql2)',
      code: "const mysql = require('mysql');\nconst pool = mysql.createPool({ queueLimit: 10 });\n",
      filename: 'a.js',
      errors: [{ messageId: 'library-has-no-acquire-timeout', line: 2, column: 14 }],
      output: null,
    },
    {
      name: 'generic-pool without options',
      code: "const genericPool = require('generic-pool');\nexports.pool = genericPool.createPool(factory);\n",
      filename: 'a.js',
      errors: [
        { messageId: 'generic-pool-max-1', line: 2, column: 16 },
        { messageId: 'no-acquire-timeout', line: 2, column: 16 },
      ],
      output:
        "const genericPool = require('generic-pool');\nexports.pool = genericPool.createPool(factory, { acquireTimeoutMillis: 5000 });\n",
    },
    {
      name: 'generic-pool with a max',
      code: "import { createPool } from 'generic-pool';\nexport const pool = createPool(factory, { max: 5 });\n",
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output:
        "import { createPool } from 'generic-pool';\nexport const pool = createPool(factory, { max: 5, acquireTimeoutMillis: 5000 });\n",
    },
  ],
});
