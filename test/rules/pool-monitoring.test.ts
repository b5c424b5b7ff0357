/** pool-monitoring, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/pool-monitoring';
import { ruleTable } from '../support/rule-tester';
import { PG_IMPORT, js } from '../support/code';

/** The listener the fix adds; in TypeScript its parameter is typed. */
const added = (log: string, param = 'err: Error') => `pool.on('error', (${param}) => {\n  ${log};\n});\n`;
const consoleLog = "console.error('unexpected error on an idle database connection', err)";

ruleTable(transform, {
  valid: [
    {
      name: "a kept listening connection whose 'error' is listened to (no semicolons), and a checkout only queried",
      code: js`
        import { pool } from './db'
        export async function listen(handle) {
          const client = await pool.connect()
          client.on('error', () => process.exit(1))
          client.on('notification', (msg) => handle(msg.payload))
          await client.query('LISTEN jobs')
        }
        export class Dispatcher {
          async setup(pool) {
            this.listener = await pool.connect()
            this.listener.once('error', () => this.setup(pool))
            await this.listener.query('LISTEN outbox_events')
          }
          async count(pool) {
            this.client = await pool.connect()
            return this.client.query('SELECT 1')
          }
        }
      `,
      project: { dependencies: { pg: '^8.11.0' } },
    },
    {
      name: 'awaits that wait on nothing while a connection is held: a property, a literal, a parameter',
      code: js`
        import { Pool } from 'pg';
        import { monitorPool } from './pool-metrics';
        export const pool = new Pool();
        pool.on('error', (err) => console.error(err));
        monitorPool(pool, 'db');
        export async function create(ctx, value) {
          const client = await pool.connect();
          try {
            const body = await ctx.request.body;
            const n = await 5;
            const v = await value;
            await client.query('INSERT INTO t VALUES ($1, $2, $3)', [body, n, v]);
          } finally {
            client.release();
          }
        }
      `,
      options: { metrics: 'none' },
      project: { dependencies: { pg: '^8.11.0' } },
    },
    {
      name: 'a one-shot script (exports nothing, runs main() once): nobody would scrape gauges from it',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        pool.on('error', (err) => {
          console.error(err);
        });
        async function main() {
          await pool.query('SELECT 1');
          await pool.end();
        }
        main().catch(console.error);
      `,
      filename: 'backfill.mjs',
    },
    {
      name: 'a connection handed to the function that queries with it',
      code: js`
        const { types } = require('pg');
        const { pool } = require('./db');
        const users = require('./users');
        async function f() {
          const c = await pool.connect();
          const rows = await users.byId(c, 3);
          c.release();
          return rows;
        }
      `,
      filename: 'a.js',
      project: { dependencies: { pg: '^8.11.0' } },
    },
    {
      name: 'reading a cursor made from the held connection is database work',
      code: js`
        import { Pool } from 'pg';
        import Cursor from 'pg-cursor';
        export async function f() {
          const client = await pool.connect();
          const cursor = client.query(new Cursor('SELECT 1'));
          const rows = await cursor.read(100);
          client.release();
          return rows;
        }
      `,
    },
    {
      name: 'a listener and gauges',
      code: js`
        import { Pool } from 'pg';
        import { monitorPool } from './pool-metrics';
        export const pool = new Pool();
        pool.on('error', (err) => {
          console.error(err);
        });
        monitorPool(pool, 'db.pool');
      `,
    },
    {
      name: 'a once listener and a hand-written Gauge',
      code: js`
        import { Pool } from 'pg';
        import { Gauge } from 'prom-client';
        export const pool = new Pool();
        pool.once('error', () => {});
        new Gauge({ name: 'x', help: 'x', collect() { this.set(pool.totalCount); } });
      `,
    },
    {
      name: 'a mysql2 pool emits no error event',
      code: js`
        const mysql = require('mysql2');
        const pool = mysql.createPool({});
        module.exports = pool;
      `,
      filename: 'a.js',
    },
    {
      name: 'an undici Pool is not a database pool',
      code: js`
        import { Pool } from 'undici';
        export const pool = new Pool('http://x');
      `,
    },
    {
      name: 'an EventEmitter called pool',
      code: js`
        import { EventEmitter } from 'events';
        export const pool = new EventEmitter();
      `,
    },
    {
      name: 'a checkout that only does database work',
      code: js`
        import { Pool } from 'pg';
        export async function f() {
          const c = await pool.connect();
          await c.query('SELECT 1');
          c.release();
        }
      `,
    },
    {
      name: 'a per-call Client is not long-lived',
      code: js`
        import { Client } from 'pg';
        export async function f() {
          const c = new Client();
          await c.connect();
          await c.end();
        }
      `,
    },
    {
      name: "a migration script's module-level client, ended when its query ends: not kept for the life of the process",
      code: js`
        const pg = require('pg');
        const client = new pg.Client(process.env.DATABASE_URL);
        client.connect();
        const query = client.query('CREATE TABLE items(id SERIAL PRIMARY KEY)');
        query.on('end', () => { client.end(); });
      `,
      filename: 'models/database.js',
    },
  ],
  invalid: [
    {
      // DEFRA/cdp-example-node-postgres-be's src/api/common/helpers/postgres.js (OGL-UK-3.0) builds its pool this way.
      name: "pg-pool's default export is its Pool class: `import Pool from 'pg-pool'` makes a pg pool",
      code: js`
        import Pool from 'pg-pool'

        export const pool = new Pool({ max: 5 })
      `,
      filename: 'db.js',
      errors: [
        { messageId: 'not-monitored', line: 3, column: 21 },
        { messageId: 'no-error-listener', line: 3, column: 21 },
      ],
      output: js`
        import Pool from 'pg-pool'

        export const pool = new Pool({ max: 5 })

        pool.on('error', (err) => {
          console.error('unexpected error on an idle database connection', err)
        })
      `,
    },
    {
      // Eduportal-PERN's backend/db/Pool.js exports the pool it makes and names it nowhere else.
      name: "a pool made as the module's export: messages name the construction, the listener goes on `module.exports`",
      code: js`
        const { Pool } = require('pg');

        module.exports = new Pool({ max: 5 });
      `,
      filename: 'db.js',
      errors: [
        { messageId: 'not-monitored', line: 3, column: 18, message: /^nothing exports `new Pool\(\.\.\.\)`'s state/ },
        { messageId: 'no-error-listener', line: 3, column: 18 },
      ],
      output: js`
        const { Pool } = require('pg');

        module.exports = new Pool({ max: 5 });

        module.exports.on('error', (err) => {
          console.error('unexpected error on an idle database connection', err);
        });
      `,
    },
    {
      name: "and `require('pg-pool')` is the same class",
      code: js`
        const Pool = require("pg-pool");

        const pool = new Pool({ max: 5 });
        module.exports = pool;
      `,
      filename: 'db.js',
      errors: [
        { messageId: 'not-monitored', line: 3, column: 14 },
        { messageId: 'no-error-listener', line: 3, column: 14 },
      ],
      output: js`
        const Pool = require("pg-pool");

        const pool = new Pool({ max: 5 });

        pool.on("error", (err) => {
          console.error("unexpected error on an idle database connection", err);
        });

        module.exports = pool;
      `,
    },
    {
      // supabase/postgres-meta's src/lib/db.ts (Apache-2.0): every query goes through a helper that listens on the pool.
      name: 'a pool handed to a function of the file that listens for error on it already has its listener',
      code: js`
        import pg from 'pg';

        const queryHandlingErrors = (pgpool: pg.Pool, sql: string) =>
          new Promise((resolve, reject) => {
            pgpool.once('error', reject);
            pgpool.query(sql).then(resolve, reject);
          });

        export function init(config: pg.PoolConfig) {
          const pool = new pg.Pool({ ...config, max: 5 });
          return { query: (sql: string) => queryHandlingErrors(pool, sql) };
        }
      `,
      filename: 'db.ts',
      errors: [{ messageId: 'not-monitored', line: 10, column: 16 }],
      output: null,
    },
    {
      name: 'a pool handed to a function of the file that only queries through it still gets a listener',
      code: js`
        import pg from 'pg';

        const queryThrough = (pgpool: pg.Pool, sql: string) => pgpool.query(sql);

        export function init(config: pg.PoolConfig) {
          const pool = new pg.Pool({ ...config, max: 5 });
          return { query: (sql: string) => queryThrough(pool, sql) };
        }
      `,
      filename: 'db.ts',
      errors: [
        { messageId: 'not-monitored', line: 6, column: 16 },
        { messageId: 'no-error-listener', line: 6, column: 16 },
      ],
      output: js`
        import pg from 'pg';

        const queryThrough = (pgpool: pg.Pool, sql: string) => pgpool.query(sql);

        export function init(config: pg.PoolConfig) {
          const pool = new pg.Pool({ ...config, max: 5 });

          pool.on('error', (err: Error) => {
            console.error('unexpected error on an idle database connection', err);
          });

          return { query: (sql: string) => queryThrough(pool, sql) };
        }
      `,
    },
    {
      name: 'a pool a function makes and keeps (a middleware factory, a memoised getter) gets its listener after the construction',
      code: js`
        const { Pool } = require('pg');
        function dbMiddleware(config) {
          const pool = new Pool(config);
          return (req, res, next) => {
            req.db = pool;
            next();
          };
        }
        class Db {
          async getPool() {
            if (this.pool) return this.pool;
            this.pool = new Pool({ max: 5 });
            return this.pool;
          }
        }
        let shared;
        function connectDB() {
          if (!shared) shared = new Pool();
          return shared;
        }
        module.exports = { dbMiddleware, Db, connectDB };
      `,
      filename: 'db.js',
      options: { metrics: 'none' },
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [
        { messageId: 'not-monitored', line: 3, column: 16 },
        { messageId: 'not-monitored', line: 17, column: 17 },
        { messageId: 'kept-pool-no-listener', line: 28, column: 25, message: /^`shared` .* one-statement `if`/ },
        { messageId: 'no-error-listener', line: 3, column: 16 },
        { messageId: 'no-error-listener', line: 12, column: 17 },
      ],
      output: js`
        const { Pool } = require('pg');
        function dbMiddleware(config) {
          const pool = new Pool(config);

          pool.on('error', (err) => {
            console.error('unexpected error on an idle database connection', err);
          });

          return (req, res, next) => {
            req.db = pool;
            next();
          };
        }
        class Db {
          async getPool() {
            if (this.pool) return this.pool;
            this.pool = new Pool({ max: 5 });

            this.pool.on('error', (err) => {
              console.error('unexpected error on an idle database connection', err);
            });

            return this.pool;
          }
        }
        let shared;
        function connectDB() {
          if (!shared) shared = new Pool();
          return shared;
        }
        module.exports = { dbMiddleware, Db, connectDB };
      `,
    },
    {
      name: 'a promise made before and awaited while the connection is held',
      code: js`
        import { Pool } from 'pg';
        import { monitorPool } from './pool-metrics';
        export const pool = new Pool();
        pool.on('error', (err) => console.error(err));
        monitorPool(pool, 'db');
        export async function report(url) {
          const client = await pool.connect();
          try {
            const pending = fetch(url);
            const { rows } = await client.query('SELECT 1');
            const response = await pending;
            await client.query('INSERT INTO t VALUES ($1)', [response.status, rows.length]);
          } finally {
            client.release();
          }
        }
      `,
      options: { metrics: 'none' },
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'held-across-await', line: 11, column: 22 }],
      output: null,
    },
    {
      // timolegros/node-pg-scheduler's executeTask (double quotes): the task's row is locked FOR UPDATE while it runs.
      name: 'a wait inside a transaction on the held client: listening while held is the advice, not releasing first',
      code: js`
        import { Pool } from "pg";
        import { monitorPool } from "./pool-metrics";
        export const pool = new Pool();
        pool.on("error", (err) => console.error(err));
        monitorPool(pool, "db");
        export async function runTask(id, handler) {
          const client = await pool.connect();
          try {
            await client.query("BEGIN;");
            await client.query("SELECT * FROM tasks WHERE id = $1 FOR UPDATE SKIP LOCKED", [id]);
            await handler(id);
            await client.query("COMMIT;");
          } catch (e) {
            await client.query("ROLLBACK;");
          } finally {
            client.release();
          }
        }
      `,
      options: { metrics: 'none' },
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [
        {
          messageId: 'held-in-transaction',
          line: 11,
          column: 5,
          message: /listen for 'error' on `client` while it is held/,
        },
      ],
      output: null,
    },
    {
      name: 'a node-cron runner stays up: nothing watching its pool is reported',
      code: js`
        import cron from 'node-cron';
        import { Pool } from 'pg';
        const pool = new Pool();
        pool.on('error', (err) => {
          console.error(err);
        });
        cron.schedule('*/5 * * * *', () => pool.query('SELECT 1'));
      `,
      filename: 'schedule.mjs',
      errors: [{ messageId: 'not-monitored', line: 3, column: 14 }],
      output: null,
    },
    {
      name: 'no error listener',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool();
      `,
      errors: [
        { messageId: 'not-monitored', line: 2, column: 21 },
        { messageId: 'no-error-listener', line: 2, column: 21 },
      ],
      output: `${PG_IMPORT}export const pool = new Pool();\n\n${added(consoleLog)}`,
    },
    {
      name: 'a pool kept on globalThis across hot reloads (Next.js): the listener and the gauges are added once per pool, tabs',
      code: [
        "import { Pool } from 'pg';",
        "import { monitorPool } from './pool-metrics';",
        'const globalForDb = globalThis as unknown as { pool?: Pool };',
        'export const pool = globalForDb.pool ?? new Pool({ max: 5 });',
        "if (process.env.NODE_ENV !== 'production') {",
        '\tglobalForDb.pool = pool;',
        '}',
        '',
      ].join('\n'),
      filename: 'lib/db.ts',
      options: { metrics: 'prom-client' },
      errors: [{ messageId: 'no-error-listener', line: 4, column: 41 }],
      output: [
        "import { Pool } from 'pg';",
        "import { monitorPool } from './pool-metrics';",
        'const globalForDb = globalThis as unknown as { pool?: Pool };',
        'export const pool = globalForDb.pool ?? new Pool({ max: 5 });',
        '',
        '// Once per pool: after a reload in development it is the kept one, already listened to.',
        'if (globalForDb.pool !== pool) {',
        "\tpool.on('error', (err: Error) => {",
        "\t\tconsole.error('unexpected error on an idle database connection', err);",
        '\t});',
        "\tmonitorPool(pool, 'db.pool');",
        '}',
        '',
        "if (process.env.NODE_ENV !== 'production') {",
        '\tglobalForDb.pool = pool;',
        '}',
        '',
      ].join('\n'),
    },
    {
      // pern-financial-management's scripts/generateEnv.js checks the database through a pool it ends at once.
      name: 'a pool a function makes and ends before it returns gets its listener there: one per pool made, no gauges',
      code: js`
        const { Pool } = require('pg');
        const check = async () => {
          const pool = new Pool({ connectionString: process.env.DATABASE_URL });
          await pool.query('SELECT 1');
          await pool.end();
        };
        module.exports = { check };
      `,
      filename: 'scripts/check.js',
      options: { metrics: 'prom-client' },
      errors: [{ messageId: 'no-error-listener', line: 3, column: 16 }],
      output: js`
        const { Pool } = require('pg');
        const check = async () => {
          const pool = new Pool({ connectionString: process.env.DATABASE_URL });

          pool.on('error', (err) => {
            console.error('unexpected error on an idle database connection', err);
          });

          await pool.query('SELECT 1');
          await pool.end();
        };
        module.exports = { check };
      `,
    },
    {
      // kapil-31/pg-node-queue's src/storage/migration.ts: an exported migrate() that its command line runs.
      name: 'a pool an exported migrate() makes for its schema statements and ends: its listener, no gauges asked for',
      code: js`
        import { Pool } from "pg";
        export async function migrate(config: { connectionString: string }) {
          const pool = new Pool({ connectionString: config.connectionString });
          await pool.query(\`
            CREATE TABLE IF NOT EXISTS jobs (id UUID PRIMARY KEY);
          \`);
          await pool.end();
        }
      `,
      filename: 'src/storage/migration.ts',
      errors: [{ messageId: 'no-error-listener', line: 3, column: 16 }],
      output: js`
        import { Pool } from "pg";
        export async function migrate(config: { connectionString: string }) {
          const pool = new Pool({ connectionString: config.connectionString });

          pool.on("error", (err: Error) => {
            console.error("unexpected error on an idle database connection", err);
          });

          await pool.query(\`
            CREATE TABLE IF NOT EXISTS jobs (id UUID PRIMARY KEY);
          \`);
          await pool.end();
        }
      `,
    },
    {
      name: 'a pool an exported function makes, reads through and ends is not schema setup: gauges are still asked for',
      code: js`
        import { Pool } from 'pg';
        export async function count(url) {
          const pool = new Pool({ connectionString: url });
          await pool.query('CREATE TABLE IF NOT EXISTS hits (n int)');
          const { rows } = await pool.query('SELECT count(*) FROM hits');
          await pool.end();
          return rows[0];
        }
      `,
      filename: 'src/count.js',
      errors: [
        { messageId: 'not-monitored', line: 3, column: 16 },
        { messageId: 'no-error-listener', line: 3, column: 16 },
      ],
      output: js`
        import { Pool } from 'pg';
        export async function count(url) {
          const pool = new Pool({ connectionString: url });

          pool.on('error', (err) => {
            console.error('unexpected error on an idle database connection', err);
          });

          await pool.query('CREATE TABLE IF NOT EXISTS hits (n int)');
          const { rows } = await pool.query('SELECT count(*) FROM hits');
          await pool.end();
          return rows[0];
        }
      `,
    },
    {
      name: 'a pool a function makes, ended only when its first query fails, is still one made per call: said, not listened to',
      code: js`
        const { Pool } = require('pg');
        const check = async () => {
          const pool = new Pool();
          try {
            await pool.query('SELECT 1');
          } catch (err) {
            await pool.end();
          }
          await pool.query('SELECT 2');
        };
        module.exports = { check };
      `,
      filename: 'check.js',
      errors: [{ messageId: 'listener-per-call', line: 3, column: 16 }],
      output: null,
    },
    {
      // AndrewDrewDev/PERN-Backend-eCommerce's src/db/db.ts makes its pool in one branch or the other of its constructor.
      name: 'a pool made in a branch of the constructor: the listener follows it in that branch, once per instance',
      code: js`
        import { Pool } from 'pg'
        export class Db {
          private _pool: Pool
          constructor() {
            if (process.env.NODE_ENV === 'development') {
              this._pool = new Pool({ max: 5 })
            } else {
              this._pool = new Pool({ max: 5, connectionString: process.env.DATABASE_URL })
            }
          }
        }
      `,
      filename: 'src/db/db.ts',
      options: { metrics: 'none' },
      errors: [
        { messageId: 'not-monitored', line: 6, column: 20 },
        { messageId: 'not-monitored', line: 12, column: 20 },
        { messageId: 'no-error-listener', line: 6, column: 20 },
        { messageId: 'no-error-listener', line: 8, column: 20 },
      ],
      output: js`
        import { Pool } from 'pg'
        export class Db {
          private _pool: Pool
          constructor() {
            if (process.env.NODE_ENV === 'development') {
              this._pool = new Pool({ max: 5 })

              this._pool.on('error', (err: Error) => {
                console.error('unexpected error on an idle database connection', err)
              })
            } else {
              this._pool = new Pool({ max: 5, connectionString: process.env.DATABASE_URL })

              this._pool.on('error', (err: Error) => {
                console.error('unexpected error on an idle database connection', err)
              })
            }
          }
        }
      `,
    },
    {
      // YoungAizy/PERN-Stack-App's services keep their pool in a private field, made by the singleton's connect().
      name: "a pool kept in a class's private field (`this.#db`): named so, and listened to where it is made",
      code: js`
        import pg from 'pg';
        class Db {
          #db;
          constructor() {
            this.connect();
          }
          connect() {
            this.#db = new pg.Pool({ max: 5 });
          }
          get pool() {
            return this.#db;
          }
        }
        export default new Db();
      `,
      filename: 'config/db.js',
      errors: [
        { messageId: 'not-monitored', line: 8, column: 16, message: /`this\.#db`/ },
        { messageId: 'no-error-listener', line: 8, column: 16 },
      ],
      output: js`
        import pg from 'pg';
        class Db {
          #db;
          constructor() {
            this.connect();
          }
          connect() {
            this.#db = new pg.Pool({ max: 5 });

            this.#db.on('error', (err) => {
              console.error('unexpected error on an idle database connection', err);
            });
          }
          get pool() {
            return this.#db;
          }
        }
        export default new Db();
      `,
    },
    {
      name: 'a listener but nothing watching',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool();
        pool.on('error', (err) => {
          console.error(err);
        });
      `,
      errors: [{ messageId: 'not-monitored', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'CommonJS, double quotes, no semicolons',
      code: js`
        const { Pool } = require("pg")
        const pool = new Pool()
        module.exports = pool
      `,
      filename: 'db.js',
      errors: [
        { messageId: 'not-monitored', line: 2, column: 14 },
        { messageId: 'no-error-listener', line: 2, column: 14 },
      ],
      output: js`
        const { Pool } = require("pg")
        const pool = new Pool()

        pool.on("error", (err) => {
          console.error("unexpected error on an idle database connection", err)
        })

        module.exports = pool
      `,
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
      code: js`
        import { Pool } from 'pg';
        import { logger } from './log';
        export const pool = new Pool();
      `,
      errors: [
        { messageId: 'not-monitored', line: 3, column: 21 },
        { messageId: 'no-error-listener', line: 3, column: 21 },
      ],
      output: `${PG_IMPORT}import { logger } from './log';\nexport const pool = new Pool();\n\n${added("logger.error('unexpected error on an idle database connection', err)")}`,
    },
    {
      name: 'a pino logger (CommonJS)',
      code: js`
        const pino = require('pino');
        const { Pool } = require('pg');
        const log = pino();
        const pool = new Pool();
        module.exports = pool;
      `,
      filename: 'a.js',
      errors: [
        { messageId: 'not-monitored', line: 4, column: 14 },
        { messageId: 'no-error-listener', line: 4, column: 14 },
      ],
      output: `const pino = require('pino');\nconst { Pool } = require('pg');\nconst log = pino();\nconst pool = new Pool();\n\n${added("log.error({ err }, 'unexpected error on an idle database connection')", 'err')}\nmodule.exports = pool;\n`,
    },
    {
      name: 'a comment after the pool stays on its line',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool(); // main
        export default pool;
      `,
      errors: [
        { messageId: 'not-monitored', line: 2, column: 21 },
        { messageId: 'no-error-listener', line: 2, column: 21 },
      ],
      output: `${PG_IMPORT}export const pool = new Pool(); // main\n\n${added(consoleLog)}\nexport default pool;\n`,
    },
    {
      name: 'a pool made in a constructor',
      code: js`
        import { Pool } from 'pg';
        export class Db {
          pool: Pool;
          constructor() {
            this.pool = new Pool();
          }
        }
      `,
      errors: [
        { messageId: 'not-monitored', line: 5, column: 17 },
        { messageId: 'no-error-listener', line: 5, column: 17 },
      ],
      output: js`
        import { Pool } from 'pg';
        export class Db {
          pool: Pool;
          constructor() {
            this.pool = new Pool();

            this.pool.on('error', (err: Error) => {
              console.error('unexpected error on an idle database connection', err);
            });
          }
        }
      `,
    },
    {
      name: 'long-lived clients get no listener (a dead one ends the process, which is how it recovers): module-level, exported in an object, made on first use',
      code: js`
        import { Client } from 'pg';
        export const listener = new Client();
      `,
      errors: [
        {
          messageId: 'client-no-error-listener',
          line: 2,
          column: 25,
          message:
            /`listener` is one long-lived pg client .* adds no listener: one that only logs would keep the process up with a dead client .* Make it a pool/,
        },
      ],
      output: null,
    },
    {
      name: "a module-level client's connect() left unhandled is reported; one with a .catch or a callback is not (ESM, no semicolons)",
      code: js`
        import pgPkg from "pg"
        const { Client } = pgPkg
        const db = new Client({ connectionString: process.env.DATABASE_URL })
        db.connect()
        const audit = new Client()
        audit.connect().catch((err) => console.error(err))
        const legacy = new Client()
        legacy.connect((err) => { if (err) console.error(err) })
        export { db, audit, legacy }
      `,
      filename: 'app/db.ts',
      errors: [
        { messageId: 'client-no-error-listener', line: 3, column: 12 },
        { messageId: 'connect-unhandled', line: 4, column: 1 },
        { messageId: 'client-no-error-listener', line: 5, column: 15 },
        { messageId: 'client-no-error-listener', line: 7, column: 16 },
      ],
      output: null,
    },
    {
      name: 'a client kept in the exported object (CommonJS, tabs)',
      code: "const { Client } = require('pg');\n\nmodule.exports = {\n\tid: 'database',\n\tclient: new Client({ ssl: true }),\n\texec: async function () {\n\t\tawait this.client.connect();\n\t}\n};\n",
      filename: 'database.js',
      errors: [
        {
          messageId: 'client-no-error-listener',
          line: 5,
          column: 10,
          message: /^`client` is one long-lived pg client/,
        },
      ],
      output: null,
    },
    {
      name: 'a module-level client a handler makes on first use and never ends: the advice is to clear it in a listener',
      code: js`
        const { Client } = require('pg');
        let client = undefined;
        module.exports.handler = (event, context, callback) => {
          if (!client) {
            client = new Client(process.env.CONNECTION_STRING);
            client.connect();
          }
          client.query('SELECT 1', callback);
        };
      `,
      filename: 'index.js',
      errors: [
        {
          messageId: 'client-no-error-listener',
          line: 5,
          column: 14,
          message: /logs and clears `client` lets the next call make a new client/,
        },
        { messageId: 'connect-unhandled', line: 6, column: 5, message: /^`client\.connect\(\)` is neither awaited/ },
      ],
      output: null,
    },
    {
      name: 'a pool made once in a braced memo (`if (!pool) { pool = new Pool() }`) and one in a main() the script runs once get their listeners (double quotes, no semicolons)',
      code: js`
        import pg from "pg"
        let pool: pg.Pool | null = null
        export function getPool(): pg.Pool {
          if (!pool) {
            pool = new pg.Pool({
              connectionString: process.env.DATABASE_URL,
            })
          }
          return pool
        }
      `,
      filename: 'search.ts',
      options: { metrics: 'none' },
      errors: [
        { messageId: 'not-monitored', line: 5, column: 12 },
        { messageId: 'no-error-listener', line: 5, column: 12 },
      ],
      output: js`
        import pg from "pg"
        let pool: pg.Pool | null = null
        export function getPool(): pg.Pool {
          if (!pool) {
            pool = new pg.Pool({
              connectionString: process.env.DATABASE_URL,
            })

            pool.on("error", (err: Error) => {
              console.error("unexpected error on an idle database connection", err)
            })
          }
          return pool
        }
      `,
    },
    {
      name: 'a pool made in a main() the seed script runs once gets its listener in main()',
      code: js`
        import { Pool } from 'pg';
        async function main(): Promise<void> {
          const pool = new Pool();
          try {
            await pool.query('TRUNCATE TABLE users CASCADE');
          } finally {
            await pool.end();
          }
        }
        main().catch(() => process.exit(1));
      `,
      filename: 'scripts/clear-database.ts',
      errors: [{ messageId: 'no-error-listener', line: 3, column: 16 }],
      output: js`
        import { Pool } from 'pg';
        async function main(): Promise<void> {
          const pool = new Pool();

          pool.on('error', (err: Error) => {
            console.error('unexpected error on an idle database connection', err);
          });

          try {
            await pool.query('TRUNCATE TABLE users CASCADE');
          } finally {
            await pool.end();
          }
        }
        main().catch(() => process.exit(1));
      `,
    },
    {
      name: 'pools a factory returns as made (a NestJS useFactory, an exported createPool): reported, with no statement to follow',
      code: js`
        import { Pool } from 'pg';
        export const pgPoolProvider = {
          provide: 'PG_POOL',
          useFactory: (): Pool =>
            new Pool({
              max: 10,
            }),
        };
        export function createPool(url: string): Pool {
          return new Pool({ connectionString: url });
        }
        // ole-larsen/typescript-postgres-express's PostgresFactory returns its pool in the object it builds.
        export class PostgresFactory {
          static setup(url: string) {
            return { client: new Pool({ connectionString: url }), tables: { users: 'users' } };
          }
        }
      `,
      filename: 'database.provider.ts',
      options: { metrics: 'none' },
      errors: [
        {
          messageId: 'kept-pool-no-listener',
          line: 5,
          column: 5,
          message: /^the pool `useFactory\(\)` returns has no 'error' listener/,
        },
        { messageId: 'kept-pool-no-listener', line: 10, column: 10, message: /^the pool `createPool\(\)` returns/ },
        { messageId: 'kept-pool-no-listener', line: 15, column: 22, message: /^the pool `setup\(\)` returns/ },
      ],
      output: null,
    },
    {
      name: "a pool made in a boot function logs through the logger that function made before it (createLogger()), not console; debug('app') is no logger",
      code: js`
        import { Pool } from "pg";
        import debug from "debug";
        import { createLogger } from "./middlewares/logger";
        const boot = () => {
          const log = debug("app");
          const logger = createLogger();
          const pgPool = new Pool();
          return pgPool;
        };
        boot();
      `,
      filename: 'app.ts',
      options: { metrics: 'none' },
      errors: [{ messageId: 'no-error-listener', line: 7, column: 18 }],
      output: js`
        import { Pool } from "pg";
        import debug from "debug";
        import { createLogger } from "./middlewares/logger";
        const boot = () => {
          const log = debug("app");
          const logger = createLogger();
          const pgPool = new Pool();

          pgPool.on("error", (err: Error) => {
            logger.error("unexpected error on an idle database connection", err);
          });

          return pgPool;
        };
        boot();
      `,
    },
    {
      name: 'a pool made only under a condition (url ? new Pool() : undefined) gets its listener only when there is one (Next.js route, no semicolons)',
      code: js`
        import { Pool } from "pg"
        const pool = !process.env.NEON_DATABASE_URL
          ? new Pool({ connectionString: process.env.DATABASE_URL })
          : undefined
        export async function POST(request: Request) {
          await pool?.query("SELECT 1")
          return new Response("ok")
        }
      `,
      filename: 'app/api/operation/route.ts',
      options: { metrics: 'none' },
      errors: [
        { messageId: 'not-monitored', line: 3, column: 5 },
        { messageId: 'no-error-listener', line: 3, column: 5 },
      ],
      output: js`
        import { Pool } from "pg"
        const pool = !process.env.NEON_DATABASE_URL
          ? new Pool({ connectionString: process.env.DATABASE_URL })
          : undefined

        if (pool) {
          pool.on("error", (err: Error) => {
            console.error("unexpected error on an idle database connection", err)
          })
        }

        export async function POST(request: Request) {
          await pool?.query("SELECT 1")
          return new Response("ok")
        }
      `,
    },
    {
      name: "a listener added with optional chaining (pool?.on('error', ...)) counts: no second one, only the monitoring note",
      code: js`
        import { Pool } from 'pg';
        const pool = process.env.DATABASE_URL ? new Pool() : null;
        pool?.on('error', () => {});
      `,
      options: { metrics: 'none' },
      errors: [{ messageId: 'not-monitored', line: 2, column: 41 }],
      output: null,
    },
    {
      name: 'a pool a factory makes and returns gets its listener where it is made: one per pool, however often it is called',
      code: js`
        import { Pool } from 'pg';
        export function make() {
          const pool = new Pool();
          return pool;
        }
      `,
      errors: [
        { messageId: 'not-monitored', line: 3, column: 16 },
        { messageId: 'no-error-listener', line: 3, column: 16 },
      ],
      output: js`
        import { Pool } from 'pg';
        export function make() {
          const pool = new Pool();

          pool.on('error', (err: Error) => {
            console.error('unexpected error on an idle database connection', err);
          });

          return pool;
        }
      `,
    },
    {
      name: 'a pool made once in a one-statement if (a memo without braces): reported as made once, with no statement to follow',
      code: js`
        import { Pool } from 'pg';
        let shared: Pool | undefined;
        export function connectDB() {
          if (!shared) shared = new Pool();
          return shared;
        }
      `,
      errors: [
        {
          messageId: 'kept-pool-no-listener',
          line: 4,
          column: 25,
          message: /It is made once, but it is made in a one-statement `if`/,
        },
      ],
      output: null,
    },
    {
      // kapil-31/pg-node-outbox's Dispatcher keeps a LISTEN connection on this.listener and never listens for its 'error'.
      name: "a connection kept to listen on, with no 'error' listener: said, not fixed (a local, and a class's field)",
      code: js`
        import { pool } from './db';
        export async function listen(handle) {
          const client = await pool.connect();
          client.on('notification', (msg) => handle(msg.payload));
          await client.query('LISTEN jobs');
        }
        export class Dispatcher {
          constructor(pool) {
            this.pool = pool;
          }
          async setup() {
            this.listener = await this.pool.connect();
            await this.listener.query('LISTEN outbox_events');
          }
        }
      `,
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [
        {
          messageId: 'subscriber-no-error-listener',
          line: 3,
          column: 3,
          message: /^`client` is checked out and kept to listen \(`client\.on\(\.\.\.\)` subscribes to its events\)/,
        },
        {
          messageId: 'subscriber-no-error-listener',
          line: 12,
          column: 27,
          message: /^`this\.listener` is checked out and kept to listen \(`this\.listener` runs LISTEN\)/,
        },
      ],
      output: null,
    },
    {
      name: 'a connection held across other work',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        pool.on('error', (err) => {
          console.error(err);
        });
        export async function f() {
          const c = await pool.connect();
          await fetch('x');
          await c.query('SELECT 1');
          c.release();
        }
      `,
      errors: [
        { messageId: 'not-monitored', line: 2, column: 14 },
        { messageId: 'held-across-await', line: 8, column: 3 },
      ],
      output: null,
    },
    {
      name: 'a local function that queries on the held connection (a closure over it) is its own work; one that fetches is not',
      code: js`
        import { pool } from './db';
        export async function seed(sessions) {
          const client = await pool.connect();
          try {
            const setSession = async (id) => {
              await client.query("select set_config('jwt.claims.session_id', $1, true)", [id]);
            };
            const notify = async (id) => {
              await fetch('https://hooks.example.com/' + id);
            };
            await setSession(sessions[0]);
            await client.query('SELECT app_public.create_organization($1)', ['acme']);
            await notify(sessions[0]);
            await client.query('SELECT 1');
          } finally {
            client.release();
          }
        }
      `,
      filename: 'seed.ts',
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [
        {
          messageId: 'held-across-await',
          line: 13,
          column: 5,
          message: /while this awaits `notify\(\) \(it awaits fetch\)`/,
        },
      ],
      output: null,
    },
    {
      name: 'work is named by the shared classifier: thread-pool work inside a branch of the held section',
      code: js`
        import bcrypt from 'bcrypt';
        import { pool } from './db';
        export async function register(req) {
          const client = await pool.connect();
          try {
            if (req.body.password) {
              const hash = await bcrypt.hash(req.body.password, 10);
              await client.query('INSERT INTO users (hash) VALUES ($1)', [hash]);
            }
          } finally {
            client.release();
          }
        }
      `,
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'held-across-await', line: 7, column: 20, message: /awaits `bcrypt\.hash`;/ }],
      output: null,
    },
    {
      name: 'a query on another pool of the file is database work, whatever the pool is called; a call on a name with "pool" in it is not',
      code: js`
        const { Pool } = require('pg');
        const db = new Pool();
        const reports = new Pool();
        db.on('error', (err) => console.error(err));
        reports.on('error', (err) => console.error(err));
        async function f(poolManager) {
          const c = await db.connect();
          await reports.query('SELECT 1');
          await poolManager.refresh();
          await c.query('SELECT 1');
          c.release();
        }
        module.exports = { f, db, reports };
      `,
      filename: 'a.js',
      options: { metrics: 'none' },
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [
        { messageId: 'not-monitored', line: 2, column: 12 },
        { messageId: 'not-monitored', line: 3, column: 17 },
        { messageId: 'held-across-await', line: 9, column: 3, message: /awaits `poolManager\.refresh\(\)`;/ },
      ],
      output: null,
    },
    {
      name: 'a pool imported from another module, held across other work, in a pg project',
      code: js`
        const { pool } = require('./db');
        async function f() {
          const c = await pool.connect();
          await fetch('x');
          await c.query('SELECT 1');
          c.release();
        }
      `,
      filename: 'a.js',
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'held-across-await', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'mysql2 has no counters for gauges',
      code: js`
        const mysql = require('mysql2');
        const pool = mysql.createPool({});
        module.exports = pool;
      `,
      filename: 'a.js',
      options: { metrics: 'otel' },
      errors: [{ messageId: 'no-counters', line: 2, column: 14 }],
      output: null,
    },
    {
      name: '--metrics prom-client registers the gauges',
      code: js`
        import { Pool } from 'pg';
        import { monitorPool } from './pool-metrics';
        export const pool = new Pool();
        pool.on('error', (err) => {
          console.error(err);
        });
      `,
      options: { metrics: 'prom-client' },
      errors: [{ messageId: 'metrics-added', line: 3, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        import { monitorPool } from './pool-metrics';
        export const pool = new Pool();

        monitorPool(pool, 'file.pool');

        pool.on('error', (err) => {
          console.error(err);
        });
      `,
    },
  ],
});
