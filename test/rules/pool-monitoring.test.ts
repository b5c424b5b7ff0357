/** pool-monitoring, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/pool-monitoring';
import { ruleTable } from '../support/rule-tester';

const pg = "import { Pool } from 'pg';\n";
const listens = "pool.on('error', (err) => {\n  console.error(err);\n});\n";
/** The listener the fix adds; in TypeScript its parameter is typed. */
const added = (log: string, param = 'err: Error') => `pool.on('error', (${param}) => {\n  ${log};\n});\n`;
const consoleLog = "console.error('unexpected error on an idle database connection', err)";

ruleTable(transform, {
  valid: [
    {
      name: 'a connection handed to the function that queries with it',
      code: "const { types } = require('pg');\nconst { pool } = require('./db');\nconst users = require('./users');\nasync function f() {\n  const c = await pool.connect();\n  const rows = await users.byId(c, 3);\n  c.release();\n  return rows;\n}\n",
      filename: 'a.js',
      project: { dependencies: { pg: '^8.11.0' } },
    },
    {
      name: 'reading a cursor made from the held connection is database work',
      code: "import { Pool } from 'pg';\nimport Cursor from 'pg-cursor';\nexport async function f() {\n  const client = await pool.connect();\n  const cursor = client.query(new Cursor('SELECT 1'));\n  const rows = await cursor.read(100);\n  client.release();\n  return rows;\n}\n",
    },
    {
      name: 'a listener and gauges',
      code: `${pg}import { monitorPool } from './pool-metrics';\nexport const pool = new Pool();\n${listens}monitorPool(pool, 'db.pool');\n`,
    },
    {
      name: 'a once listener and a hand-written Gauge',
      code: `${pg}import { Gauge } from 'prom-client';\nexport const pool = new Pool();\npool.once('error', () => {});\nnew Gauge({ name: 'x', help: 'x', collect() { this.set(pool.totalCount); } });\n`,
    },
    {
      name: 'a mysql2 pool emits no error event',
      code: "const mysql = require('mysql2');\nconst pool = mysql.createPool({});\nmodule.exports = pool;\n",
      filename: 'a.js',
    },
    {
      name: 'an undici Pool is not a database pool',
      code: "import { Pool } from 'undici';\nexport const pool = new Pool('http://x');\n",
    },
    {
      name: 'an EventEmitter called pool',
      code: "import { EventEmitter } from 'events';\nexport const pool = new EventEmitter();\n",
    },
    {
      name: 'a checkout that only does database work',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n`,
    },
    {
      name: 'a per-call Client is not long-lived',
      code: "import { Client } from 'pg';\nexport async function f() {\n  const c = new Client();\n  await c.connect();\n  await c.end();\n}\n",
    },
  ],
  invalid: [
    {
      name: 'no error listener',
      code: `${pg}export const pool = new Pool();\n`,
      errors: [
        { messageId: 'not-monitored', line: 2, column: 21 },
        { messageId: 'no-error-listener', line: 2, column: 21 },
      ],
      output: `${pg}export const pool = new Pool();\n\n${added(consoleLog)}`,
    },
    {
      name: 'a listener but nothing watching',
      code: `${pg}export const pool = new Pool();\n${listens}`,
      errors: [{ messageId: 'not-monitored', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'CommonJS, double quotes, no semicolons',
      code: 'const { Pool } = require("pg")\nconst pool = new Pool()\nmodule.exports = pool\n',
      filename: 'db.js',
      errors: [
        { messageId: 'not-monitored', line: 2, column: 14 },
        { messageId: 'no-error-listener', line: 2, column: 14 },
      ],
      output:
        'const { Pool } = require("pg")\nconst pool = new Pool()\n\npool.on("error", (err) => {\n  console.error("unexpected error on an idle database connection", err)\n})\nmodule.exports = pool\n',
    },
    {
      name: 'ESM with tabs',
      code: 'import pg from "pg";\n\nexport const pool = new pg.Pool({\n\tmax: 5,\n});\n',
      filename: 'db.mjs',
      errors: [
        { messageId: 'not-monitored', line: 3, column: 21 },
        { messageId: 'no-error-listener', line: 3, column: 21 },
      ],
      output:
        'import pg from "pg";\n\nexport const pool = new pg.Pool({\n\tmax: 5,\n});\n\npool.on("error", (err) => {\n\tconsole.error("unexpected error on an idle database connection", err);\n});\n',
    },
    {
      name: 'an imported logger',
      code: `${pg}import { logger } from './log';\nexport const pool = new Pool();\n`,
      errors: [
        { messageId: 'not-monitored', line: 3, column: 21 },
        { messageId: 'no-error-listener', line: 3, column: 21 },
      ],
      output: `${pg}import { logger } from './log';\nexport const pool = new Pool();\n\n${added("logger.error('unexpected error on an idle database connection', err)")}`,
    },
    {
      name: 'a pino logger (CommonJS)',
      code: "const pino = require('pino');\nconst { Pool } = require('pg');\nconst log = pino();\nconst pool = new Pool();\nmodule.exports = pool;\n",
      filename: 'a.js',
      errors: [
        { messageId: 'not-monitored', line: 4, column: 14 },
        { messageId: 'no-error-listener', line: 4, column: 14 },
      ],
      output: `const pino = require('pino');\nconst { Pool } = require('pg');\nconst log = pino();\nconst pool = new Pool();\n\n${added("log.error({ err }, 'unexpected error on an idle database connection')", 'err')}module.exports = pool;\n`,
    },
    {
      name: 'a comment after the pool stays on its line',
      code: `${pg}export const pool = new Pool(); // main\nexport default pool;\n`,
      errors: [
        { messageId: 'not-monitored', line: 2, column: 21 },
        { messageId: 'no-error-listener', line: 2, column: 21 },
      ],
      output: `${pg}export const pool = new Pool(); // main\n\n${added(consoleLog)}export default pool;\n`,
    },
    {
      name: 'a pool made in a constructor',
      code: `${pg}export class Db {\n  pool: Pool;\n  constructor() {\n    this.pool = new Pool();\n  }\n}\n`,
      errors: [
        { messageId: 'not-monitored', line: 5, column: 17 },
        { messageId: 'no-error-listener', line: 5, column: 17 },
      ],
      output: `${pg}export class Db {\n  pool: Pool;\n  constructor() {\n    this.pool = new Pool();\n\n    this.pool.on('error', (err: Error) => {\n      ${consoleLog};\n    });\n  }\n}\n`,
    },
    {
      name: 'a long-lived Client',
      code: "import { Client } from 'pg';\nexport const listener = new Client();\n",
      errors: [{ messageId: 'no-error-listener', line: 2, column: 25 }],
      output: `import { Client } from 'pg';\nexport const listener = new Client();\n\nlistener.on('error', (err: Error) => {\n  ${consoleLog};\n});\n`,
    },
    {
      name: 'a pool made per call',
      code: `${pg}export function make() {\n  const pool = new Pool();\n  return pool;\n}\n`,
      errors: [{ messageId: 'listener-per-call', line: 3, column: 16 }],
      output: null,
    },
    {
      name: 'a connection held across other work',
      code: `${pg}const pool = new Pool();\n${listens}export async function f() {\n  const c = await pool.connect();\n  await fetch('x');\n  await c.query('SELECT 1');\n  c.release();\n}\n`,
      errors: [
        { messageId: 'not-monitored', line: 2, column: 14 },
        { messageId: 'held-across-await', line: 8, column: 3 },
      ],
      output: null,
    },
    {
      name: 'a pool imported from another module, held across other work, in a pg project',
      code: "const { pool } = require('./db');\nasync function f() {\n  const c = await pool.connect();\n  await fetch('x');\n  await c.query('SELECT 1');\n  c.release();\n}\n",
      filename: 'a.js',
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'held-across-await', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'mysql2 has no counters for gauges',
      code: "const mysql = require('mysql2');\nconst pool = mysql.createPool({});\nmodule.exports = pool;\n",
      filename: 'a.js',
      options: { metrics: 'otel' },
      errors: [{ messageId: 'no-counters', line: 2, column: 14 }],
      output: null,
    },
    {
      name: '--metrics prom-client registers the gauges',
      code: `${pg}import { monitorPool } from './pool-metrics';\nexport const pool = new Pool();\n${listens}`,
      options: { metrics: 'prom-client' },
      errors: [{ messageId: 'metrics-added', line: 3, column: 21 }],
      output: `${pg}import { monitorPool } from './pool-metrics';\nexport const pool = new Pool();\n\nmonitorPool(pool, 'file.pool');\n${listens}`,
    },
  ],
});
