/** pool-size, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/pool-size';
import { ruleTable } from '../support/rule-tester';

const pg = "import { Pool } from 'pg';\n";
const budget = { dbMaxConnections: 100, instances: 4 };
const arithmetic = '// floor((100 - 3) / 4) = 24: max_connections 100, 3 reserved, 4 instances';
const url = 'pg:connectionString=url';

ruleTable(transform, {
  valid: [
    {
      name: 'a pool an init function stores in a module variable is not made per call',
      code: `${pg}let pool;\nexport async function connectDb(config) {\n  pool = new Pool({ ...config, max: 10 });\n  await pool.query('SELECT 1');\n}\n`,
    },
    {
      name: 'a pool a setup function hands to the app is not made per call',
      code: `${pg}export function installPools(app) {\n  const rootPool = new Pool({ max: 5 });\n  app.set('rootPool', rootPool);\n}\n`,
    },
    { name: 'an explicit size', code: `${pg}export const pool = new Pool({ max: 20 });\n` },
    { name: "pg's legacy poolSize counts as a size", code: `${pg}export const pool = new Pool({ poolSize: 20 });\n` },
    {
      name: 'a size within the budget is kept',
      code: `${pg}export const pool = new Pool({ max: 20 });\n`,
      options: budget,
    },
    { name: 'max 100 is not over the default limit', code: `${pg}export const pool = new Pool({ max: 100 });\n` },
    {
      name: 'mysql2 with a connectionLimit',
      code: "const mysql = require('mysql2');\nconst pool = mysql.createPool({ connectionLimit: 5 });\n",
      filename: 'a.js',
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
    { name: 'a look-alike class name', code: `${pg}export class Pool2 {}\nconst p = new Pool2();\n` },
  ],
  invalid: [
    {
      name: 'no size',
      code: `${pg}export const pool = new Pool();\n`,
      errors: [{ messageId: 'no-explicit-size', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'a config with no size',
      code: `${pg}export const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n`,
      errors: [{ messageId: 'no-explicit-size', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'the size is added from the budget',
      code: `${pg}export const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n});\n`,
      options: budget,
      errors: [{ messageId: 'sized', line: 2, column: 21 }],
      output: `${pg}export const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  max: 24, ${arithmetic}\n});\n`,
    },
    {
      name: 'an oversized pool is cut down (CommonJS, tabs, double quotes, no semicolons)',
      code: 'const { Pool } = require("pg")\n\nconst pool = new Pool({\n\tmax: 50,\n})\n\nmodule.exports = pool\n',
      filename: 'db.js',
      options: budget,
      errors: [{ messageId: 'sized', line: 4, column: 2 }],
      output: `const { Pool } = require("pg")\n\nconst pool = new Pool({\n\tmax: 24, ${arithmetic}\n})\n\nmodule.exports = pool\n`,
    },
    {
      name: 'a size added in a tab-indented CommonJS file',
      code: 'const { Pool } = require("pg")\n\nconst pool = new Pool({\n\thost: "db",\n})\n\nmodule.exports = pool\n',
      filename: 'db.js',
      options: budget,
      errors: [{ messageId: 'sized', line: 3, column: 14 }],
      output: `const { Pool } = require("pg")\n\nconst pool = new Pool({\n\thost: "db",\n\tmax: 24, ${arithmetic}\n})\n\nmodule.exports = pool\n`,
    },
    {
      name: 'the legacy poolSize is cut down under its own name',
      code: `${pg}export const pool = new Pool({\n  poolSize: 50,\n});\n`,
      options: budget,
      errors: [{ messageId: 'sized', line: 3, column: 3 }],
      output: `${pg}export const pool = new Pool({\n  poolSize: 24, ${arithmetic}\n});\n`,
    },
    {
      name: 'mysql2 gets a connectionLimit (ESM, double quotes)',
      code: 'import mysql from "mysql2/promise";\n\nexport const pool = mysql.createPool({\n  uri: process.env.DB,\n});\n',
      filename: 'db.mjs',
      options: budget,
      errors: [{ messageId: 'sized', line: 3, column: 21 }],
      output: `import mysql from "mysql2/promise";\n\nexport const pool = mysql.createPool({\n  uri: process.env.DB,\n  connectionLimit: 24, ${arithmetic}\n});\n`,
    },
    {
      name: 'over PostgreSQL default max_connections',
      code: `${pg}export const pool = new Pool({ max: 200 });\n`,
      errors: [{ messageId: 'over-default-limit', line: 2, column: 32 }],
      output: null,
    },
    {
      name: 'no budget for this many instances',
      code: `${pg}export const pool = new Pool({ max: 10 });\n`,
      options: { dbMaxConnections: 10, instances: 20 },
      errors: [{ messageId: 'no-budget', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'a connection string hides the size',
      code: `${pg}export const pool = new Pool(process.env.DATABASE_URL);\n`,
      errors: [{ messageId: 'config-opaque', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'an imported spread hides the size',
      code: `${pg}import { cfg } from './cfg';\nexport const pool = new Pool({ ...cfg });\n`,
      errors: [{ messageId: 'config-opaque', line: 3, column: 21 }],
      output: null,
    },
    {
      name: 'mysql2 with a uri string',
      code: 'import mysql from "mysql2/promise";\n\nexport const pool = mysql.createPool(process.env.DB);\n',
      filename: 'db.mjs',
      errors: [{ messageId: 'config-opaque', line: 3, column: 21 }],
      output: null,
    },
    {
      name: '--min and --idle-timeout-ms are added',
      code: `${pg}export const pool = new Pool({\n  max: 5,\n});\n`,
      options: { min: 1, idleTimeoutMs: 30000 },
      errors: [{ messageId: 'options-added', line: 2, column: 21 }],
      output: `${pg}export const pool = new Pool({\n  max: 5,\n  min: 1, // connections kept open while idle\n  idleTimeoutMillis: 30000, // close connections idle for longer than this\n});\n`,
    },
    {
      name: 'a pool made per call',
      code: `${pg}export async function f() {\n  const pool = new Pool();\n  await pool.query('SELECT 1');\n  await pool.end();\n}\n`,
      errors: [{ messageId: 'pool-per-call', line: 3, column: 16 }],
      output: null,
    },
    {
      name: 'two pools to one database in one file',
      code: `${pg}const url = process.env.DATABASE_URL;\nexport const a = new Pool({ connectionString: url, max: 5 });\nexport const b = new Pool({ connectionString: url, max: 5 });\n`,
      scan: {
        pools: [
          {
            driver: 'pg',
            path: '/project/file.ts',
            name: 'a',
            config: '{connectionString:url,max:5}',
            exported: true,
            planned: false,
            target: url,
            line: 3,
          },
          {
            driver: 'pg',
            path: '/project/file.ts',
            name: 'b',
            config: '{connectionString:url,max:5}',
            exported: true,
            planned: false,
            target: url,
            line: 4,
          },
        ],
      },
      errors: [
        { messageId: 'several-pools', line: 3, column: 18 },
        { messageId: 'several-pools', line: 4, column: 18 },
      ],
      output: null,
    },
  ],
});
