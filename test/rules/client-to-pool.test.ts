/** client-to-pool, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/client-to-pool';
import { ruleTable } from '../support/rule-tester';
import { PG_CLIENT_IMPORT, js, SERVER_START_ONCE, SETUP_SCRIPT } from '../support/code';
import { sharedPool } from '../support/scan';

const scan = sharedPool('pg', '/project/db.ts');
/** A function with a connection of its own: `body` runs between connect and end. */
const perCall = (body: string) =>
  `${PG_CLIENT_IMPORT}export async function f() {\n  const c = new Client();\n  await c.connect();\n${body}  await c.end();\n  return r.rows;\n}\n`;

ruleTable(transform, {
  valid: [
    {
      name: "one-shot scripts keep their own connections: a setup script run by runMain(), a migration with a module-level client ended on its query's end event",
      code: SETUP_SCRIPT,
      filename: 'scripts/setup_db.js',
    },
    {
      name: 'an exported initDb() that only creates the schema keeps its own client, even beside a shared pool (CommonJS)',
      code: js`
        const { Client } = require('pg');
        async function initDb() {
          const client = new Client({ connectionString: process.env.DATABASE_URL });
          await client.connect();
          await client.query('CREATE TABLE IF NOT EXISTS users (id serial primary key, name text)');
          await client.query(\`CREATE INDEX IF NOT EXISTS users_name ON users (name)\`);
          await client.end();
        }
        module.exports = { initDb };
      `,
      filename: 'src/init.js',
      scan: sharedPool('pg', '/project/src/db.js'),
    },
    {
      name: "a pool a server module's start function makes, called once at load, is that process's pool, not one per call",
      code: SERVER_START_ONCE,
    },
    {
      name: 'a migration script: a module-level client, connected and ended at the top level',
      code: js`
        const pg = require('pg');
        const client = new pg.Client(process.env.DATABASE_URL);
        client.connect();
        const query = client.query('CREATE TABLE items(id SERIAL PRIMARY KEY)');
        query.on('end', () => { client.end(); });
      `,
      filename: 'server/models/database.js',
    },
    // One-shot scripts: connect, work and end once per process.
    {
      name: 'a main() the module calls once',
      code: js`
        const { Client } = require('pg');
        async function main() {
          const client = new Client();
          await client.connect();
          await client.query('SELECT 1');
          await client.end();
        }
        main().catch((e) => {
          console.error(e);
          process.exit(1);
        });
      `,
      filename: 'migrate.js',
      scan,
    },
    {
      name: 'an immediately called async function',
      code: js`
        const { Client } = require('pg')
        ;(async () => {
          const client = new Client()
          await client.connect()
          await client.query('SELECT 1')
          await client.end()
        })()
      `,
      filename: 'seed.js',
      scan,
    },
    {
      name: 'a top-level ESM script',
      code: js`
        import pg from 'pg';
        const client = new pg.Client();
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
      `,
      filename: 'migrate.mjs',
      scan,
    },
    {
      name: 'already on the shared pool',
      code: js`
        import { pool } from './db';
        export async function f() {
          const r = await pool.query('SELECT 1');
          return r.rows;
        }
      `,
      scan,
    },
    {
      name: 'an undici Client',
      code: js`
        import { Client } from 'undici';
        export async function f() {
          const c = new Client('http://x');
          await c.request({ path: '/' });
          await c.close();
        }
      `,
      scan,
    },
    {
      name: 'a local Client with the same methods',
      code: js`
        import { Client } from './my-client';
        export async function f() {
          const c = new Client();
          await c.connect();
          await c.query('SELECT 1');
          await c.end();
        }
      `,
      scan,
    },
    {
      name: 'an Elasticsearch Client',
      code: js`
        import { Client } from '@elastic/elasticsearch';
        export async function f() {
          const c = new Client({ node: 'x' });
          await c.search({});
          await c.close();
        }
      `,
      scan,
    },
    {
      name: 'a look-alike class name',
      code: js`
        import { Client } from 'pg';
        export class Client2 {}
        export async function f() {
          const c = new Client2();
          return c;
        }
      `,
      scan,
    },
    {
      name: 'no Client at all',
      code: js`
      import { Pool } from 'pg';
      export const pool = new Pool();
    `,
      scan,
    },
  ],
  invalid: [
    {
      name: 'several statements become a checkout released in a finally',
      code: perCall("  await c.query('SELECT 1');\n  const r = await c.query('SELECT 2');\n"),
      scan,
      errors: [{ messageId: 'per-call-client', line: 3, column: 3 }],
      output: js`
        import { pool } from './db';
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
            const r = await c.query('SELECT 2');
            return r.rows;
          } finally {
            c.release();
          }
        }
      `,
    },
    {
      name: 'mysql2 promise connection with several statements',
      code: js`
        import mysql from 'mysql2/promise';
        export async function f() {
          const conn = await mysql.createConnection({});
          await conn.execute('SELECT 1');
          const [rows] = await conn.execute('SELECT 2');
          await conn.end();
          return rows;
        }
      `,
      scan: sharedPool('mysql2', '/project/db.ts', '{}'),
      errors: [{ messageId: 'per-call-client', line: 3, column: 3 }],
      output: js`
        import { pool } from './db';
        export async function f() {
          const conn = await pool.getConnection();
          try {
            await conn.execute('SELECT 1');
            const [rows] = await conn.execute('SELECT 2');
            return rows;
          } finally {
            conn.release();
          }
        }
      `,
    },
    {
      name: 'an AWS Lambda handler does not get an import of a pool module it may not be deployed with (ESM, no semicolons)',
      code: js`
        import pg from 'pg'

        export const handler = async (event) => {
          const client = new pg.Client()
          await client.connect()
          try {
            const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [event.id])
            return rows[0]
          } finally {
            await client.end()
          }
        }
      `,
      filename: 'index.mjs',
      scan: {
        pools: [
          {
            driver: 'pg',
            path: '/project/db.mjs',
            name: 'pool',
            config: '',
            exported: true,
            planned: true,
          },
        ],
      },
      errors: [
        {
          messageId: 'lambda-handler',
          line: 4,
          column: 3,
          message:
            /AWS Lambda handler \(`handler\(\)`\)\. Its pool would be `pool` in `\.\/db\.mjs`, a module the tool would write/,
        },
      ],
      output: null,
    },
    {
      name: 'an exported handler(req, res) is a route, not a Lambda handler: its connection moves to the pool',
      code: js`
        import { Client } from 'pg';
        export async function handler(req, res) {
          const c = new Client();
          await c.connect();
          const r = await c.query('SELECT 1');
          await c.end();
          res.json(r.rows);
        }
      `,
      scan,
      errors: [{ messageId: 'per-call-client', line: 3, column: 3 }],
      output: js`
        import { pool } from './db';
        export async function handler(req, res) {
          const r = await pool.query('SELECT 1');
          res.json(r.rows);
        }
      `,
    },
    {
      name: 'CommonJS, tabs, double quotes, no semicolons',
      code: 'const { Client } = require("pg")\n\nasync function f() {\n\tconst c = new Client()\n\tawait c.connect()\n\tawait c.query("SELECT 1")\n\tconst r = await c.query("SELECT 2")\n\tawait c.end()\n\treturn r.rows\n}\n\nmodule.exports = { f }\n',
      filename: 'a.js',
      scan: sharedPool('pg', '/project/db.js'),
      errors: [{ messageId: 'per-call-client', line: 4, column: 2 }],
      output:
        'const { pool } = require("./db")\n\nasync function f() {\n\tconst c = await pool.connect()\n\ttry {\n\t\tawait c.query("SELECT 1")\n\t\tconst r = await c.query("SELECT 2")\n\t\treturn r.rows\n\t} finally {\n\t\tc.release()\n\t}\n}\n\nmodule.exports = { f }\n',
    },
    {
      name: 'a client that creates a table and then inserts into it is not schema setup: it is pooled',
      code: perCall(
        "  await c.query('CREATE TABLE IF NOT EXISTS t (id int)');\n  const r = await c.query('INSERT INTO t VALUES (1)');\n",
      ),
      errors: [{ messageId: 'no-shared-pool', line: 3, column: 3 }],
      output: null,
    },
    {
      name: 'no shared pool known',
      code: perCall("  const r = await c.query('SELECT 1');\n"),
      errors: [{ messageId: 'no-shared-pool', line: 3, column: 3 }],
      output: null,
    },
    {
      name: 'a per-tenant database',
      code: js`
        import { Client } from 'pg';
        export async function f(db: string) {
          const c = new Client({ database: db });
          await c.connect();
          const r = await c.query('SELECT 1');
          await c.end();
          return r.rows;
        }
      `,
      scan,
      errors: [{ messageId: 'per-call-config', line: 3, column: 3 }],
      output: null,
    },
    {
      // saeedghofrani/Express-MySQL2's db/connection.db.js: the settings destructured from a required config file.
      name: 'locals destructured from a module-level config are the same on every call, not per-call settings (CommonJS)',
      filename: 'connection.js',
      code: "const { Client } = require('pg');\nconst config = require('./config.json');\nasync function load() {\n  const { host, user, database } = config[0].database;\n  const c = new Client({ host: host, user: user, database: database });\n  await c.connect();\n  const r = await c.query('SELECT 1');\n  await c.end();\n  return r.rows;\n}\nmodule.exports = load;\n",
      scan,
      errors: [{ messageId: 'config-not-portable', line: 5, column: 3, message: /cannot see \(`config`\)/ }],
      output: null,
    },
    {
      name: "a local that only reads module-level values, named like a module pool's setting, is not taken for it",
      code: js`
        import { Pool, Client } from 'pg';
        const settings = { reports: 'reports' };
        const database = 'app';
        export const pool = new Pool({ database });
        export async function f() {
          const database = settings.reports;
          const c = new Client({ database });
          await c.connect();
          const r = await c.query('SELECT 1');
          await c.end();
          return r.rows;
        }
      `,
      errors: [{ messageId: 'config-not-portable', line: 7, column: 3, message: /cannot see \(`settings`\)/ }],
      output: null,
    },
    {
      name: "a local read from the instance (`this`) is the instance's, not module-level: never matched to a pool by its text",
      code: js`
        import { Pool, Client } from 'pg';
        const host = 'db';
        export const pool = new Pool({ host });
        export class Repo {
          async count() {
            const host = this.host;
            const c = new Client({ host });
            await c.connect();
            const r = await c.query('SELECT 1');
            await c.end();
            return r.rows;
          }
        }
      `,
      errors: [{ messageId: 'per-call-config', line: 7, column: 5, message: /it uses `host`/ }],
      output: null,
    },
    {
      name: 'a local read from a parameter is still per call',
      code: js`
        import { Client } from 'pg';
        export async function f(options) {
          const { database } = options;
          const c = new Client({ database });
          await c.connect();
          const r = await c.query('SELECT 1');
          await c.end();
          return r.rows;
        }
      `,
      scan,
      errors: [{ messageId: 'per-call-config', line: 4, column: 3, message: /it uses `options`/ }],
      output: null,
    },
    {
      name: 'a config the pool module cannot see',
      code: js`
        import { Client } from 'pg';
        const settings = { ssl: true };
        export async function f() {
          const c = new Client(settings);
          await c.connect();
          const r = await c.query('SELECT 1');
          await c.end();
          return r.rows;
        }
      `,
      scan,
      errors: [{ messageId: 'config-not-portable', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'a returned client',
      code: js`
        import { Client } from 'pg';
        export async function f() {
          const c = new Client();
          await c.connect();
          return c;
        }
      `,
      scan,
      errors: [{ messageId: 'client-escapes', line: 5, column: 10 }],
      output: null,
    },
    {
      name: 'a LISTEN client',
      code: js`
        import { Client } from 'pg';
        export async function f() {
          const c = new Client();
          await c.connect();
          await c.query('LISTEN x');
        }
      `,
      scan,
      errors: [{ messageId: 'listen-client', line: 5, column: 9 }],
      output: null,
    },
    {
      name: "a pool made per call with an 'error' listener: not a subscription, and the listener is that call's pool's",
      code: js`
        import { Pool } from 'pg';
        export async function f() {
          const pool = new Pool();
          pool.on('error', (err) => console.error(err));
          const { rows } = await pool.query('SELECT 1');
          await pool.end();
          return rows;
        }
      `,
      scan,
      errors: [
        {
          messageId: 'unsupported',
          line: 4,
          column: 3,
          message: /`pool.on\('error', ...\)` listens on this call's own pool/,
        },
      ],
      output: null,
    },
    {
      name: 'session state',
      code: perCall("  await c.query('SET search_path TO x');\n  const r = await c.query('SELECT 2');\n"),
      scan,
      errors: [{ messageId: 'session-state', line: 5, column: 9 }],
      output: null,
    },
    ...[
      ['a template that is all value', '`${sql}`'],
      ['a template whose first word is a value', '`${verb} FROM t`'],
      ['an empty string and a value', "'' + sql"],
      ['a CREATE whose kind is a value (it may be a temporary table)', '`CREATE ${kind} TABLE t (id int)`'],
    ].map(([what, sql]) => ({
      name: `${what}: SQL the tool cannot read`,
      code: perCall(`  await c.query(${sql});\n  const r = await c.query('SELECT 2');\n`),
      scan,
      errors: [{ messageId: 'dynamic-sql' as const, line: 5, column: 9 }],
      output: null,
    })),
    {
      name: 'SQL from the caller',
      code: js`
        import { Client } from 'pg';
        export async function f(sql: string) {
          const c = new Client();
          await c.connect();
          const r = await c.query(sql);
          await c.end();
          return r.rows;
        }
      `,
      scan,
      errors: [{ messageId: 'dynamic-sql', line: 5, column: 19 }],
      output: null,
    },
    {
      name: 'a module-level client connected per call',
      code: js`
        import { Client } from 'pg';
        const c = new Client();
        export async function f() {
          await c.connect();
          const r = await c.query('SELECT 1');
          await c.end();
          return r.rows;
        }
      `,
      scan,
      errors: [{ messageId: 'module-client-per-request', line: 2, column: 1 }],
      output: null,
    },
    {
      // japananh/node-express-postgres-boilerplate's src/config/postgres.js (tabs): an IIFE connects it once at load.
      name: "a client an IIFE makes into a module-level variable is the module's one connection, not one made in a callback",
      code: [
        "const { Client } = require('pg');",
        'let client;',
        '(async function connect() {',
        '\tclient = new Client(process.env.DATABASE_URL);',
        '\ttry {',
        '\t\tawait client.connect();',
        '\t} catch (error) {',
        '\t\tprocess.exit(1);',
        '\t}',
        '})();',
        'module.exports = { postgres: client };',
        '',
      ].join('\n'),
      filename: 'src/config/postgres.js',
      scan,
      errors: [{ messageId: 'module-client', line: 4, column: 11 }],
      output: null,
    },
    {
      name: 'but one a function the module does not run once assigns to an outer variable is still said as such',
      code: js`
        const { Client } = require('pg');
        let client;
        async function reconnect() {
          client = new Client(process.env.DATABASE_URL);
          await client.connect();
        }
        module.exports = { reconnect, query: (sql) => client.query(sql) };
      `,
      filename: 'db.js',
      scan,
      errors: [{ messageId: 'client-in-callback', line: 4, column: 12 }],
      output: null,
    },
    {
      // OlegSemko/e-store's db.js: connected once at load, ended when the process exits, exported to every route.
      name: 'a module-level client ended only when the process ends is shared for good, not opened per call',
      code: js`
        const { Client } = require('pg');
        const client = new Client({ connectionString: process.env.DATABASE_URL });
        client.connect();
        process.on('exit', () => {
          client.end();
        });
        module.exports = client;
      `,
      filename: 'db.js',
      scan,
      errors: [{ messageId: 'module-client', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'the same, ended by a shutdown function given by name to a signal listener',
      code: js`
        import { Client } from 'pg';
        export const client = new Client();
        async function shutdown() {
          await client.end();
          process.exit(0);
        }
        process.once('SIGTERM', shutdown);
      `,
      scan,
      errors: [{ messageId: 'module-client', line: 2, column: 8 }],
      output: null,
    },
    {
      name: 'the same, ended by an arrow function bound to a const and given by name to two signal listeners (tabs, no semicolons)',
      code: "const { Client } = require('pg')\nconst client = new Client()\nclient.connect()\nconst shutdown = async () => {\n\tawait client.end()\n\tprocess.exit(0)\n}\nprocess.on('SIGINT', shutdown)\nprocess.on('SIGTERM', shutdown)\nmodule.exports = client\n",
      filename: 'db.js',
      scan,
      errors: [{ messageId: 'module-client', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'an ending function bound by `let` and assigned again is not known to run only at exit',
      code: js`
        import { Client } from 'pg';
        export const client = new Client();
        let stop = async () => {
          await client.end();
        };
        process.on('SIGTERM', stop);
        export function reset() {
          stop = async () => {};
        }
      `,
      scan,
      errors: [{ messageId: 'module-client-per-request', line: 2, column: 8 }],
      output: null,
    },
    {
      name: 'a function that ends the client and is also called per request is still per call',
      code: js`
        import { Client } from 'pg';
        const c = new Client();
        export async function f() {
          await c.connect();
          const r = await c.query('SELECT 1');
          await c.end();
          return r.rows;
        }
        process.on('exit', () => c.end());
      `,
      scan,
      errors: [{ messageId: 'module-client-per-request', line: 2, column: 1 }],
      output: null,
    },
    {
      // TrevorReznick/node-express-pg-typescript's app/database/database.ts: `export const db = new Database()`.
      name: "a client a class's constructor keeps on the instance is the instance's one connection (TypeScript, no semicolons)",
      filename: 'database.ts',
      code: "import { Client } from 'pg'\n\nexport class Database {\n  private client: Client\n  constructor() {\n    this.client = new Client({ connectionString: process.env.DATABASE_URL })\n  }\n  async connect() {\n    await this.client.connect()\n  }\n  async query(sql: string) {\n    return this.client.query(sql)\n  }\n}\n\nexport const db = new Database()\n",
      scan,
      errors: [
        {
          messageId: 'instance-client',
          line: 6,
          column: 19,
          message: /^`this\.client` keeps one pg connection on the instance \(opened in `connect\(\)`\)/,
        },
      ],
      output: null,
    },
    {
      name: "a client a method makes, keeps on the instance and ends in the same call is not the instance's one connection",
      code: js`
        import { Client } from 'pg';
        export class Repo {
          async count() {
            this.client = new Client();
            await this.client.connect();
            try {
              return (await this.client.query('SELECT count(*) FROM t')).rows[0];
            } finally {
              await this.client.end();
            }
          }
        }
      `,
      scan,
      errors: [{ messageId: 'client-in-callback', line: 4, column: 19 }],
      output: null,
    },
    {
      // ZahirAndres/zarm-api's pg.providers.ts: a NestJS factory provider, made once when the app starts.
      name: 'a client a NestJS provider factory makes is the one connection every injection shares, not one per call',
      code: js`
        export const pgProvider = [{
          provide: 'PG_CONNECTION',
          useFactory: async () => {
            const { Client } = require('pg');
            const client = new Client({ database: 'app' });
            await client.connect();
            return client;
          }
        }];
      `,
      filename: 'pg.providers.ts',
      scan,
      errors: [
        {
          messageId: 'provider-client',
          line: 5,
          column: 20,
          message: /the `PG_CONNECTION` provider's factory makes when the app starts/,
        },
      ],
      output: null,
    },
    {
      // Pavel-Dolbik/test_21_09_2000's database.module.ts: the factory calls the function that makes the client.
      name: 'the same through a function only provider factories call, or name',
      code: js`
        import { Client } from 'pg';
        const POSTGRES_CLIENT = 'POSTGRES_CLIENT';
        const initDatabase = async (database: string) => {
          const client = new Client({ database });
          await client.connect();
          return client;
        };
        async function clientFactory() {
          const other = new Client({ database: 'reports' });
          await other.connect();
          return other;
        }
        export const providers = [
          { provide: POSTGRES_CLIENT, inject: [], useFactory: async () => await initDatabase('app') },
          { provide: 'REPORTS', useFactory: clientFactory },
        ];
      `,
      filename: 'database.module.ts',
      scan,
      errors: [
        { messageId: 'provider-client', line: 4, column: 18 },
        { messageId: 'provider-client', line: 9, column: 17, message: /the `REPORTS` provider/ },
      ],
      output: null,
    },
    {
      name: 'a provider made per request (a scope), or a factory exported for anyone to call, is not made once: what it returns escapes',
      code: js`
        import { Client } from 'pg';
        import { Scope } from '@nestjs/common';
        export const providers = [
          {
            provide: 'PER_REQUEST',
            scope: Scope.REQUEST,
            useFactory: async () => {
              const client = new Client();
              await client.connect();
              return client;
            },
          },
        ];
        export async function clientFactory() {
          const other = new Client();
          await other.connect();
          return other;
        }
        export const more = [{ provide: 'X', useFactory: clientFactory }];
      `,
      filename: 'providers.ts',
      scan,
      errors: [
        { messageId: 'client-escapes', line: 10, column: 14 },
        { messageId: 'client-escapes', line: 17, column: 10 },
      ],
      output: null,
    },
    {
      name: 'a module-level client kept open',
      code: js`
        import { Client } from 'pg';
        const c = new Client();
        export async function start() {
          await c.connect();
          setInterval(() => c.query('SELECT 1'), 1000);
        }
      `,
      scan,
      errors: [{ messageId: 'module-client', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'a module-level connection the module only exports, in an object (CommonJS): every importer shares it',
      code: js`
        const mysql = require('mysql2');
        const pool = mysql.createPool({ host: 'localhost' });
        const connection = mysql.createConnection({ host: 'localhost' });
        module.exports = { pool, connection };
      `,
      scan,
      errors: [{ messageId: 'module-client', line: 3, column: 1, message: /`connection` is one module-level mysql2/ }],
      output: null,
    },
    {
      name: 'a module-level client exported by name, by default and by declaration (ESM, double quotes)',
      code: js`
        import pg from "pg";
        const a = new pg.Client();
        const b = new pg.Client();
        export const c = new pg.Client();
        export { a };
        export default b;
      `,
      scan,
      errors: [
        { messageId: 'module-client', line: 2, column: 1 },
        { messageId: 'module-client', line: 3, column: 1 },
        { messageId: 'module-client', line: 4, column: 8 },
      ],
      output: null,
    },
    {
      name: "a module-level client whose 'error' listener only logs: the note says it never reconnects (CommonJS, no semicolons)",
      code: js`
        const { Client } = require("pg")
        const client = new Client()
        client.connect()
        client.on("error", (err) => {
          console.error("pg error", err)
        })
        exports.list = async () => (await client.query("SELECT 1")).rows
      `,
      scan,
      errors: [
        {
          messageId: 'module-client',
          line: 2,
          column: 1,
          message: /never reconnects.*only logs the process stays up while every later query on it fails.*pool/,
        },
      ],
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
      name: 'a client a retry callback makes, held across an upload and ended in a finally (TypeScript, double quotes)',
      code: js`
        import { Client } from "pg";
        import retry from "async-retry";
        import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
        const s3 = new S3Client({});
        export const handler = async (): Promise<void> => {
          let client: Client | undefined;
          await retry(async () => {
            client = new Client({ connectionString: process.env.DATABASE_URL });
            await client.connect();
          });
          try {
            const { rows } = await client!.query("SELECT * FROM items");
            await s3.send(new PutObjectCommand({ Bucket: "b", Key: "k", Body: JSON.stringify(rows) }));
          } finally {
            await client?.end();
          }
        };
      `,
      filename: 'backup.ts',
      scan,
      errors: [
        { messageId: 'client-in-callback', line: 8, column: 14 },
        { messageId: 'outer-client-held-during-io', line: 13, column: 5, message: /while this awaits `s3\.send`/ },
      ],
      output: null,
    },
    {
      // ApiExpressMysql2, Async_CRUD_With_Mysql2, testNodeJsMysql2: a module whose function returns a new connection.
      name: 'a connection a function returns straight from the call that makes it: the message names that call and the function',
      code: js`
        const mysql2 = require('mysql2/promise');
        module.exports = {
          mysqlconnection: async () => {
            return await mysql2.createConnection({ database: 'app' });
          },
        };
        export const connect = async (config) => mysql2.createConnection(config);
        export default async () => mysql2.createConnection({ database: 'app' });
      `,
      filename: 'db.js',
      scan,
      errors: [
        {
          messageId: 'client-escapes',
          line: 4,
          column: 18,
          message:
            /^`mysql2\.createConnection\(\.\.\.\)` is a connection opened per call, but it is returned by `mysqlconnection\(\)`, so each caller opens one of its own:/,
        },
        {
          messageId: 'client-escapes',
          line: 7,
          column: 42,
          message:
            /^`mysql2\.createConnection\(\.\.\.\)` is a connection opened per call, but it is returned by `connect\(\)`/,
        },
        {
          // nodejs-mysql2-auth-example's `module.exports = async () => await mysql.createConnection({...})`, as ESM.
          messageId: 'client-escapes',
          line: 8,
          column: 28,
          message: /but it is returned by the function this module exports, so each caller opens one of its own:/,
        },
      ],
      output: null,
    },
    {
      // voxpelli/node-pg-pubsub's retrying LISTEN client, made from the caller's options.
      name: "a client made from the caller's options that subscribes to events and is returned: refused for what it is used for, not for its config",
      code: js`
        import { Client } from 'pg';
        export async function subscribe(clientOptions, onMessage) {
          const client = new Client(clientOptions);
          client.on('notification', onMessage);
          await client.connect();
          await client.query('LISTEN jobs');
          return client;
        }
      `,
      scan,
      errors: [{ messageId: 'listen-client', line: 4, column: 3 }],
      output: null,
    },
    {
      name: "a client a factory of the file returns: refused at the factory, and each caller's end() outside a finally is reported (TypeScript, Lambda)",
      code: js`
        import { Client } from 'pg';
        import { getParameter } from './ssm-tools';
        export const getPostgresClient = async () => {
          return new Client({ host: process.env.PGHOST, password: await getParameter('pg') });
        };
        export const executeSingleQuery = async (query: string) => {
          const client = await getPostgresClient();
          await client.connect();
          const response = await client.query(query);
          await client.end();
          return response;
        };
        export const executeSafely = async (query: string) => {
          const client = await getPostgresClient();
          await client.connect();
          try {
            return await client.query(query);
          } finally {
            await client.end();
          }
        };
      `,
      filename: 'src/libs/pg-tools.ts',
      scan,
      errors: [
        {
          messageId: 'client-escapes',
          line: 4,
          column: 10,
          message:
            /^`new Client\(\.\.\.\)` is a connection opened per call, but it is returned by `getPostgresClient\(\)`, so each caller opens one of its own:/,
        },
        {
          messageId: 'outer-client-end-not-in-finally',
          line: 10,
          column: 9,
          message: /^`client\.end\(\)` is not in a finally/,
        },
      ],
      output: null,
    },
    {
      name: 'a client made inside a retry callback',
      code: js`
        import { Client } from 'pg';
        import { retry } from './retry';
        export async function f() {
          let c;
          await retry(async () => {
            c = new Client();
            await c.connect();
          });
          const r = await c.query('SELECT 1');
          await c.end();
          return r.rows;
        }
      `,
      scan,
      errors: [
        { messageId: 'client-in-callback', line: 6, column: 9 },
        { messageId: 'outer-client-end-not-in-finally', line: 10, column: 9 },
      ],
      output: null,
    },
    {
      name: 'pool already means something else here',
      code: js`
        import { Client } from 'pg';
        const pool = ['a'];
        export async function f() {
          const c = new Client();
          await c.connect();
          const r = await c.query('SELECT 1');
          await c.end();
          return [r.rows, pool];
        }
      `,
      scan,
      errors: [{ messageId: 'unsupported', line: 4, column: 3 }],
      output: null,
    },
  ],
});
