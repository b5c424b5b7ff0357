/** pool-size, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/pool-size';
import { ruleTable } from '../support/rule-tester';
import { js, SERVER_START_ONCE, SETUP_SCRIPT } from '../support/code';

const budget = { dbMaxConnections: 100, instances: 4 };
const arithmetic = '// floor((100 - 3) / 4) = 24: max_connections 100, 3 reserved, 4 instances';
const url = 'pg:connectionString=url';

ruleTable(transform, {
  valid: [
    {
      name: 'drizzle handed a pool the code makes: that pool is read, drizzle makes none',
      code: js`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { Pool } from 'pg';
        const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
        export const db = drizzle(pool);
        export const other = drizzle({ client: pool, schema: {} });
        const options = { client: pool };
        export const third = drizzle({ ...options, connection: {} });
      `,
      filename: 'db.js',
    },
    {
      // kapil-31/pg-node-queue's src/storage/migration.ts: an exported migrate() its command line runs once.
      name: 'a pool a function makes for its schema statements and ends is the setup, not a pool per call (TypeScript, double quotes)',
      code: js`
        import { Pool } from "pg";
        export async function migrate(config: { connectionString: string }) {
          const pool = new Pool({ connectionString: config.connectionString });
          pool.on("error", () => {});
          await pool.query(\`
            CREATE TABLE IF NOT EXISTS jobs (id UUID PRIMARY KEY);
            CREATE INDEX IF NOT EXISTS jobs_next ON jobs (id);
          \`);
          await pool.end();
        }
      `,
      filename: 'src/storage/migration.ts',
    },
    {
      name: "a size the PM2 processes do not multiply past PostgreSQL's default limit",
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 20 });
      `,
      project: { nodeProcesses: { count: 4, source: 'ecosystem.config.js: instances 4' } },
    },
    {
      name: 'processes only known where they run are not multiplied without a budget to size from',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 60 });
      `,
      project: { nodeProcesses: { source: 'ecosystem.config.js: instances max' } },
    },
    {
      // zacanger/koa-pg-react-boilerplate's db.ts: the pool handed to Kysely's dialect by a function the module runs once.
      name: 'a pool made by a function the module calls once at load is made once, not per call',
      code: js`
        import { Kysely, PostgresDialect } from 'kysely';
        import * as pg from 'pg';
        const getDb = () => {
          const dialect = new PostgresDialect({ pool: new pg.Pool({ max: 10 }) });
          return new Kysely({ dialect });
        };
        export const db = getDb();
      `,
    },
    {
      // doron2402/hapi-postgres-pool's plugin: one pool per configured connection, kept by key and exposed to the server.
      name: 'a pool a function keeps in a registry under a computed key is not made per call',
      code: js`
        const { Pool } = require('pg');
        exports.register = (server, configuration) => {
          const pools = {};
          configuration.connections.forEach((config, index) => {
            pools[config.key || index] = new Pool({ max: 5 });
          });
          server.expose('pg', pools);
        };
      `,
    },
    {
      // FlyBirdHeight/adsionli-back's Database class (double quotes, no semicolons here): one pool per database, kept in a Map.
      name: 'a pool handed straight to a call that keeps it (a Map of pools by name) is not made per call',
      code: js`
        import mysql from "mysql"
        export default class Database {
          constructor(config) {
            this.config = config
            this.pools = new Map()
          }
          createPool(name) {
            this.pools.set(name, mysql.createPool({ connectionLimit: 10, ...this.config[name] }))
          }
        }
      `,
    },
    {
      name: "a pool made by a server module's start function, which the module calls once, is made once",
      code: SERVER_START_ONCE,
    },
    {
      name: 'a pool a setup script makes in the function it runs once (runMain(async () => ...)) is made once per run',
      code: SETUP_SCRIPT,
      filename: 'scripts/setup_db.js',
    },
    {
      // faijan530/Jasiq_Core_Ops's check-permissions.js (tabs, double quotes here): a one-off script beside the server.
      name: "a script's module-level pool is made once per run: its size is not weighed against the service's instances",
      filename: 'check-permissions.js',
      code: js`
		import { Pool } from "pg";

		const pool = new Pool({ connectionString: process.env.DATABASE_URL });

		async function checkPermissions() {
			try {
				const result = await pool.query("SELECT code FROM permission");
				console.log(result.rows);
			} finally {
				await pool.end();
			}
		}

		checkPermissions();
		`,
    },
    {
      // rokyed/ava's test.js (tabs, no semicolons): the work runs under a top-level if/else, once per `npm test`.
      name: 'a script whose work runs from a top-level if/else makes its pools once per run',
      filename: 'test.js',
      code: js`
		require('dotenv').config()
		const { Pool } = require('pg')
		const { TEST = 0, BASH_TEST = 0 } = process.env

		async function test() {
			let pool = new Pool()
			let client = await pool.connect()
			await client.query('SELECT 1')
			client.release()
			process.exit(0)
		}

		async function bashTest() {
			let pool = new Pool()
			await pool.query('SELECT 1')
		}

		if (+TEST !== 1) {
			console.log('set TEST=1')
			process.exit(0)
		} else {
			try {
				if (+BASH_TEST) bashTest()
				else test()
			} catch (e) {
				console.error(e)
			}
		}
		`,
    },
    {
      name: 'a pool an init function stores in a module variable is not made per call',
      code: js`
        import { Pool } from 'pg';
        let pool;
        export async function connectDb(config) {
          pool = new Pool({ ...config, max: 10 });
          await pool.query('SELECT 1');
        }
      `,
    },
    {
      name: 'a pool a setup function hands to the app is not made per call',
      code: js`
        import { Pool } from 'pg';
        export function installPools(app) {
          const rootPool = new Pool({ max: 5 });
          app.set('rootPool', rootPool);
        }
      `,
    },
    {
      name: 'an explicit size',
      code: js`
      import { Pool } from 'pg';
      export const pool = new Pool({ max: 20 });
    `,
    },
    {
      name: "pg's legacy poolSize counts as a size",
      code: js`
      import { Pool } from 'pg';
      export const pool = new Pool({ poolSize: 20 });
    `,
    },
    {
      name: 'a size within the budget is kept',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 20 });
      `,
      options: budget,
    },
    {
      name: 'max 100 is not over the default limit',
      code: js`
      import { Pool } from 'pg';
      export const pool = new Pool({ max: 100 });
    `,
    },
    {
      name: "a mysql pool at MySQL's default max_connections (151) is within it",
      code: js`
        const mysql = require('mysql');
        module.exports = mysql.createPool({ connectionLimit: 151 });
      `,
    },
    {
      name: 'mysql2 with a connectionLimit',
      code: js`
        const mysql = require('mysql2');
        const pool = mysql.createPool({ connectionLimit: 5 });
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
      name: 'a local createPool is not a library',
      code: js`
        import { createPool } from './db';
        export const pool = createPool({});
      `,
    },
    {
      name: 'a pg Client is not a pool',
      code: js`
      import { Client } from 'pg';
      export const c = new Client();
    `,
    },
    {
      name: 'a look-alike class name',
      code: js`
      import { Pool } from 'pg';
      export class Pool2 {}
      const p = new Pool2();
    `,
    },
  ],
  invalid: [
    {
      name: 'PM2 instances divide the budget: floor((100 - 3) / (2 × 4)), with where they were read',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          connectionString: process.env.DATABASE_URL,
        });
      `,
      options: { dbMaxConnections: 100, instances: 2 },
      project: { nodeProcesses: { count: 4, source: 'ecosystem.config.js: instances 4' } },
      errors: [{ messageId: 'sized-for-processes', line: 2, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          connectionString: process.env.DATABASE_URL,
          max: 12, // floor((100 - 3) / (2 × 4)) = 12: max_connections 100, 3 reserved, 2 instances × 4 processes (ecosystem.config.js: instances 4)
        });
      `,
    },
    {
      name: 'PM2 instances per CPU: no size from a guess, and what to pass instead',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 50 });
      `,
      options: budget,
      project: { nodeProcesses: { source: 'ecosystem.config.js: instances max' } },
      errors: [
        {
          messageId: 'processes-unknown',
          line: 2,
          column: 21,
          message: /known only where it runs \(ecosystem\.config\.js: instances max\).*--processes P/,
        },
      ],
      output: null,
    },
    {
      name: '--processes gives the count the repository does not',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 50 });
      `,
      options: { ...budget, processes: 3 },
      project: { nodeProcesses: { source: 'ecosystem.config.js: instances max' } },
      errors: [{ messageId: 'sized-for-processes', line: 2, column: 32 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 8 });
      `,
    },
    {
      name: 'an entry point that forks a cluster worker per CPU and loads the pool itself',
      filename: 'server.js',
      code: js`
        const cluster = require('node:cluster');
        const os = require('node:os');
        const { Pool } = require('pg');

        if (cluster.isPrimary) {
          for (let i = 0; i < os.availableParallelism(); i++) cluster.fork();
        }
        const pool = new Pool({ max: 20 });
        module.exports = pool;
      `,
      options: budget,
      scan: { processes: { '/project/server.js': ['/project/server.js'] } },
      errors: [{ messageId: 'processes-unknown', line: 8, column: 14, message: /\(this file: cluster\.fork\(\)\)/ }],
      output: null,
    },
    {
      name: 'cluster workers in a loop with a numeric bound are counted',
      filename: 'server.mjs',
      code: js`
        import cluster from 'cluster';
        import pg from 'pg';

        if (cluster.isPrimary) {
          for (let i = 0; i < 4; i++) {
            cluster.fork();
          }
        }
        export const pool = new pg.Pool({ max: 50 });
      `,
      options: { dbMaxConnections: 100, instances: 2 },
      scan: { processes: { '/project/server.mjs': ['/project/server.mjs'] } },
      errors: [{ messageId: 'sized-for-processes', line: 9, column: 35 }],
      output: js`
        import cluster from 'cluster';
        import pg from 'pg';

        if (cluster.isPrimary) {
          for (let i = 0; i < 4; i++) {
            cluster.fork();
          }
        }
        export const pool = new pg.Pool({ max: 12 });
      `,
    },
    {
      name: "throng's count of workers",
      filename: 'server.js',
      code: js`
        const throng = require('throng');
        const { Pool } = require('pg');
        const pool = new Pool();
        throng({ worker: start, count: 2 });
        function start() {}
      `,
      options: { dbMaxConnections: 100, instances: 2 },
      scan: { processes: { '/project/server.js': ['/project/server.js'] } },
      errors: [{ messageId: 'sized-for-processes', line: 3, column: 14 }],
      output: js`
        const throng = require('throng');
        const { Pool } = require('pg');
        const pool = new Pool({ max: 24 });
        throng({ worker: start, count: 2 });
        function start() {}
      `,
    },
    {
      name: "without a budget, a size the PM2 processes multiply past PostgreSQL's default limit",
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 30 });
      `,
      project: { nodeProcesses: { count: 4, source: 'ecosystem.config.js: instances 4' } },
      errors: [{ messageId: 'processes-over-limit', line: 2, column: 32, message: /120 from one instance/ }],
      output: null,
    },
    {
      name: 'no size',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool();
      `,
      errors: [{ messageId: 'no-explicit-size', line: 2, column: 21 }],
      output: null,
    },
    {
      name: "a pool made as the module's export is named by its construction, not `module.exports`",
      code: js`
        const { Pool } = require('pg');
        module.exports = new Pool({ connectionString: process.env.DATABASE_URL });
      `,
      errors: [{ messageId: 'no-explicit-size', line: 2, column: 18, message: /^`new Pool\(\.\.\.\)` sets no `max`/ }],
      output: null,
    },
    {
      name: 'a config with no size',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
      `,
      errors: [{ messageId: 'no-explicit-size', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'the size is added from the budget',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          connectionString: process.env.DATABASE_URL,
        });
      `,
      options: budget,
      errors: [{ messageId: 'sized', line: 2, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          connectionString: process.env.DATABASE_URL,
          max: 24, // floor((100 - 3) / 4) = 24: max_connections 100, 3 reserved, 4 instances
        });
      `,
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
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          poolSize: 50,
        });
      `,
      options: budget,
      errors: [{ messageId: 'sized', line: 3, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          poolSize: 24, // floor((100 - 3) / 4) = 24: max_connections 100, 3 reserved, 4 instances
        });
      `,
    },
    {
      name: 'mysql2 gets a connectionLimit (ESM, double quotes)',
      code: js`
        import mysql from "mysql2/promise";

        export const pool = mysql.createPool({
          uri: process.env.DB,
        });
      `,
      filename: 'db.mjs',
      options: budget,
      errors: [{ messageId: 'sized', line: 3, column: 21 }],
      output: js`
        import mysql from "mysql2/promise";

        export const pool = mysql.createPool({
          uri: process.env.DB,
          connectionLimit: 24, // floor((100 - 3) / 4) = 24: max_connections 100, 3 reserved, 4 instances
        });
      `,
    },
    {
      name: 'over PostgreSQL default max_connections',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 200 });
      `,
      errors: [{ messageId: 'over-default-limit', line: 2, column: 32 }],
      output: null,
    },
    {
      // 44David/ZeroTag's src/app/lib/db.ts (double quotes, no semicolons): 1000 against MySQL's 151.
      name: "over MySQL's default max_connections (mysql2/promise, TypeScript)",
      filename: 'db.ts',
      code: js`
        import mysql from "mysql2/promise"

        const pool = mysql.createPool({
            connectionLimit: 1000,
            host: process.env.DB_HOST,
        })

        export default pool
      `,
      errors: [
        {
          messageId: 'over-default-limit',
          line: 4,
          column: 5,
          message: /more than MySQL's default max_connections \(151\).*\("Too many connections"\)/,
        },
      ],
      output: null,
    },
    {
      name: 'no budget for this many instances',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ max: 10 });
      `,
      options: { dbMaxConnections: 10, instances: 20 },
      errors: [{ messageId: 'no-budget', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'a connection string hides the size',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool(process.env.DATABASE_URL);
      `,
      errors: [{ messageId: 'config-opaque', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'an imported spread hides the size',
      code: js`
        import { Pool } from 'pg';
        import { cfg } from './cfg';
        export const pool = new Pool({ ...cfg });
      `,
      errors: [{ messageId: 'config-opaque', line: 3, column: 21 }],
      output: null,
    },
    {
      name: 'mysql2 with a uri string',
      code: js`
        import mysql from "mysql2/promise";

        export const pool = mysql.createPool(process.env.DB);
      `,
      filename: 'db.mjs',
      errors: [{ messageId: 'config-opaque', line: 3, column: 21 }],
      output: null,
    },
    {
      // guojianlan/koa-mysql-redis-docker's libs/db.ts: the server's constructor calls it once and keeps what it resolves.
      name: "a factory that resolves the pool's promise wrapper keeps the pool: not one per call (TypeScript, no semicolons)",
      code: js`
        let mysql = require('mysql2')
        export function connect(config: { host: string }) {
          return new Promise((resolve, reject) => {
            let pool = mysql.createPool(config)
            const promisePool = pool.promise()
            pool.getConnection((err: any, connection: any) => {
              if (err) reject(err)
              else {
                connection.release()
                resolve(promisePool)
              }
            })
          })
        }
      `,
      filename: 'libs/db.ts',
      errors: [{ messageId: 'config-opaque', line: 4, column: 16, message: /a parameter/ }],
      output: null,
    },
    {
      name: '--min and --idle-timeout-ms are added',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          max: 5,
        });
      `,
      options: { min: 1, idleTimeoutMs: 30000 },
      errors: [{ messageId: 'options-added', line: 2, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          max: 5,
          min: 1, // connections kept open while idle
          idleTimeoutMillis: 30000, // close connections idle for longer than this
        });
      `,
    },
    {
      name: 'a pool made per call, ended on the failed path too',
      code: js`
        import { Pool } from 'pg';
        export async function f() {
          const pool = new Pool();
          try {
            await pool.query('SELECT 1');
          } catch (error) {
            await pool.end();
            throw error;
          }
          await pool.end();
        }
      `,
      errors: [{ messageId: 'pool-per-call', line: 3, column: 16 }],
      output: null,
    },
    {
      name: 'a schema function that also reads, or never ends its pool, still makes a pool per call (no semicolons)',
      code: js`
        import { Pool } from 'pg'
        export async function setup() {
          const pool = new Pool()
          await pool.query('CREATE TABLE IF NOT EXISTS t (id int)')
          return pool.query('SELECT count(*) FROM t')
        }
        export async function setupForever() {
          const pool = new Pool()
          await pool.query('CREATE TABLE IF NOT EXISTS t (id int)')
        }
        export async function setupTemp() {
          const pool = new Pool()
          await pool.query('CREATE TEMP TABLE t (id int)')
          await pool.end()
        }
      `,
      errors: [
        { messageId: 'pool-per-call', line: 3, column: 16 },
        { messageId: 'pool-per-call', line: 8, column: 16 },
        { messageId: 'pool-per-call', line: 12, column: 16 },
      ],
      output: null,
    },
    {
      // Node-Typescript-PostgreSQL's DBConnection: a model per request extends it (the scan found where).
      name: 'a pool made per instance of a class the project instantiates per call: said, with where',
      code: js`
        import { Pool } from 'pg';
        export class DBConnection {
          constructor() {
            this.pool = new Pool({ max: 5 });
          }
        }
        export async function handler(req, res) {
          const db = new DBConnection();
          res.json(await db.pool.query('SELECT 1'));
        }
      `,
      scan: {
        poolInstances: {
          '/project/file.ts': {
            DBConnection: [
              { file: '/project/file.ts', line: 8, made: 'DBConnection' },
              { file: '/project/routes/users.ts', line: 12, made: 'User' },
            ],
          },
        },
      },
      errors: [
        {
          messageId: 'pool-per-instance',
          line: 4,
          column: 17,
          message:
            /^a new pg pool is made for every instance of `DBConnection`, and `new DBConnection\(\)` \(line 8\) makes an instance on every call \(and 1 more place\):/,
        },
      ],
      output: null,
    },
    {
      // corps21/auth-service-typescript-postgres's src/db/index.ts: drizzle's quick start, no pool in sight.
      name: "drizzle given a connection string or connection options makes pg's pool itself: said, with how to hand one over",
      code: js`
        import { drizzle } from 'drizzle-orm/node-postgres'
        import * as schema from './schema'
        export const db = drizzle(process.env.DATABASE_URL!, { schema })
        export const reports = drizzle({ connection: { connectionString: process.env.REPORTS_URL }, schema })
      `,
      filename: 'src/db/index.ts',
      errors: [
        {
          messageId: 'orm-made-pool',
          line: 3,
          column: 19,
          message:
            /^`drizzle\(\.\.\.\)` is given a connection string, so drizzle-orm\/node-postgres makes the pg pool itself, with pg's defaults: up to 10 connections.*\(`drizzle\(\{ client: pool \}\)`\)/,
        },
        { messageId: 'orm-made-pool', line: 4, column: 24, message: /is given `connection` options/ },
      ],
      output: null,
    },
    {
      name: "and drizzle's mysql2 driver makes a mysql2 pool the same way (CommonJS, double quotes)",
      code: 'const { drizzle } = require("drizzle-orm/mysql2");\nconst db = drizzle(`mysql://app@${process.env.DB_HOST}/app`);\nmodule.exports = { db };\n',
      filename: 'db.js',
      errors: [
        {
          messageId: 'orm-made-pool',
          line: 2,
          column: 12,
          message:
            /so drizzle-orm\/mysql2 makes the mysql2 pool itself, with mysql2's defaults: up to 10 connections, a queue of waiting callers without limit/,
        },
      ],
      output: null,
    },
    {
      // ole-larsen/typescript-postgres-express's PostgresFactory.SetupRDBMS(), called once by its service registry.
      name: 'a factory that returns its pool in the object it builds keeps the pool: not one per call',
      code: js`
        import { Pool } from 'pg';
        export class PostgresFactory {
          static setup(url) {
            return { client: new Pool({ connectionString: url }), tables: { users: 'users' } };
          }
        }
      `,
      filename: 'postgres.factory.js',
      errors: [{ messageId: 'no-explicit-size', line: 4, column: 22 }],
      output: null,
    },
    {
      // ezekiel-g/employees-hono-postgresql's connectToDb(), awaited once by server.ts.
      name: 'a pool a function returns, ended only in the catch of its first query, is kept: the size is weighed, not made per call',
      code: js`
        import { Pool } from 'pg'
        export const connectToDb = async (): Promise<Pool | null> => {
          let pool: Pool | null = new Pool({ connectionString: process.env.DB_URI })
          try {
            await pool.query('SELECT 1;')
          } catch (error) {
            await pool.end()
            pool = null
          }
          return pool
        }
      `,
      filename: 'db.ts',
      errors: [{ messageId: 'no-explicit-size', line: 3, column: 27 }],
      output: null,
    },
    {
      name: 'a pool made by a function the module calls once at load but exports for others to call is made per call',
      code: js`
        import { Pool } from 'pg';
        import { app } from './app';
        export function start() {
          const pool = new Pool({ max: 5 });
          app.get('/', async (req, res) => res.json((await pool.query('SELECT 1')).rows));
          app.listen(3000);
        }
        start();
      `,
      errors: [{ messageId: 'pool-per-call', line: 4, column: 16 }],
      output: null,
    },
    {
      name: 'a pool made by a function the module calls twice is made per call',
      code: js`
        import { Pool } from 'pg';
        import { app } from './app';
        function start() {
          const pool = new Pool({ max: 5 });
          app.get('/', async (req, res) => res.json((await pool.query('SELECT 1')).rows));
          app.listen(3000);
        }
        start();
        start();
      `,
      errors: [{ messageId: 'pool-per-call', line: 4, column: 16 }],
      output: null,
    },
    {
      name: 'a pool made by a function the module calls in a top-level loop is made per call',
      code: js`
        import { Pool } from 'pg';
        import { app } from './app';
        function start(port) {
          const pool = new Pool({ max: 5 });
          app.get('/', async (req, res) => res.json((await pool.query('SELECT 1')).rows));
          app.listen(port);
        }
        for (const port of [3000, 3001]) start(port);
      `,
      errors: [{ messageId: 'pool-per-call', line: 4, column: 16 }],
      output: null,
    },
    {
      name: 'two pools to one database in one file',
      code: js`
        import { Pool } from 'pg';
        const url = process.env.DATABASE_URL;
        export const a = new Pool({ connectionString: url, max: 5 });
        export const b = new Pool({ connectionString: url, max: 5 });
      `,
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
    {
      name: 'two pools to one database in one file tuned apart: a split by workload, a note',
      code: js`
        import { Pool } from 'pg';
        const url = process.env.DATABASE_URL;
        export const api = new Pool({ connectionString: url, max: 10, statement_timeout: 5000 });
        export const reports = new Pool({ connectionString: url, max: 2, statement_timeout: 600000 });
      `,
      scan: {
        pools: ['api', 'reports'].map((name, i) => ({
          driver: 'pg',
          path: '/project/file.ts',
          name,
          config: '{}',
          exported: true,
          planned: false,
          target: url,
          line: 3 + i,
        })),
      },
      errors: [
        {
          messageId: 'pools-split-by-work',
          line: 3,
          column: 20,
          message: /`reports` in this file:4\), tuned apart \(`statement_timeout`\)/,
        },
        { messageId: 'pools-split-by-work', line: 4, column: 24 },
      ],
      output: null,
    },
  ],
});
