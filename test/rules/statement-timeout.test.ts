/** statement-timeout, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/statement-timeout';
import { ruleTable } from '../support/rule-tester';
import { PG_IMPORT, js } from '../support/code';

const limited = `${PG_IMPORT}const pool = new Pool({ statement_timeout: 1000 });\n`;
const checkout = (body: string) =>
  `${limited}export async function f() {\n  const c = await pool.connect();\n${body}  c.release();\n}\n`;

/** pt3-labs-contractor/PT3Labs_Contractor_BE's db/seeds.js (MIT), cut down: it loads data at the top level and exports its loaders. */
const dataLoader = js`
  const { Pool } = require('pg');
  const pool = new Pool({ max: 20 });
  async function userSeeds() {
    await pool.query('DELETE FROM users');
  }
  userSeeds().then(() => pool.end());
  module.exports = { userSeeds };
`;

ruleTable(transform, {
  valid: [
    {
      name: 'a module an npm script runs is a job though it also exports (a seed script): no limit sized for requests',
      code: dataLoader,
      filename: 'db/seeds.js',
      project: { scripts: { start: 'node index.js', seed: 'node db/seeds.js' } },
    },
    {
      name: 'jobs may run a statement for minutes: a backfill that exports nothing and runs main() at the top level, and a node-cron runner, are left alone without --job-statement-timeout-ms',
      code: js`
        const { Pool } = require("pg");
        const pool = new Pool({ max: 2 });
        const backfill = async () => {
          const client = await pool.connect();
          try {
            await client.query("SELECT 1");
          } finally {
            client.release();
          }
        };
        backfill().then(() => console.log("Done"));
      `,
      filename: 'backfill.js',
    },
    {
      // gary-jipp/lighthouse-node-pg's index.js: a command-line tool that runs one query per command and ends the pool.
      name: 'a script whose work runs from the cases of a top-level switch on its arguments is a job: no limit sized for requests',
      filename: 'index.js',
      code: js`
        const pg = require("pg");
        const args = process.argv.slice(2);
        const pool = new pg.Pool({ database: "mydb" });
        switch (args[0]) {
          case "all":
            pool.query("select * from users").then((data) => {
              console.log(data.rows);
              pool.end();
            });
            break;
          default:
            console.log("usage: all");
        }
      `,
    },
    {
      name: 'a node-cron runner is a job too',
      code: js`
        const cron = require("node-cron");
        const { Pool } = require("pg");
        const pool = new Pool();
        cron.schedule("45 20 * * *", async () => {
          await pool.query("REFRESH MATERIALIZED VIEW totals");
        });
      `,
      filename: 'schedule.js',
    },
    {
      name: 'a statement timeout',
      code: js`
      import { Pool } from 'pg';
      export const pool = new Pool({ statement_timeout: 5000 });
    `,
    },
    {
      name: 'both limits',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ statement_timeout: 5000, query_timeout: 6000 });
      `,
    },
    {
      name: 'SET LOCAL inside a transaction',
      code: checkout(
        "  await c.query('BEGIN');\n  await c.query('SET LOCAL statement_timeout = 100');\n  await c.query('COMMIT');\n",
      ),
    },
    {
      name: 'a SET on something that is no pooled connection',
      code: js`
        export async function f(db) {
          await db.query('SET statement_timeout = 100');
        }
      `,
    },
    {
      name: 'SQL text that is never run',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ statement_timeout: 5000 });
        export const s = 'SET statement_timeout = 10';
      `,
    },
    {
      name: 'a per-call pool is left to other transforms',
      code: js`
        import { Pool } from 'pg';
        export async function f() {
          const pool = new Pool();
          await pool.end();
        }
      `,
    },
    {
      name: 'an undici Pool is not a database pool',
      code: js`
        import { Pool } from 'undici';
        export const pool = new Pool('http://x');
      `,
    },
    {
      name: 'a pg Client is not a pool',
      code: js`
      import { Client } from 'pg';
      export const c = new Client();
    `,
    },
  ],
  invalid: [
    {
      name: 'the same module with no script that runs it is one that others load: it gets the limit',
      code: dataLoader,
      filename: 'db/seeds.js',
      project: { scripts: { start: 'node index.js' } },
      errors: [{ messageId: 'no-statement-timeout', line: 2, column: 14 }],
      output: js`
        const { Pool } = require('pg');
        const pool = new Pool({ max: 20, statement_timeout: 30000 });
        async function userSeeds() {
          await pool.query('DELETE FROM users');
        }
        userSeeds().then(() => pool.end());
        module.exports = { userSeeds };
      `,
    },
    {
      name: 'a file that writes numbers with separators (30_000) gets its new value written the same way',
      code: js`
        import pg from "pg";
        export function createPool(config: { url: string; idleTimeoutMs?: number }) {
          return new pg.Pool({
            connectionString: config.url,
            idleTimeoutMillis: config.idleTimeoutMs ?? 30_000,
            connectionTimeoutMillis: 5_000,
          });
        }
      `,
      filename: 'pool.ts',
      errors: [{ messageId: 'no-statement-timeout', line: 3, column: 10 }],
      output: js`
        import pg from "pg";
        export function createPool(config: { url: string; idleTimeoutMs?: number }) {
          return new pg.Pool({
            connectionString: config.url,
            idleTimeoutMillis: config.idleTimeoutMs ?? 30_000,
            connectionTimeoutMillis: 5_000,
            statement_timeout: 30_000, // the server cancels statements running longer than 30 s
          });
        }
      `,
    },
    {
      name: "pg's native bindings send only `options`: a pool made through them (a namespace, a destructured Pool, ESM's pg.native) is reported, and a statement_timeout already written there is named as ignored",
      code: js`
        const pg = require('pg').native;
        const { Pool } = require('pg').native;
        export const a = new pg.Pool({ max: 5 });
        export const b = new Pool({ max: 5, statement_timeout: 5000 });
      `,
      filename: 'db.js',
      errors: [
        { messageId: 'key-not-sent', line: 3, column: 18, message: /adding it to the config would do nothing/ },
        { messageId: 'key-not-sent', line: 4, column: 37, message: /the limit written here is ignored/ },
      ],
      output: null,
    },
    {
      name: 'the same through ESM',
      code: js`
        import pg from 'pg';
        const { Pool } = pg.native;
        export const pool = new Pool();
      `,
      errors: [{ messageId: 'key-not-sent', line: 3, column: 21 }],
      output: null,
    },
    {
      name: 'not a job: a module that registers routes on an app served elsewhere (it serves requests)',
      code: js`
        const app = require('./app');
        const { Pool } = require('pg');
        const pool = new Pool({ max: 5 });
        app.get('/users', async (req, res) => res.json((await pool.query('SELECT 1')).rows));
      `,
      filename: 'routes.js',
      errors: [{ messageId: 'no-statement-timeout', line: 3, column: 14 }],
      output: js`
        const app = require('./app');
        const { Pool } = require('pg');
        const pool = new Pool({ max: 5, statement_timeout: 30000 });
        app.get('/users', async (req, res) => res.json((await pool.query('SELECT 1')).rows));
      `,
    },
    {
      name: 'a bot that starts is a server',
      code: js`
        const { Pool } = require('pg');
        const pool = new Pool({ max: 5 });
        async function main() {
          await bot.launch();
        }
        main();
      `,
      filename: 'bot.js',
      errors: [{ messageId: 'no-statement-timeout', line: 2, column: 14 }],
      output: js`
        const { Pool } = require('pg');
        const pool = new Pool({ max: 5, statement_timeout: 30000 });
        async function main() {
          await bot.launch();
        }
        main();
      `,
    },
    {
      name: "with --job-statement-timeout-ms a job's pool (here a script by its place and shebang) gets that limit",
      code: js`
        #!/usr/bin/env node
        const { Pool } = require('pg');
        const pool = new Pool({ max: 2 });
        async function main() {
          await pool.query('SELECT 1');
        }
        main();
      `,
      filename: 'scripts/migrate.js',
      options: { jobStatementTimeoutMs: 600000 },
      errors: [{ messageId: 'no-statement-timeout', line: 3, column: 14 }],
      output: js`
        #!/usr/bin/env node
        const { Pool } = require('pg');
        const pool = new Pool({ max: 2, statement_timeout: 600000 });
        async function main() {
          await pool.query('SELECT 1');
        }
        main();
      `,
    },
    {
      name: 'no statement timeout',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool();
      `,
      errors: [{ messageId: 'no-statement-timeout', line: 2, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ statement_timeout: 30000 });
      `,
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
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ query_timeout: 10000 });
      `,
      errors: [{ messageId: 'client-side-only', line: 2, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ query_timeout: 10000, statement_timeout: 30000 });
      `,
    },
    {
      name: '--idle-in-transaction-ms adds the second limit',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          host: 'db',
        });
      `,
      options: { statementTimeoutMs: 5000, idleInTransactionMs: 60000 },
      errors: [{ messageId: 'no-statement-timeout', line: 2, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          host: 'db',
          statement_timeout: 5000, // the server cancels statements running longer than 5 s
          idle_in_transaction_session_timeout: 60000, // the server ends sessions left idle inside a transaction
        });
      `,
    },
    {
      name: 'an explicit zero is no limit',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ statement_timeout: 0 });
      `,
      errors: [{ messageId: 'no-limit', line: 2, column: 32 }],
      output: null,
    },
    {
      name: 'a connection string',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool(process.env.DATABASE_URL);
      `,
      errors: [{ messageId: 'config-opaque', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'an imported spread',
      code: js`
        import { Pool } from 'pg';
        import { cfg } from './cfg';
        export const pool = new Pool({ ...cfg });
      `,
      errors: [{ messageId: 'config-opaque', line: 3, column: 21 }],
      output: null,
    },
    {
      name: 'behind PgBouncer nothing is added',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool();
      `,
      options: { behindPgbouncer: true },
      errors: [{ messageId: 'behind-pgbouncer', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'a startup parameter behind PgBouncer (flag)',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ statement_timeout: 5000 });
      `,
      options: { behindPgbouncer: true },
      errors: [{ messageId: 'startup-parameter-behind-pgbouncer', line: 2, column: 32 }],
      output: null,
    },
    {
      // faijan530/Jasiq_Core_Ops's scripts: Neon's pooled endpoint as the URL's fallback (PgBouncer, transaction mode).
      name: "a module that names Neon's pooled endpoint gets no startup parameter (CommonJS, no semicolons)",
      code: js`
        const { Pool } = require('pg')
        const pool = new Pool({
          connectionString: process.env.DATABASE_URL || 'postgresql://app:pw@ep-quiet-lab-123456-pooler.us-east-1.aws.neon.tech/app?sslmode=require',
        })
        module.exports = pool
      `,
      errors: [
        {
          messageId: 'behind-pgbouncer',
          line: 2,
          column: 14,
          message: /runs behind PgBouncer \(this module names Neon's pooled endpoint \(-pooler\)\)/,
        },
      ],
      output: null,
    },
    {
      // brianc/node-postgres#3604: Neon's proxy drops the timeouts a pool's config sends, direct endpoint or pooled.
      name: "Neon's direct endpoint: its proxy drops the startup parameter, so nothing is added and the role is named",
      code: js`
        const { Pool } = require('pg')
        const pool = new Pool({ connectionString: 'postgresql://app:pw@ep-quiet-lab-123456.us-east-1.aws.neon.tech/app' })
        module.exports = pool
      `,
      errors: [
        {
          messageId: 'startup-parameter-dropped',
          line: 2,
          column: 14,
          message:
            /drops `statement_timeout` \(this module names a Neon host\): adding it to the config would do nothing\. .*ALTER ROLE <app user> SET statement_timeout = '30s'/,
        },
      ],
      output: null,
    },
    {
      name: 'a statement_timeout a Neon pool already sets never reaches the server: said at the setting (TypeScript)',
      filename: 'db.ts',
      code: js`
        import { Pool } from "pg";
        // DATABASE_URL=postgresql://app@ep-cool-darkness-123456.us-east-2.aws.neon.tech/app
        export const pool = new Pool({ connectionString: process.env.DATABASE_URL, statement_timeout: 10000 });
      `,
      errors: [
        {
          messageId: 'startup-parameter-dropped',
          line: 3,
          column: 76,
          message: /the limit written here never reaches the server/,
        },
      ],
      output: null,
    },
    {
      // hash-j/kpi-dashboard's server.js (4 spaces): the variable is named after the service.
      name: 'a pool on NEON_DATABASE_URL reaches Neon: nothing is added',
      code: js`
        const { Pool } = require('pg');
        const pool = new Pool({
            connectionString: process.env.NEON_DATABASE_URL,
            ssl: { rejectUnauthorized: false },
        });
        module.exports = pool;
      `,
      errors: [
        {
          messageId: 'startup-parameter-dropped',
          line: 2,
          column: 14,
          message: /\(its config reads `NEON_DATABASE_URL`\)/,
        },
      ],
      output: null,
    },
    {
      // electric-sql/electric's yjs example: the pg pool is made only when NEON_DATABASE_URL is unset (Neon gets its HTTP driver).
      name: 'a pool made only when NEON_DATABASE_URL is unset is not on Neon: the timeout is added',
      filename: 'route.ts',
      code: js`
        import { Pool } from "pg"

        const connectionString = process.env.NEON_DATABASE_URL || process.env.DATABASE_URL

        const pool = !process.env.NEON_DATABASE_URL
          ? new Pool({ connectionString })
          : undefined

        export { pool }
      `,
      errors: [{ messageId: 'no-statement-timeout', line: 6, column: 5 }],
      output: js`
        import { Pool } from "pg"

        const connectionString = process.env.NEON_DATABASE_URL || process.env.DATABASE_URL

        const pool = !process.env.NEON_DATABASE_URL
          ? new Pool({ connectionString, statement_timeout: 30000 })
          : undefined

        export { pool }
      `,
    },
    {
      name: 'a startup parameter behind PgBouncer (port 6432)',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ port: 6432, statement_timeout: 5000 });
      `,
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
      code: js`
        import { pool } from './db';
        export async function f() {
          const c = await pool.connect();
          await c.query('SET statement_timeout = 100');
          c.release();
        }
      `,
      errors: [{ messageId: 'session-set-leaks', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'a SET through the pool itself',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          await pool.query('SET statement_timeout = 100');
        }
      `,
      errors: [
        { messageId: 'session-set-leaks', line: 4, column: 9 },
        { messageId: 'no-statement-timeout', line: 2, column: 14 },
      ],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool({ statement_timeout: 30000 });
        export async function f() {
          await pool.query('SET statement_timeout = 100');
        }
      `,
    },
    {
      name: 'mysql2 has no pool-level timeout',
      code: js`
        const mysql = require('mysql2');
        const pool = mysql.createPool({ host: 'db' });
      `,
      filename: 'a.js',
      errors: [{ messageId: 'mysql-no-pool-timeout', line: 2, column: 14 }],
      output: null,
    },
  ],
});
