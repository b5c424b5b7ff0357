/** release-in-finally, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/release-in-finally';
import { ruleTable } from '../support/rule-tester';
import { js } from '../support/code';

ruleTable(transform, {
  valid: [
    {
      name: "mysql2's promise connection released in a finally through the connection it wraps (`conn.connection.release()`)",
      code: js`
        const mysql = require('mysql2/promise');
        const pool = mysql.createPool({});
        async function f() {
          const conn = await pool.getConnection();
          try {
            return await conn.query('SELECT 1');
          } finally {
            conn.connection.release();
          }
        }
        module.exports = { f };
      `,
      filename: 'a.js',
    },
    {
      name: 'a chain whose first callback releases the connection before anything else releases it on every path',
      code: js`
        const { Pool } = require('pg')
        const pool = new Pool()
        pool.connect().then((client) => client.release())
        pool.connect().then((client) => {
          client.release()
          console.log('the database answers')
        })
        module.exports = pool
      `,
    },
    {
      name: 'a checkout callback that reads its connection through `arguments` is not said to drop it',
      code: js`
        const { Pool } = require('pg')
        const pool = new Pool()
        pool.connect(function () {
          arguments[1].release()
        })
        module.exports = pool
      `,
    },
    {
      name: "a pg Client's connect((err) => ...) connects that client: it is no checkout",
      code: js`
        const { Client } = require('pg')
        const client = new Client()
        client.connect((err) => console.log(err ? 'failed' : 'connected'))
        module.exports = client
      `,
    },
    {
      name: "a pg Client's connect() in a chain connects that client: it is no checkout",
      code: js`
        const { Client } = require('pg')
        const client = new Client()
        client.connect().then(() => console.log('connected'))
        module.exports = client
      `,
    },
    {
      // TeamMeowBox/MeowBox-Server's module/pool.js: a `var` checkout in a try, released in the finally after it.
      name: 'a `var` checkout used outside the block that declares it (a finally, after an if) is not looked at: a finally in its block would release it too early',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(flag) {
          try {
            var client = await pool.connect();
            await client.query('SELECT 1');
          } finally {
            client.release();
          }
          if (flag) {
            var other = await pool.connect();
            await other.query('SELECT 2');
          }
          await other.query('SELECT 3');
          other.release();
        }
      `,
    },
    {
      name: "pg's connect() given a callback that hands back its argument stays the callback form: only mysql2's promise pool ignores it",
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const other = await pool.connect((c) => c);
          await other.query('SELECT 1');
          other.release();
        }
      `,
    },
    {
      name: 'mysql2/promise: a callback that does more than hand back its argument is not the idiom',
      code: js`
        import mysql from 'mysql2/promise';
        const pool = mysql.createPool({});
        export async function f() {
          const connection = await pool.getConnection((conn) => {
            conn.release();
            return conn;
          });
          await connection.query('SELECT 1');
          connection.release();
        }
      `,
    },
    {
      name: 'a script run once keeps one connection for its helpers, checked out at the top level and released in a finally',
      filename: 'scripts/backfill.mjs',
      code: js`
        import pg from 'pg';
        const pool = new pg.Pool();
        const client = await pool.connect();
        async function touch(id) {
          await client.query('UPDATE t SET seen = true WHERE id = $1', [id]);
        }
        try {
          for (const id of [1, 2, 3]) await touch(id);
        } finally {
          client.release();
          await pool.end();
        }
      `,
    },
    {
      // graphile/worker's examples/worker-faktory-exporter (MIT): a pg project whose job pushes to Faktory.
      name: "in a pg project, connect() on an object imported straight from another kind of library is that library's client",
      code: js`
        import faktory from 'faktory-worker';
        const amqp = require('amqplib');
        const { MongoClient } = require('mongodb');
        export async function push(payload) {
          const faktoryClient = await faktory.connect();
          await faktoryClient.push(payload);
          await faktoryClient.close();
        }
        export async function publish(message) {
          const connection = await amqp.connect('amqp://localhost');
          await connection.createChannel();
          await connection.close();
        }
        export async function count() {
          const poolClient = await MongoClient.connect('mongodb://localhost');
          await poolClient.close();
        }
      `,
      project: { dependencies: { pg: '^8.11.0' } },
    },
    {
      name: 'a transaction helper whose callback queries through its connection; a pool query in another callback',
      code: js`
        const { Pool } = require('pg');
        const pool = new Pool();
        const { withTransaction } = require('./tx');
        async function transfer(id) {
          await withTransaction(pool, async (client) => {
            await client.query('UPDATE accounts SET n = n + 1 WHERE id = $1', [id]);
          });
          const ids = [1, 2];
          await Promise.all(ids.map(async (i) => pool.query('SELECT $1', [i])));
        }
        module.exports = { transfer };
      `,
      filename: 'transfer.js',
    },
    {
      name: 'a receiver typed as a class of this file whose own connect() hands out no connection (a memoised Pool) is no checkout',
      code: js`
        import { Pool } from 'pg';
        class PostgresConfig {
          private pool?: Pool;
          async connect(): Promise<Pool> {
            if (!this.pool) this.pool = new Pool();
            return this.pool;
          }
        }
        export class Repo {
          constructor(private postgresConfig: PostgresConfig) {}
          async all() {
            const pool = await this.postgresConfig.connect();
            return pool.query('SELECT 1');
          }
        }
      `,
      filename: 'repo.ts',
    },
    {
      // PberuKatwa/NestShard's PostgresConfig: its connect() checks the new pool with a checkout of its own, then returns the pool.
      name: 'a class whose connect() checks its new pool with a checkout of its own, then returns the pool (plain JS): its callers check nothing out',
      code: js`
        const { Pool } = require('pg');
        class PostgresConfig {
          constructor() {
            this.pool = null;
          }
          async connect() {
            if (this.pool) return this.pool;
            const pool = new Pool();
            const client = await pool.connect();
            try {
              await client.query('SELECT 1');
            } finally {
              client.release();
            }
            this.pool = pool;
            return this.pool;
          }
        }
        class Setup {
          constructor() {
            this.config = new PostgresConfig();
          }
          async init() {
            const pool = await this.config.connect();
            await pool.query('CREATE TABLE IF NOT EXISTS t (id int)');
          }
        }
        module.exports = { Setup };
      `,
      filename: 'setup.js',
    },
    {
      name: 'a checkout released by the very next statement (a connectivity check), with or without code after it: nothing can throw in between',
      code: js`
        const { Pool } = require('pg');
        const pool = new Pool();
        async function ready() {
          const client = await pool.connect();
          client.release();
          pool.ready = true;
          return pool;
        }
        async function ping() {
          const client = await pool.connect();
          client.release();
        }
        module.exports = { ready, ping };
      `,
      filename: 'ping.js',
    },
    {
      // shazzad-hosen/express-mysql-auth-api's server.js: the startup check logs a line between checkout and release.
      name: 'a connectivity check that only logs literal text before the release: nothing can throw in between',
      code: js`
		const pool = require("./config/db")

		async function startServer() {
			const connection = await pool.getConnection()
			console.log("Database connected")
			console.info(\`pool ready\`)
			connection.release()
			app.listen(3000)
		}
		startServer()
		`,
      filename: 'server.js',
    },
    {
      name: 'a connect() declared to return `Promise<pg.Pool>` hands out a pool, whatever it checks out inside',
      code: js`
        import pg from 'pg';
        class Db {
          private pool?: pg.Pool;
          async connect(): Promise<pg.Pool> {
            const pool = this.pool ?? new pg.Pool();
            const client = await pool.connect();
            client.release();
            this.pool = pool;
            return pool;
          }
        }
        export class Repo {
          constructor(private db: Db) {}
          async all() {
            const pool = await this.db.connect();
            return pool.query('SELECT 1');
          }
        }
      `,
      filename: 'repo.ts',
    },
    {
      name: 'a field given one `new` of a class of this file whose connect() returns a memoised Pool (plain JS) is no checkout',
      code: js`
        const { Pool } = require('pg');
        class Database {
          async connect() {
            if (!this.pool) this.pool = new Pool();
            return this.pool;
          }
        }
        class Repo {
          constructor() {
            this.db = new Database();
          }
          async all() {
            const pool = await this.db.connect();
            return pool.query('SELECT 1');
          }
        }
        const db = new Database();
        async function one() {
          const pool = await db.connect();
          return pool.query('SELECT 1');
        }
        module.exports = { Repo, one };
      `,
      filename: 'repo.js',
    },
    {
      name: "mysql2's promise pool, and a callback pool turned into one with .promise(), may be awaited",
      code: js`
        const mysql = require('mysql2');
        const mysqlp = require('mysql2/promise');
        const a = mysqlp.createPool({ connectionLimit: 5 });
        const b = mysql.createPool({ connectionLimit: 5 }).promise();
        async function f() {
          const one = await a.getConnection();
          try {
            await one.query('SELECT 1');
          } finally {
            one.release();
          }
          const two = await b.getConnection();
          try {
            await two.query('SELECT 1');
          } finally {
            two.release();
          }
        }
        module.exports = { f };
      `,
      filename: 'db.js',
    },
    {
      name: 'acquire inside the try, guarded release in the finally',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          let c;
          try {
            c = await pool.connect();
            await c.query('SELECT 1');
          } finally {
            if (c) c.release();
          }
        }
      `,
    },
    {
      name: 'statements between the acquire and the try, and more in the finally',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(id) {
          const c = await pool.connect();
          const key = String(id);
          try {
            await c.query('SELECT $1', [key]);
          } finally {
            console.log('done');
            c.release();
          }
        }
      `,
    },
    {
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
          } finally {
            c.release();
          }
        }
      `,
    },
    {
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
          } finally {
            if (c) c.release();
          }
        }
      `,
    },
    {
      name: 'optional release is a guard',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
          } finally {
            c?.release();
          }
        }
      `,
    },
    {
      name: 'a callback acquire that releases on every path',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        pool.connect((err, client, done) => {
          if (err) return;
          client.query('SELECT 1', () => {
            done();
          });
        });
      `,
    },
    {
      // 01011001andra/boilerplate-express-pg's connectivity check: the error branch logs and falls through.
      name: 'a callback acquire whose error branch only logs, and whose other branch releases: nothing is left held',
      code: js`
        import { Pool } from 'pg';
        const db = new Pool();
        db.connect((err, client, release) => {
          if (err) {
            console.error('Failed to connect the database!', err.stack);
          } else {
            console.log('Connected to the database successfully!');
            release();
          }
          console.log('checked');
        });
      `,
    },
    {
      name: "a seeding script's callback acquire whose error paths end the process (process.exit): nothing is left held",
      code: js`
        const pg = require('pg');
        const pool = new pg.Pool();
        pool.connect(function (err, client, done) {
          if (err) {
            console.log('error: ', err);
            process.exit(1);
          }
          client.query('SELECT 1', function (err, _) {
            done();
            if (err) {
              console.log('error: ', err);
              process.exit(1);
            }
            process.exit(0);
          });
        });
      `,
    },
    {
      name: 'a chain with .finally',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        pool.connect().then((c) => c.query('SELECT 1').finally(() => c.release()));
      `,
    },
    {
      name: 'a pg Client is not a pool checkout',
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
      name: 'no database library and no pool in sight',
      code: js`
        export async function f(socket) {
          const s = await socket.connect();
          s.write(1);
        }
      `,
      filename: 'net.js',
    },
    {
      name: 'await using releases itself',
      code: js`
        const mysql = require('mysql2/promise');
        const pool = mysql.createPool({});
        async function f() {
          await using c = await pool.getConnection();
          await c.query('SELECT 1');
        }
      `,
      filename: 'a.js',
    },
    {
      name: 'connect with a config is some other connect',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect({ host: 'x' });
          c.release();
        }
      `,
    },
    {
      name: 'a rollback that is awaited, chained to a handler, or on a connection whose try opened no transaction',
      code: js`
        import mysql from 'mysql2/promise';
        export async function a(conn) {
          try {
            await conn.beginTransaction();
            await conn.commit();
          } catch (e) {
            await conn.rollback();
            throw e;
          }
        }
        export async function b(conn) {
          try {
            await conn.beginTransaction();
            await conn.commit();
          } catch (e) {
            conn.rollback().catch(() => {});
            throw e;
          }
        }
        export async function c(conn, other) {
          try {
            await other.beginTransaction();
          } catch (e) {
            conn.rollback();
          }
        }
      `,
      filename: 'service.ts',
    },
    {
      name: 'a callback-API rollback (it takes a callback and returns no promise)',
      code: js`
        const mysql = require('mysql');
        async function save(conn, done) {
          try {
            await conn.beginTransaction();
          } catch (e) {
            conn.rollback(() => done(e));
          }
        }
        module.exports = { save };
      `,
      filename: 'save.js',
    },
    {
      name: 'a session setting or a transaction through a pool of one connection (max: 1): every statement runs on that connection',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool({ max: 1 });
        export async function migrate() {
          await pool.query('SET search_path TO app');
          await pool.query('BEGIN');
          await pool.query('CREATE TABLE t (id int)');
          await pool.query('COMMIT');
        }
      `,
      filename: 'migrate.ts',
    },
    {
      name: "a chain that releases in the query's own .finally",
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export function g() {
          return pool.connect().then((c) => c.query('SELECT 1').finally(() => c.release()));
        }
      `,
    },
  ],
  invalid: [
    {
      // angelitasantos/nodejs-express-postgresql's checkTableExists(): a blank line after the checkout that opens the try.
      name: 'a checkout that opens its block moves down with the blank lines after it: the block does not open on an empty line',
      code: js`
        const pool = require('./db');
        async function exists(table) {
          try {
            const client = await pool.connect();

            const query = 'SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = $1)';

            const res = await client.query(query, [table]);
            client.release();
            return res.rows[0].exists;
          } catch (error) {
            return false;
          }
        }
        module.exports = { exists };
      `,
      filename: 'db-check.js',
      errors: [{ messageId: 'leak', line: 4, column: 5 }],
      output: js`
        const pool = require('./db');
        async function exists(table) {
          try {
            const query = 'SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = $1)';

            const client = await pool.connect();
            try {
              const res = await client.query(query, [table]);
              return res.rows[0].exists;
            } finally {
              client.release();
            }
          } catch (error) {
            return false;
          }
        }
        module.exports = { exists };
      `,
    },
    {
      // akshay-gupta7/storefront-backend-postgres-api's models: `//@ts-ignore` above each checkout.
      name: 'a checkout under a comment line (a directive for its line, or words about it) keeps its place: the try opens after it',
      code: js`
        import Client from '../database';
        export class Store {
          async index(): Promise<unknown[]> {
            //@ts-ignore
            const conn = await Client.connect();
            const sql = 'SELECT * FROM products';
            const result = await conn.query(sql);
            conn.release();
            return result.rows;
          }
          async show(id: string): Promise<unknown> {
            /* the pool hands out a client */
            const conn = await Client.connect();
            const sql = 'SELECT * FROM products WHERE id = ($1)';
            const result = await conn.query(sql, [id]);
            conn.release();
            return result.rows[0];
          }
        }
      `,
      filename: 'store.ts',
      errors: [
        { messageId: 'leak', line: 5, column: 5 },
        { messageId: 'leak', line: 13, column: 5 },
      ],
      output: js`
        import Client from '../database';
        export class Store {
          async index(): Promise<unknown[]> {
            //@ts-ignore
            const conn = await Client.connect();
            try {
              const sql = 'SELECT * FROM products';
              const result = await conn.query(sql);
              return result.rows;
            } finally {
              conn.release();
            }
          }
          async show(id: string): Promise<unknown> {
            /* the pool hands out a client */
            const conn = await Client.connect();
            try {
              const sql = 'SELECT * FROM products WHERE id = ($1)';
              const result = await conn.query(sql, [id]);
              return result.rows[0];
            } finally {
              conn.release();
            }
          }
        }
      `,
    },
    {
      // fauzi45/express-promise-mysql2 (a pool from promise-mysql2, which wraps mysqljs/mysql): `await
      // poolConnection.connection.release()` after the query, and a second query after that release in two functions.
      name: 'a release through the wrapped connection (`conn.connection.release()`) is a release: it moves into a finally, and a use after it is reported',
      code: js`
        const Config = require('./config');
        const getAll = async () => {
          const poolConnection = await Config.ConnectionPool.getConnection();
          const query = await poolConnection.query('select * from departments');
          await poolConnection.connection.release();
          return query[0];
        };
        const update = async (id) => {
          const poolConnection = await Config.ConnectionPool.getConnection();
          const query = await poolConnection.query('select * from departments where id = ?', [id]);
          await poolConnection.connection.release();
          if (query[0].length > 0) {
            await poolConnection.query('update departments set seen = 1 where id = ?', [id]);
          }
        };
        module.exports = { getAll, update };
      `,
      filename: 'services.js',
      errors: [
        { messageId: 'use-after-release', line: 16, column: 11 },
        { messageId: 'leak', line: 3, column: 3 },
      ],
      output: js`
        const Config = require('./config');
        const getAll = async () => {
          const poolConnection = await Config.ConnectionPool.getConnection();
          try {
            const query = await poolConnection.query('select * from departments');
            return query[0];
          } finally {
            poolConnection.connection.release();
          }
        };
        const update = async (id) => {
          const poolConnection = await Config.ConnectionPool.getConnection();
          const query = await poolConnection.query('select * from departments where id = ?', [id]);
          await poolConnection.connection.release();
          if (query[0].length > 0) {
            await poolConnection.query('update departments set seen = 1 where id = ?', [id]);
          }
        };
        module.exports = { getAll, update };
      `,
    },
    {
      // bitifet/node-postgres-ha's query(): the release on the error path ignores its own errors, so the query's error is thrown.
      name: 'a release with a try/catch of its own is not moved into a finally, which would drop that guard',
      code: js`
        const { Pool } = require('pg');
        const pool = new Pool();
        async function query(...args) {
            let retval;
            const client = await pool.connect();
            try {
                retval = await client.query(...args);
            } catch (err) {
                try {
                    client.release();
                } catch (err) { /* Just attempt */ };
                throw err;
            };
            client.release();
            return retval;
        }
        module.exports = { query };
      `,
      filename: 'ha.js',
      errors: [
        {
          messageId: 'unsupported',
          line: 5,
          column: 5,
          message: /has a try\/catch of its own, which ignores its errors/,
        },
      ],
      output: null,
    },
    {
      name: 'a log line that reads the connection before the release can throw: the release goes in a finally',
      code: js`
        const pool = require('./config/db');
        async function startServer() {
          const connection = await pool.getConnection();
          console.log('connected to', connection.config.database);
          connection.release();
        }
        startServer();
      `,
      filename: 'server.js',
      errors: [{ messageId: 'leak', line: 3, column: 3 }],
      output: js`
        const pool = require('./config/db');
        async function startServer() {
          const connection = await pool.getConnection();
          try {
            console.log('connected to', connection.config.database);
          } finally {
            connection.release();
          }
        }
        startServer();
      `,
    },
    {
      name: 'a checkout declared with `var`, used only by the statements after it (tabs, no semicolons): the release goes in a finally',
      code: js`
        const { Pool } = require('pg')
        const pool = new Pool()
        async function count() {
        	var client = await pool.connect()
        	var res = await client.query('SELECT count(*) FROM users')
        	client.release()
        	return res.rows[0].count
        }
        module.exports = { count }
      `,
      filename: 'count.js',
      errors: [{ messageId: 'leak', line: 4, column: 2 }],
      output: js`
        const { Pool } = require('pg')
        const pool = new Pool()
        async function count() {
        	var client = await pool.connect()
        	try {
        		var res = await client.query('SELECT count(*) FROM users')
        		return res.rows[0].count
        	} finally {
        		client.release()
        	}
        }
        module.exports = { count }
      `,
    },
    {
      // amkorousagi/online_card's card_*.js: a copied idiom passes a callback that hands back its argument,
      // which mysql2's promise pool ignores; the releases in the try and the catch are the usual leak.
      name: 'mysql2/promise: `await pool.getConnection(async (conn) => conn)` is the plain checkout',
      code: js`
        import mysql from 'mysql2/promise';
        const pool = mysql.createPool({});
        export async function create(name) {
          const connection = await pool.getConnection(async (conn) => conn);
          try {
            await connection.beginTransaction();
            await connection.execute('INSERT INTO card (name) VALUES (?)', [name]);
            await connection.commit();
            connection.release();
          } catch (err) {
            await connection.rollback();
            connection.release();
            throw err;
          }
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import mysql from 'mysql2/promise';
        const pool = mysql.createPool({});
        export async function create(name) {
          const connection = await pool.getConnection(async (conn) => conn);
          try {
            await connection.beginTransaction();
            await connection.execute('INSERT INTO card (name) VALUES (?)', [name]);
            await connection.commit();
          } catch (err) {
            await connection.rollback();
            throw err;
          } finally {
            connection.release();
          }
        }
      `,
    },
    {
      name: 'a session setting through the pool (pg, SET without LOCAL) and through a mysql2 pool (SET FOREIGN_KEY_CHECKS)',
      code: js`
        const { Pool } = require("pg");
        const mysql = require("mysql2/promise");
        const pool = new Pool();
        const my = mysql.createPool({ host: "db" });
        async function tenant(id) {
          await pool.query("SET search_path TO tenant_" + id);
          await pool.query("SET LOCAL statement_timeout = 1000");
          return pool.query("SELECT * FROM orders");
        }
        async function wipe() {
          await my.query("SET FOREIGN_KEY_CHECKS = 0");
          await my.query("TRUNCATE orders");
          await my.query("SET FOREIGN_KEY_CHECKS = 1");
        }
        module.exports = { tenant, wipe };
      `,
      filename: 'tenants.js',
      errors: [
        { messageId: 'session-on-pool', line: 6, column: 9, message: /`pool\.query\('SET search_path TO tenant_/ },
        { messageId: 'session-on-pool', line: 11, column: 9, message: /`my\.getConnection\(\)`/ },
      ],
      output: null,
    },
    {
      name: 'a release right after a query is sent, before it settles, in a promise chain (mysql2); not also a chain without a release on every path',
      code: js`
        const mysql = require('mysql2/promise');
        const { Pool } = require('pg');
        const my = mysql.createPool({ host: 'db' });
        const pool = new Pool();
        function byName(name) {
          return my
            .getConnection()
            .then((connection) => {
              const res = connection.execute('select * from user where name = ?', [name]);
              connection.release();
              return res;
            });
        }
        module.exports = { byName };
      `,
      filename: 'users.js',
      errors: [
        {
          messageId: 'released-before-settled',
          line: 10,
          column: 7,
          message: /`connection` is released while `connection\.execute\(\.\.\.\)`/,
        },
      ],
      output: null,
    },
    {
      name: 'an un-awaited rollback in a catch that rethrows, on a connection handed in (mysql2, tabs, no semicolons)',
      code: "import type { Connection } from 'mysql2/promise'\nexport async function remove(conn: Connection, id: string) {\n\ttry {\n\t\tawait conn.beginTransaction()\n\t\tawait conn.query('DELETE FROM review WHERE id = ?', [id])\n\t\tawait conn.commit()\n\t} catch (e) {\n\t\tconn.rollback()\n\t\tthrow e\n\t}\n}\n",
      filename: 'delete_review.ts',
      errors: [{ messageId: 'unawaited-rollback', line: 8, column: 3, message: /`conn\.rollback\(\)` is not awaited/ }],
      output: null,
    },
    {
      name: 'an un-awaited ROLLBACK query in a catch, on a pg client the function checked out and releases in a finally',
      code: js`
        const { Pool } = require("pg");
        const pool = new Pool();
        async function move(id) {
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            await client.query("UPDATE t SET n = n - 1 WHERE id = $1", [id]);
            await client.query("COMMIT");
          } catch (err) {
            client.query("ROLLBACK");
            throw err;
          } finally {
            client.release();
          }
        }
        module.exports = { move };
      `,
      filename: 'move.js',
      errors: [{ messageId: 'unawaited-rollback', line: 10, column: 5, message: /`client\.query\("ROLLBACK"\)`/ }],
      output: null,
    },
    {
      name: 'a transaction helper whose callback queries through the pool, not its connection',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        async function tx(p, work) {
          const client = await p.connect();
          try {
            await client.query('BEGIN');
            const result = await work(client);
            await client.query('COMMIT');
            return result;
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          } finally {
            client.release();
          }
        }
        export async function transfer(from, to, amount) {
          return tx(pool, async (client) => {
            await pool.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
            await pool.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
          });
        }
      `,
      errors: [
        {
          messageId: 'pool-in-transaction',
          line: 19,
          column: 11,
          message: /instead of `client`.*`client\.query\(\.\.\.\)`/,
        },
      ],
      output: null,
    },
    {
      name: 'a try/catch that is all the section holds besides releases after it and in the catch: the try gets the finally, no second try around it',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function log(v) {
          const client = await pool.connect();
          try {
            await client.query('INSERT INTO log(v) VALUES ($1)', [v]);
          } catch (err) {
            console.error(err);
            client.release();
            return;
          }
          client.release();
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function log(v) {
          const client = await pool.connect();
          try {
            await client.query('INSERT INTO log(v) VALUES ($1)', [v]);
          } catch (err) {
            console.error(err);
            return;
          } finally {
            client.release();
          }
        }
      `,
    },
    {
      name: 'Koa-style middleware: the try ends at the release, so next() runs with the connection given back',
      code: js`
        const { Pool } = require('pg');
        const pool = new Pool();
        module.exports = async function session(ctx, next) {
          const client = await pool.connect();
          const { rows } = await client.query('SELECT * FROM sessions WHERE id = $1', [ctx.cookies.get('sid')]);
          client.release();
          ctx.state.user = rows[0];
          return next();
        };
      `,
      filename: 'session.js',
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        const { Pool } = require('pg');
        const pool = new Pool();
        module.exports = async function session(ctx, next) {
          const client = await pool.connect();
          let rows;
          try {
            ({ rows } = await client.query('SELECT * FROM sessions WHERE id = $1', [ctx.cookies.get('sid')]));
          } finally {
            client.release();
          }
          ctx.state.user = rows[0];
          return next();
        };
      `,
    },
    {
      name: "a class of this file whose connect() wraps the pool's checkout still hands out a connection to release",
      code: js`
        import { Pool } from 'pg';
        class Db {
          private pool = new Pool();
          async connect() {
            return this.pool.connect();
          }
        }
        export async function one(db: Db) {
          const client = await db.connect();
          const r = await client.query('SELECT 1');
          client.release();
          return r;
        }
      `,
      filename: 'db.ts',
      errors: [{ messageId: 'leak', line: 9, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        class Db {
          private pool = new Pool();
          async connect() {
            return this.pool.connect();
          }
        }
        export async function one(db: Db) {
          const client = await db.connect();
          try {
            const r = await client.query('SELECT 1');
            return r;
          } finally {
            client.release();
          }
        }
      `,
    },
    {
      name: 'a transaction opened through the pool (pg BEGIN, mysql2 START TRANSACTION): each query may run on another connection; one report per function',
      code: js`
        const { Pool } = require('pg');
        const mysql = require('mysql2/promise');
        const pool = new Pool();
        const my = mysql.createPool({});
        async function transfer(from, to) {
          await pool.query('BEGIN');
          try {
            await pool.query('UPDATE accounts SET n = n - 1 WHERE id = $1', [from]);
            await pool.query('COMMIT');
          } catch (e) {
            await pool.query('ROLLBACK');
            throw e;
          }
        }
        async function resetAll() {
          await my.query("START TRANSACTION");
          await my.query('DELETE FROM carts');
          await my.query('COMMIT');
        }
        module.exports = { transfer, resetAll };
      `,
      filename: 'accounts.js',
      errors: [
        { messageId: 'transaction-on-pool', line: 6, column: 9, message: /pool\.connect\(\)/ },
        { messageId: 'transaction-on-pool', line: 16, column: 9, message: /my\.getConnection\(\)/ },
      ],
      output: null,
    },
    {
      name: 'release outside a finally (pg)',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          await c.query('SELECT 1');
          c.release();
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
          } finally {
            c.release();
          }
        }
      `,
    },
    {
      name: 'release through the pool (mysql2 releaseConnection), no semicolons kept',
      code: js`
        const mysql = require('mysql2/promise')
        const pool = mysql.createPool({})
        async function f() {
          const c = await pool.getConnection()
          await c.query('SELECT 1')
          pool.releaseConnection(c)
        }
      `,
      filename: 'a.js',
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        const mysql = require('mysql2/promise')
        const pool = mysql.createPool({})
        async function f() {
          const c = await pool.getConnection()
          try {
            await c.query('SELECT 1')
          } finally {
            pool.releaseConnection(c)
          }
        }
      `,
    },
    {
      name: 'returned client',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          return c;
        }
      `,
      errors: [{ messageId: 'escapes-return', line: 5, column: 10 }],
      output: null,
    },
    {
      name: 'client stored on res.locals',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(res) {
          const c = await pool.connect();
          res.locals.db = c;
          c.release();
        }
      `,
      errors: [{ messageId: 'escapes-store', line: 5, column: 19 }],
      output: null,
    },
    {
      name: 'client passed to another function',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          await audit(c);
          c.release();
        }
      `,
      errors: [{ messageId: 'escapes-argument', line: 5, column: 15 }],
      output: null,
    },
    {
      name: 'client used in a callback that may run later',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          setTimeout(() => c.query('SELECT 1'), 10);
          c.release();
        }
      `,
      errors: [{ messageId: 'escapes-callback', line: 5, column: 20 }],
      output: null,
    },
    {
      name: 'un-awaited query before the release',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          c.query('SELECT 1');
          c.release();
        }
      `,
      errors: [{ messageId: 'unawaited-query', line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'use after release',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          c.release();
          await c.query('SELECT 1');
        }
      `,
      errors: [{ messageId: 'use-after-release', line: 6, column: 9 }],
      output: null,
    },
    {
      name: 'double release says what pg does',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(x) {
          const c = await pool.connect();
          if (x) c.release();
          c.release();
        }
      `,
      errors: [{ messageId: 'double-release', line: 6, column: 3 }],
      output: null,
    },
    {
      name: 'release in a loop',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(xs) {
          const c = await pool.connect();
          for (const x of xs) {
            c.release();
          }
        }
      `,
      errors: [{ messageId: 'release-in-loop', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'a class of this file whose connect() takes a connection from its pool: its callers check one out',
      code: js`
        const { Pool } = require('pg');
        class Database {
          constructor() {
            this.pool = new Pool();
          }
          async connect() {
            return this.pool.connect();
          }
        }
        const db = new Database();
        async function one() {
          const client = await db.connect();
          const { rows } = await client.query('SELECT 1');
          return rows;
        }
        module.exports = { one };
      `,
      filename: 'db.js',
      errors: [{ messageId: 'never-released', line: 12, column: 3 }],
      output: null,
    },
    {
      name: 'a class whose connect() returns a field it also gives a checkout (this.client = await this.pool.connect()): its callers check one out',
      code: js`
        const { Pool } = require('pg');
        class Database {
          constructor() {
            this.pool = new Pool();
            this.client = null;
          }
          async connect() {
            this.client = await this.pool.connect();
            return this.client;
          }
        }
        const db = new Database();
        async function one() {
          const client = await db.connect();
          const { rows } = await client.query('SELECT 1');
          return rows;
        }
        module.exports = { one };
      `,
      filename: 'db.js',
      errors: [
        { messageId: 'stored-checkout', line: 8, column: 25 },
        { messageId: 'never-released', line: 14, column: 3 },
      ],
      output: null,
    },
    {
      name: 'a class whose connect() returns a new wrapper around its checkout (`new Tx(client)`): its callers still check one out',
      code: js`
        const { Pool } = require('pg');
        class Tx {
          constructor(client) {
            this.client = client;
          }
        }
        class Database {
          constructor() {
            this.pool = new Pool();
          }
          async connect() {
            const client = await this.pool.connect();
            return new Tx(client);
          }
        }
        const db = new Database();
        async function one() {
          const tx = await db.connect();
          const { rows } = await tx.client.query('SELECT 1');
          return rows;
        }
        module.exports = { one };
      `,
      filename: 'db.js',
      errors: [
        { messageId: 'escapes-store', line: 13, column: 19 },
        { messageId: 'never-released', line: 18, column: 3 },
      ],
      output: null,
    },
    {
      name: "await on mysql2's callback-API pool gets undefined (tabs, ESM)",
      code: js`
		import mysql from 'mysql2';
		const pool = mysql.createPool({ connectionLimit: 5 });
		export async function save(row) {
			let conn;
			try {
				conn = await pool.getConnection();
				await conn.query('INSERT INTO t SET ?', row);
			} finally {
				if (conn) conn.release();
			}
		}
		`,
      errors: [
        {
          messageId: 'awaited-callback-acquire',
          line: 6,
          column: 16,
          message: /`pool` comes from `mysql2`.*cb is not a function.*mysql2\/promise/,
        },
      ],
      output: null,
    },
    {
      name: 'a chain that releases first and then uses the connection again is still reported',
      code: js`
        const { Pool } = require('pg')
        const pool = new Pool()
        pool.connect().then((client) => {
          client.release()
          return client.query('SELECT 1')
        })
        module.exports = pool
      `,
      errors: [{ messageId: 'promise-chain-acquire', line: 3, column: 1 }],
      output: null,
    },
    {
      // jacquesdubois/Atelier's db/poolIndex.js: a startup check whose connection nothing receives.
      name: 'a startup check that checks out and never receives the connection (CommonJS, no semicolons)',
      code: js`
        const { Pool } = require('pg')

        const pool = new Pool({ max: 5 })

        pool.connect()
            .then(() => console.log('Connected to PostgreSQL Database with Pool!'))
            .catch((err) => console.log(err))

        module.exports = pool
      `,
      filename: 'db.js',
      errors: [
        {
          messageId: 'checkout-discarded',
          line: 5,
          column: 1,
          message: /^`pool.connect\(\)` checks out a connection that nothing receives.*`pool.query\('SELECT 1'\)`/,
        },
      ],
      output: null,
    },
    {
      // nqdai1992/conduit-backend-node-postgres's src/infastructure/database/index.ts: the callback takes only the error.
      name: 'a startup check whose callback takes no connection: the pool hands one over that nothing can release (TypeScript)',
      code: js`
        import { Pool } from 'pg';

        const pool = new Pool({ max: 5 });

        pool.connect((err): void => {
          if (err) {
            console.error(err);
            return;
          }
          console.log('Connect DB successfully');
        });

        export default pool;
      `,
      filename: 'db.ts',
      errors: [
        {
          messageId: 'checkout-discarded',
          line: 5,
          column: 1,
          message:
            /^`pool.connect\(...\)` checks out a connection that nothing receives.*take it in the callback and give it back: `\(err, client\) => \{ ...; client.release\(\); \}`/,
        },
      ],
      output: null,
    },
    {
      name: "mysql's callback pool, a getConnection whose callback takes nothing (tabs)",
      code: js`
        const mysql = require('mysql');
        const pool = mysql.createPool({ connectionLimit: 5 });
        pool.getConnection(() => {
        	console.log('connected');
        });
        module.exports = pool;
      `,
      errors: [{ messageId: 'checkout-discarded', line: 3, column: 1 }],
      output: null,
    },
    {
      name: "generic-pool's discarded checkout: the advice gives the resource back through the pool",
      code: js`
        const genericPool = require('generic-pool');
        const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => {} }, { max: 5 });
        pool.acquire().then(() => console.log('ready'));
        module.exports = pool;
      `,
      errors: [
        {
          messageId: 'checkout-discarded',
          line: 3,
          column: 1,
          message: /Release it \(`\.then\(\(client\) => pool\.release\(client\)\)`\)/,
        },
      ],
      output: null,
    },
    {
      name: 'an awaited checkout as a statement of its own, in a function (ESM, double quotes)',
      code: js`
        import pg from "pg";
        const pool = new pg.Pool();
        export async function ready() {
          await pool.connect();
          return true;
        }
      `,
      errors: [{ messageId: 'checkout-discarded', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'never released',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          await c.query('SELECT 1');
        }
      `,
      errors: [{ messageId: 'never-released', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'transaction without rollback',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          await c.query('BEGIN');
          await c.query('COMMIT');
          c.release();
        }
      `,
      errors: [{ messageId: 'transaction-without-rollback', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'LISTEN needs a dedicated connection',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          await c.query('LISTEN jobs');
          c.release();
        }
      `,
      errors: [{ messageId: 'event-subscription', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'callback acquire that misses a branch',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        pool.connect((err, client, done) => {
          if (err) return;
          client.query('SELECT 1', (e) => {
            if (e) return;
            done();
          });
        });
      `,
      errors: [{ messageId: 'callback-acquire', line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'a callback acquire whose error branch only logs: without an else, or with the connection used after the if, nothing is proven',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        pool.connect((err, client, done) => {
          if (err) {
            console.error(err);
          }
          console.log('connected');
        });
        pool.connect((err, client, done) => {
          if (err) {
            console.error(err);
          } else {
            console.log('connected');
          }
          done();
        });
        pool.connect((err, client, done) => {
          if (err) {
            console.error(err, client);
          } else {
            done();
          }
        });
      `,
      errors: [
        { messageId: 'callback-acquire', line: 3, column: 1 },
        { messageId: 'callback-acquire', line: 9, column: 1 },
        { messageId: 'callback-acquire', line: 17, column: 1 },
      ],
      output: null,
    },
    {
      name: 'a callback acquire whose path exits the process only on one branch, and leaks on the other',
      code: js`
        const pg = require('pg');
        const pool = new pg.Pool();
        pool.connect(function (err, client, done) {
          if (err) process.exit(1);
          client.query('SELECT 1', function (e) {
            if (e) {
              process.exit(1);
            }
            console.log('ok');
          });
        });
      `,
      errors: [{ messageId: 'callback-acquire', line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'promise chain with only .then, whose callback does work before its release',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        pool.connect().then((c) => {
          console.log('connected', c.processID);
          c.release();
        });
      `,
      errors: [{ messageId: 'promise-chain-acquire', line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'await after the release stays outside the try',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          const { rows } = await c.query('SELECT 1');
          c.release();
          await fetch('x');
          return rows;
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          let rows;
          try {
            ({ rows } = await c.query('SELECT 1'));
          } finally {
            c.release();
          }
          await fetch('x');
          return rows;
        }
      `,
    },
    {
      // PberuKatwa/NestShard's postgres.config.ts: a connectivity check, then the pool is kept and returned.
      name: 'code after the release that reads nothing the try declares stays after it, untouched (a blank line, a return)',
      filename: 'postgres.config.ts',
      code: js`
        import { Pool } from 'pg';
        export class PostgresConfig {
          private pool?: Pool;
          async connect(pool: Pool) {
            const client = await pool.connect();
            await client.query("SELECT 1");
            client.release();

            this.pool = pool;
            console.info("PostgreSQL connected");
            return this.pool;
          }
        }
      `,
      errors: [{ messageId: 'leak', line: 5, column: 5 }],
      output: js`
        import { Pool } from 'pg';
        export class PostgresConfig {
          private pool?: Pool;
          async connect(pool: Pool) {
            const client = await pool.connect();
            try {
              await client.query("SELECT 1");
            } finally {
              client.release();
            }

            this.pool = pool;
            console.info("PostgreSQL connected");
            return this.pool;
          }
        }
      `,
    },
    {
      name: 'a try/catch, then the release, then code that reads nothing from it: the try gets the finally, the code after stays (no semicolons)',
      code: js`
        const { Pool } = require('pg')
        const pool = new Pool()
        async function save(row) {
          const client = await pool.connect()
          try {
            await client.query('INSERT INTO t VALUES ($1)', [row])
          } catch (err) {
            console.error(err)
          }
          client.release()
          console.log('saved')
          return true
        }
        module.exports = { save }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        const { Pool } = require('pg')
        const pool = new Pool()
        async function save(row) {
          const client = await pool.connect()
          try {
            await client.query('INSERT INTO t VALUES ($1)', [row])
          } catch (err) {
            console.error(err)
          } finally {
            client.release()
          }
          console.log('saved')
          return true
        }
        module.exports = { save }
      `,
    },
    {
      name: 'hoisting in a file without semicolons guards the parenthesis',
      code: js`
        import { Pool } from 'pg'
        const pool = new Pool()
        export async function f() {
          const c = await pool.connect()
          const { rows } = await c.query('SELECT 1')
          c.release()
          await fetch('x')
          return rows
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import { Pool } from 'pg'
        const pool = new Pool()
        export async function f() {
          const c = await pool.connect()
          let rows
          try {
            ;({ rows } = await c.query('SELECT 1'))
          } finally {
            c.release()
          }
          await fetch('x')
          return rows
        }
      `,
    },
    {
      name: 'release(err) keeps destroying the client',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
            c.release();
          } catch (e) {
            c.release(e);
            throw e;
          }
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          let failure;
          try {
            await c.query('SELECT 1');
          } catch (e) {
            failure = e;
            throw e;
          } finally {
            c.release(failure);
          }
        }
      `,
    },
    {
      name: "a pool imported from a package the tool does not know (a monorepo's db package) is still a pool",
      code: js`
        import { pool } from '@acme/db';
        export async function f() {
          const client = await pool.connect();
          await client.query('SELECT 1');
        }
      `,
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'never-released', line: 3, column: 3 }],
      output: null,
    },
    {
      name: 'using style for pg is reported',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          await c.query('SELECT 1');
          c.release();
        }
      `,
      options: { style: 'using' },
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'style-unsupported', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'tab-indented file stays tab-indented, template text untouched',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f() {\n\tconst c = await pool.connect();\n\tawait c.query(`SELECT\n  1`);\n\tc.release();\n}\n",
      errors: [{ messageId: 'leak', line: 4, column: 2 }],
      output:
        "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f() {\n\tconst c = await pool.connect();\n\ttry {\n\t\tawait c.query(`SELECT\n  1`);\n\t} finally {\n\t\tc.release();\n\t}\n}\n",
    },
    // Un-awaited work on the held connection: never wrapped in a finally as if it were safe.
    {
      name: 'a .catch chain left running',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          c.query('INSERT INTO log VALUES (1)').catch(() => {});
          c.release();
        }
      `,
      errors: [{ messageId: 'unawaited-query', line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'fire-and-forget inserts in forEach',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(items) {
          const c = await pool.connect();
          items.forEach((i) => c.query('INSERT INTO t VALUES ($1)', [i]));
          c.release();
        }
      `,
      errors: [{ messageId: 'unawaited-query', line: 5, column: 24 }],
      output: null,
    },
    {
      name: 'a promise stored and never awaited',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          const p = c.query('SELECT 1');
          c.release();
          return p;
        }
      `,
      errors: [{ messageId: 'unawaited-query', line: 5, column: 13 }],
      output: null,
    },
    {
      name: 'a query returned from inside the section without await',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            return c.query('SELECT 1');
          } catch (e) {
            c.release();
            throw e;
          }
        }
      `,
      errors: [{ messageId: 'unawaited-query', line: 6, column: 12 }],
      output: null,
    },
    {
      name: 'a stored promise awaited before the release is safe to wrap',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          const p = c.query('SELECT 1');
          const rows = (await p).rows;
          c.release();
          return rows;
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            const p = c.query('SELECT 1');
            const rows = (await p).rows;
            return rows;
          } finally {
            c.release();
          }
        }
      `,
    },
    {
      name: 'queries mapped into an awaited Promise.all are safe to wrap',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(ids) {
          const c = await pool.connect();
          await Promise.all(ids.map((id) => c.query('DELETE FROM t WHERE id = $1', [id])));
          c.release();
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(ids) {
          const c = await pool.connect();
          try {
            await Promise.all(ids.map((id) => c.query('DELETE FROM t WHERE id = $1', [id])));
          } finally {
            c.release();
          }
        }
      `,
    },
    // Released in the finally and again on the way there.
    {
      name: 'a release at the end of the try and in the finally',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
            c.release();
          } finally {
            c.release();
          }
        }
      `,
      errors: [{ messageId: 'released-twice', line: 9, column: 5 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
          } finally {
            c.release();
          }
        }
      `,
    },
    {
      name: 'a release in the catch before a rethrow, and in the finally (mysql2, no semicolons)',
      code: js`
        const mysql = require('mysql2/promise')
        const pool = mysql.createPool({})
        async function f() {
          const c = await pool.getConnection()
          try {
            await c.query('SELECT 1')
          } catch (e) {
            c.release()
            throw e
          } finally {
            c.release()
          }
        }
      `,
      filename: 'a.js',
      errors: [{ messageId: 'released-twice', line: 11, column: 5 }],
      output: js`
        const mysql = require('mysql2/promise')
        const pool = mysql.createPool({})
        async function f() {
          const c = await pool.getConnection()
          try {
            await c.query('SELECT 1')
          } catch (e) {
            throw e
          } finally {
            c.release()
          }
        }
      `,
    },
    {
      name: 'a release in the catch followed by more waiting is reported, not dropped',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(log) {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
          } catch (e) {
            c.release();
            await log(e);
          } finally {
            c.release();
          }
        }
      `,
      errors: [{ messageId: 'double-release', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'release(err) in the catch and release() in the finally is reported (the destroy would be lost)',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
          } catch (e) {
            c.release(e);
            throw e;
          } finally {
            c.release();
          }
        }
      `,
      errors: [{ messageId: 'double-release', line: 8, column: 5 }],
      output: null,
    },
    // A checkout that hides a live outer connection of the same name.
    {
      name: 'an inner checkout shadowing an outer one left open in a transaction',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          await c.query('BEGIN');
          {
            const c = await pool.connect();
            await c.query('SELECT 1');
            c.release();
          }
        }
      `,
      errors: [
        { messageId: 'never-released', line: 4, column: 3 },
        { messageId: 'shadows-held-connection', line: 7, column: 5 },
      ],
      output: null,
    },
    {
      name: 'an inner checkout under an outer one released in a finally is rewritten',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            {
              const c = await pool.connect();
              await c.query('SELECT 1');
              c.release();
            }
          } finally {
            c.release();
          }
        }
      `,
      errors: [{ messageId: 'leak', line: 7, column: 7 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            {
              const c = await pool.connect();
              try {
                await c.query('SELECT 1');
              } finally {
                c.release();
              }
            }
          } finally {
            c.release();
          }
        }
      `,
    },
    {
      name: 'a variable reassigned to a second checkout is reported once',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          let c = await pool.connect();
          await c.query('SELECT 1');
          c.release();
          c = await pool.connect();
          await c.query('SELECT 2');
          c.release();
        }
      `,
      errors: [{ messageId: 'unsupported', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'a connection stored on res.locals escapes',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f(req, res, next) {
          const c = await pool.connect();
          res.locals.db = c;
          next();
        }
      `,
      errors: [{ messageId: 'escapes-store', line: 5, column: 19 }],
      output: null,
    },
    {
      name: 'release(true) in the catch and release() at the end become one release(failure) in a finally',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
            c.release();
          } catch (err) {
            c.release(true);
            throw err;
          }
        }
      `,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          let failure;
          try {
            await c.query('SELECT 1');
          } catch (err) {
            failure = true;
            throw err;
          } finally {
            c.release(failure);
          }
        }
      `,
    },
    {
      // daviduzondu/hng-stage-2's src/db/index.ts: an ES module checks out at its top level and exports
      // begin/query/commit/release, which every request calls on that one connection.
      name: "a checkout at an ES module's top level that its exported functions share: one connection for the whole process",
      filename: 'src/db/index.ts',
      code: js`
        import pg from 'pg';
        const pool = new pg.Pool();
        const client = await pool.connect();
        export async function begin() {
          return client.query('BEGIN');
        }
        export function query(text: string, params: unknown[]) {
          return client.query(text, params);
        }
      `,
      errors: [
        {
          messageId: 'module-checkout',
          line: 3,
          column: 1,
          message:
            /`client` is checked out of `pool` when the module loads .*: `await pool\.connect\(\)` released in a finally, or single statements sent through `pool`\.$/,
        },
      ],
      output: null,
    },
    {
      name: 'the same with mysql2 and no semicolons: the checkout is named for its library',
      filename: 'db.mjs',
      code: js`
        import mysql from 'mysql2/promise'
        export const pool = mysql.createPool({ uri: process.env.DATABASE_URL })
        const conn = await pool.getConnection()
        export const findUser = (id) => conn.execute('SELECT * FROM users WHERE id = ?', [id])
      `,
      errors: [{ messageId: 'module-checkout', line: 3, column: 1, message: /`await pool\.getConnection\(\)`/ }],
      output: null,
    },
    {
      name: 'a checkout stored on the request for a later middleware to release',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function attach(req, res, next) {
          req.client = await pool.connect();
          next();
        }
      `,
      errors: [{ messageId: 'stored-checkout', line: 4, column: 22 }],
      output: null,
    },
    {
      name: 'a checkout promise stored on a Koa context (mysql2, 4 spaces)',
      code: js`
        import mysql from 'mysql2/promise';
        const pool = mysql.createPool({});
        export const db = async (ctx, next) => {
            ctx.dbPoolConn = pool.getConnection();
            await next();
        };
      `,
      errors: [{ messageId: 'stored-checkout', line: 4, column: 22 }],
      output: null,
    },
    {
      name: 'a class keeps a LISTEN connection on this: a dedicated subscriber, not a leak',
      filename: 'dispatcher.ts',
      code: js`
        import { Pool, PoolClient } from 'pg';
        export class Dispatcher {
          private listener!: PoolClient;
          constructor(private pool: Pool) {}
          private async setup() {
            this.listener = await this.pool.connect();
            await this.listener.query('LISTEN outbox_events');
          }
        }
      `,
      errors: [
        {
          messageId: 'event-subscription',
          line: 6,
          column: 27,
          message: /^`this\.listener` runs LISTEN, so it is meant to stay checked out/,
        },
      ],
      output: null,
    },
    {
      name: 'an arrow function in a method subscribes to the kept connection (no semicolons)',
      code: js`
        export class Listener {
          constructor(pool) { this.pool = pool }
          async start() {
            this.conn = await this.pool.connect()
          }
          next() {
            return new Promise((resolve) => this.conn.once('notification', resolve))
          }
        }
      `,
      errors: [
        { messageId: 'event-subscription', line: 4, column: 23, message: /`this\.conn\.once\(\.\.\.\)` subscribes/ },
      ],
      output: null,
    },
    {
      name: 'a test helper keeps the connection between begin() and rollback() (mysql2)',
      filename: 'dispatcher.ts',
      code: js`
        import mysql from 'mysql2/promise';
        export class TestTransaction {
          private conn: mysql.PoolConnection | null = null;
          constructor(private pool: mysql.Pool) {}
          async begin() {
            this.conn = await this.pool.getConnection();
            await this.conn.beginTransaction();
          }
          async rollback() {
            await this.conn!.rollback();
            this.conn!.release();
          }
        }
      `,
      errors: [
        {
          messageId: 'kept-on-instance',
          line: 6,
          column: 23,
          message: /kept on `this\.conn`, and another method of the class releases it/,
        },
      ],
      output: null,
    },
    {
      name: 'class-field arrows share the instance: the release in close counts',
      code: js`
        const { Pool } = require("pg");
        const pool = new Pool();
        class Session {
          open = async () => {
            this.client = await pool.connect();
          };
          close = () => {
            this.client.release();
          };
        }
        module.exports = Session;
      `,
      errors: [{ messageId: 'kept-on-instance', line: 5, column: 25 }],
      output: null,
    },
    {
      name: 'a release inside a nested function has its own this: nothing in the class releases it',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export class Repo {
          async init() {
            this.client = await pool.connect();
          }
          later() {
            setTimeout(function () {
              this.client.release();
            }, 10);
          }
        }
      `,
      errors: [{ messageId: 'kept-unreleased', line: 5, column: 25, message: /nothing in the class releases it/ }],
      output: null,
    },
    {
      name: 'an error listener alone does not make a kept connection a subscriber',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export class Repo {
          async init() {
            this.client = await pool.connect();
            this.client.on('error', (err) => console.error(err));
          }
        }
      `,
      errors: [{ messageId: 'kept-unreleased', line: 5, column: 25 }],
      output: null,
    },
    {
      name: 'stored on another object inside a class method: still for other code to release',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export class Middleware {
          async handle(req, res, next) {
            req.client = await pool.connect();
            next();
          }
        }
      `,
      errors: [{ messageId: 'stored-checkout', line: 5, column: 24 }],
      output: null,
    },
  ],
});
