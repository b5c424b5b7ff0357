/** acquire-timeout, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/acquire-timeout';
import { ruleTable } from '../support/rule-tester';
import { PG_IMPORT, SERVER_START_ONCE, js } from '../support/code';

const why = '// fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)';

ruleTable(transform, {
  valid: [
    {
      // blahorsimon-pixel/jtfp-cloudrun's scripts/migrate_welfare_note_to_buyer_note.ts: a one-off migration.
      name: 'a mysql2 pool of a script run once: no request ever waits in its queue, so nothing is reported',
      code: js`
        import mysql from 'mysql2/promise';
        const pool = mysql.createPool({ host: process.env.DB_HOST, queueLimit: 0 });
        async function main() {
          await pool.query('UPDATE orders SET buyer_note = welfare_note');
          await pool.end();
        }
        main();
      `,
      filename: 'scripts/migrate-notes.ts',
    },
    {
      // pt3-labs-contractor/PT3Labs_Contractor_BE's db/create_tables.js and db/seeds.js: scripts that load data.
      name: 'a pg pool of a data-loading script: its checkouts queue by design, and a timeout would fail the batch; nothing is added',
      code: js`
        const { Pool } = require('pg');
        const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
        async function load(rows) {
          await Promise.all(rows.map((r) => pool.query('INSERT INTO items (name) VALUES ($1)', [r.name])));
          await pool.end();
        }
        load(require('./items.json'));
      `,
      filename: 'scripts/load-items.js',
    },
    {
      name: 'an explicit timeout',
      code: js`
      import { Pool } from 'pg';
      export const pool = new Pool({ connectionTimeoutMillis: 3000 });
    `,
    },
    {
      name: 'a timeout from a constant',
      code: js`
        import { Pool } from 'pg';
        const t = 2000;
        export const pool = new Pool({ connectionTimeoutMillis: t });
      `,
    },
    {
      name: 'a generic-pool with max and a timeout',
      code: js`
        const genericPool = require('generic-pool');
        exports.pool = genericPool.createPool(factory, { max: 5, acquireTimeoutMillis: 1000 });
      `,
      filename: 'a.js',
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
      name: 'a mysql2 pool of a project that runs in AWS Lambda: one invocation per instance, so no other request waits in its queue',
      code: js`
        import mysql from 'mysql2';
        export const pool = mysql.createPool({ host: process.env.TIDB_HOST, connectionLimit: 1 });
      `,
      filename: 'lib/tidb.ts',
      project: { lambda: 'template.yml (AWS SAM)' },
    },
  ],
  invalid: [
    {
      name: "a pool a server module's start function makes, called once at load, gets its timeout like a module's",
      code: SERVER_START_ONCE,
      errors: [{ messageId: 'no-acquire-timeout', line: 4, column: 16 }],
      output: SERVER_START_ONCE.replace('{ max: 5 }', '{ max: 5, connectionTimeoutMillis: 5000 }'),
    },
    {
      name: "a pool made through pg's native bindings is a pg pool too (the wait is pg-pool's, whatever the client)",
      code: js`
        const pg = require('pg').native
        const pool = new pg.Pool({ max: 5 })
        module.exports = pool
      `,
      filename: 'db.js',
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 14 }],
      output: js`
        const pg = require('pg').native
        const pool = new pg.Pool({ max: 5, connectionTimeoutMillis: 5000 })
        module.exports = pool
      `,
    },
    {
      name: "an object that closes on its last property's line: the option and its comment on lines of their own, the } after them",
      code: js`
        const { Pool } = require('pg');
        const pool = new Pool({
          host: 'db',
          max: 10});
        module.exports = pool;
      `,
      filename: 'db.js',
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 14 }],
      output: js`
        const { Pool } = require('pg');
        const pool = new Pool({
          host: 'db',
          max: 10,
          // fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)
          connectionTimeoutMillis: 5000});
        module.exports = pool;
      `,
    },
    {
      name: 'no config at all',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool();
      `,
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ connectionTimeoutMillis: 5000 });
      `,
    },
    {
      name: 'CommonJS without semicolons, double quotes',
      code: js`
        const { Pool } = require("pg")
        const pool = new Pool()
        module.exports = pool
      `,
      filename: 'db.js',
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 14 }],
      output: js`
        const { Pool } = require("pg")
        const pool = new Pool({ connectionTimeoutMillis: 5000 })
        module.exports = pool
      `,
    },
    {
      name: 'a tab-indented config',
      code: `${PG_IMPORT}export const pool = new Pool({\n\thost: "db",\n});\n`,
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: `${PG_IMPORT}export const pool = new Pool({\n\thost: "db",\n\tconnectionTimeoutMillis: 5000, ${why}\n});\n`,
    },
    {
      name: 'a config without a trailing comma, with a comment',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          host: 'db' // primary
        });
      `,
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        export const pool = new Pool({
          host: 'db', // primary
          connectionTimeoutMillis: 5000 // fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)
        });
      `,
    },
    {
      name: 'a config variable gets the option',
      code: js`
        import { Pool } from 'pg';
        const config = { host: 'db' };
        export const pool = new Pool(config);
      `,
      errors: [{ messageId: 'no-acquire-timeout', line: 3, column: 21 }],
      output: js`
        import { Pool } from 'pg';
        const config = { host: 'db', connectionTimeoutMillis: 5000 };
        export const pool = new Pool(config);
      `,
    },
    {
      name: 'pg namespace import with --acquire-timeout-ms (ESM)',
      code: js`
        import pg from "pg";
        export const pool = new pg.Pool({ host: "db" });
      `,
      filename: 'a.mjs',
      options: { acquireTimeoutMs: 2500 },
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: js`
        import pg from "pg";
        export const pool = new pg.Pool({ host: "db", connectionTimeoutMillis: 2500 });
      `,
    },
    {
      name: 'an explicit zero waits forever',
      code: js`
        import { Pool } from 'pg';
        export const pool = new Pool({ connectionTimeoutMillis: 0 });
      `,
      errors: [{ messageId: 'waits-forever', line: 2, column: 32 }],
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
      // eyepop/LePointeur's clientpool.js: `var config = {...}` and `var pool = new pg.Pool(config)`, tabs.
      name: 'a config in a var (or let) never assigned again is that object; one assigned again is not',
      code: '\tvar pg = require("pg")\n\tvar config = {\n\t\tmax: 10,\n\t}\n\tvar pool = new pg.Pool(config)\n\tlet other = { max: 5 }\n\tif (process.env.BIG) other = { max: 50 }\n\tvar second = new pg.Pool(other)\n\tmodule.exports = { pool, second }\n',
      filename: 'clientpool.js',
      errors: [
        // This table places a finding in the text as rewritten (the command line shows it where it was read).
        { messageId: 'config-opaque', line: 9, column: 15, message: /`other`, which is not a constant object literal/ },
        { messageId: 'no-acquire-timeout', line: 5, column: 13 },
      ],
      output:
        '\tvar pg = require("pg")\n\tvar config = {\n\t\tmax: 10,\n\t\tconnectionTimeoutMillis: 5000, // fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)\n\t}\n\tvar pool = new pg.Pool(config)\n\tlet other = { max: 5 }\n\tif (process.env.BIG) other = { max: 50 }\n\tvar second = new pg.Pool(other)\n\tmodule.exports = { pool, second }\n',
    },
    {
      name: 'a config from a function',
      code: js`
        import { Pool } from 'pg';
        import { cfg } from './cfg';
        export const pool = new Pool(cfg());
      `,
      errors: [{ messageId: 'config-opaque', line: 3, column: 21 }],
      output: null,
    },
    {
      name: 'mysql2 with a bounded queue',
      code: js`
        const mysql = require('mysql2');
        const pool = mysql.createPool({ queueLimit: 50 });
      `,
      filename: 'a.js',
      errors: [{ messageId: 'library-has-no-acquire-timeout', line: 2, column: 14 }],
      output: null,
    },
    {
      name: 'a pool nothing names (a factory returns it as made): messages name it by the call that makes it',
      code: js`
        import mysql from 'mysql2';
        function connect() {
          return mysql.createPool({ host: process.env.TIDB_HOST, connectionLimit: 1 });
        }
        export const pool = connect();
      `,
      filename: 'tidb.ts',
      errors: [
        { messageId: 'library-has-no-acquire-timeout', line: 3, column: 10 },
        { messageId: 'unbounded-queue', line: 3, column: 10, message: /^`mysql\.createPool\(\.\.\.\)` queues callers/ },
      ],
      output: null,
    },
    {
      name: 'mysql2 with the default queue',
      code: js`
        const mysql = require('mysql2');
        const pool = mysql.createPool({ host: 'db' });
      `,
      filename: 'a.js',
      errors: [
        { messageId: 'library-has-no-acquire-timeout', line: 2, column: 14 },
        { messageId: 'unbounded-queue', line: 2, column: 14 },
      ],
      output: null,
    },
    {
      name: 'mysql2 with queueLimit 0 (ESM)',
      code: js`
        import mysql from 'mysql2/promise';
        export const pool = mysql.createPool({ host: 'db', queueLimit: 0 });
      `,
      filename: 'a.mjs',
      errors: [
        { messageId: 'library-has-no-acquire-timeout', line: 2, column: 21 },
        { messageId: 'unbounded-queue', line: 2, column: 52 },
      ],
      output: null,
    },
    {
      name: 'mysql (not mysql2)',
      code: js`
        const mysql = require('mysql');
        const pool = mysql.createPool({ queueLimit: 10 });
      `,
      filename: 'a.js',
      errors: [{ messageId: 'library-has-no-acquire-timeout', line: 2, column: 14 }],
      output: null,
    },
    {
      name: 'generic-pool without options',
      code: js`
        const genericPool = require('generic-pool');
        exports.pool = genericPool.createPool(factory);
      `,
      filename: 'a.js',
      errors: [
        { messageId: 'generic-pool-max-1', line: 2, column: 16 },
        { messageId: 'no-acquire-timeout', line: 2, column: 16 },
      ],
      output: js`
        const genericPool = require('generic-pool');
        exports.pool = genericPool.createPool(factory, { acquireTimeoutMillis: 5000 });
      `,
    },
    {
      name: 'generic-pool with a max',
      code: js`
        import { createPool } from 'generic-pool';
        export const pool = createPool(factory, { max: 5 });
      `,
      errors: [{ messageId: 'no-acquire-timeout', line: 2, column: 21 }],
      output: js`
        import { createPool } from 'generic-pool';
        export const pool = createPool(factory, { max: 5, acquireTimeoutMillis: 5000 });
      `,
    },
  ],
});
