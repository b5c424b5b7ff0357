/** Objects another module of the project makes: a transaction opened through an imported pool, and a connect() of an imported class or object. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { run } from '../src/index';
import { project } from './support/cli';

/** release-in-finally's findings on a project of these files, as `file:line:column id`. */
async function findings(files: Record<string, string>): Promise<string[]> {
  const result = await run({ transforms: ['release-in-finally'], paths: [project(files)], dry: true, config: false });
  return result.files
    .flatMap((f) => f.findings.map((x) => `${path.basename(f.path)}:${x.line}:${x.column} ${x.messageId}`))
    .sort();
}

it("BEGIN through a pool imported from the project's pool module is reported; through another imported object it is not", async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
    'db.js': "const { Pool } = require('pg');\nconst pool = new Pool({ max: 5 });\nmodule.exports = pool;\n",
    'util.js': 'exports.format = { query: async () => {} };\n',
    'accounts.js': [
      "const pool = require('./db');",
      "const { format } = require('./util');",
      'exports.transfer = async (from) => {',
      "  await pool.query('BEGIN');",
      "  await pool.query('UPDATE accounts SET n = n - 1 WHERE id = $1', [from]);",
      "  await pool.query('COMMIT');",
      '};',
      "exports.other = async () => format.query('BEGIN');",
      '',
    ].join('\n'),
  };
  expect(await findings(files)).toEqual(['accounts.js:4:9 transaction-on-pool']);
});

it("a connect() of the project's own class or object that returns a memoised Pool is no checkout; one that checks out of its pool is", async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
    // CommonJS class, exported as the module.
    'config.js': [
      "const { Pool } = require('pg');",
      'class PostgresConfig {',
      '  async connect() {',
      '    if (this.pool) return this.pool;',
      '    this.pool = new Pool({ max: 5 });',
      '    return this.pool;',
      '  }',
      '}',
      'module.exports = PostgresConfig;',
      '',
    ].join('\n'),
    'repo.js': [
      "const PostgresConfig = require('./config');",
      'class Repo {',
      '  constructor() {',
      '    this.postgresConfig = new PostgresConfig();',
      '  }',
      '  async find(id) {',
      '    const pool = await this.postgresConfig.connect();',
      "    const { rows } = await pool.query('SELECT * FROM t WHERE id = $1', [id]);",
      '    return rows[0];',
      '  }',
      '}',
      'module.exports = Repo;',
      '',
    ].join('\n'),
    // An ES module's singleton, and a TypeScript receiver typed with an imported class.
    'store.mjs': [
      "import pg from 'pg';",
      'class Store {',
      '  async connect() {',
      '    this.pool ??= new pg.Pool({ max: 5 });',
      '    return this.pool;',
      '  }',
      '}',
      'export default new Store();',
      '',
    ].join('\n'),
    'report.mjs': [
      "import store from './store.mjs';",
      'export async function count() {',
      '  const pool = await store.connect();',
      "  const { rows } = await pool.query('SELECT count(*) FROM t');",
      '  return rows[0];',
      '}',
      '',
    ].join('\n'),
    'service.ts': [
      "import { PostgresConfig } from './typed';",
      'export class Service {',
      '  constructor(private readonly config: PostgresConfig) {}',
      '  async all() {',
      '    const pool = await this.config.connect();',
      "    const { rows } = await pool.query('SELECT 1');",
      '    return rows;',
      '  }',
      '}',
      '',
    ].join('\n'),
    'typed.ts': [
      "import { Pool } from 'pg';",
      'export class PostgresConfig {',
      '  private pool?: Pool;',
      '  async connect(): Promise<Pool> {',
      '    if (!this.pool) this.pool = new Pool({ max: 5 });',
      '    return this.pool;',
      '  }',
      '}',
      '',
    ].join('\n'),
    // A wrapper whose connect() checks out of its pool: its callers hold a connection.
    'wrapper.js': [
      "const { Pool } = require('pg');",
      'class Database {',
      '  constructor() {',
      '    this.pool = new Pool({ max: 5 });',
      '  }',
      '  connect() {',
      '    return this.pool.connect();',
      '  }',
      '}',
      'module.exports = new Database();',
      '',
    ].join('\n'),
    'users.js': [
      "const db = require('./wrapper');",
      'exports.one = async (id) => {',
      '  const client = await db.connect();',
      "  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);",
      '  return rows[0];',
      '};',
      '',
    ].join('\n'),
  };
  expect(await findings(files)).toEqual(['users.js:3:3 never-released']);
});

it("a transaction and a session setting sent through a pool the app is decorated with (a Fastify plugin's server.decorate('mysql', pool), @fastify/postgres' fastify.pg) are reported; through another member they are not", async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { mysql2: '^3', fastify: '^4', '@fastify/postgres': '^5' } }),
    'plugins/mysql.ts': [
      "import { FastifyInstance } from 'fastify'",
      "import { createPool } from 'mysql2/promise'",
      'async function MySql(server: FastifyInstance) {',
      '\tconst connection = createPool({ host: "localhost", connectionLimit: 5 })',
      "\tserver.decorate('mysql', connection)",
      '}',
      'export default MySql',
      '',
    ].join('\n'),
    'controllers/account.ts': [
      "import { FastifyInstance } from 'fastify'",
      'export const controller = (server: FastifyInstance) => ({',
      '\tasync deleteAccount(id: number) {',
      "\t\tawait server.mysql.query('START TRANSACTION')",
      "\t\tawait server.mysql.query('DELETE FROM Accounts WHERE id = ?', [id])",
      "\t\tawait server.mysql.query('COMMIT')",
      '\t},',
      '\tasync wipe() {',
      "\t\tawait server.mysql.query('SET FOREIGN_KEY_CHECKS=0')",
      "\t\tawait server.mysql.query('TRUNCATE Accounts')",
      "\t\tawait server.mysql.query('SET FOREIGN_KEY_CHECKS=1')",
      '\t},',
      '\tasync move(id: number) {',
      "\t\tawait server.pg.query('BEGIN')",
      "\t\tawait server.pg.query('UPDATE t SET n = 1 WHERE id = $1', [id])",
      "\t\tawait server.pg.query('COMMIT')",
      '\t},',
      '\tasync other() {',
      "\t\tawait server.cache.query('BEGIN')",
      '\t},',
      '})',
      '',
    ].join('\n'),
  };
  expect(await findings(files)).toEqual([
    'account.ts:14:9 transaction-on-pool',
    'account.ts:4:9 transaction-on-pool',
    'account.ts:9:9 session-on-pool',
  ]);
});

it('a transaction helper whose callback queries through the pool is found in a file that has no checkout of its own (the prefilter admits the helper call)', async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
    'tx.js': [
      'async function tx(pool, fn) {',
      '  const client = await pool.connect();',
      '  try {',
      "    await client.query('BEGIN');",
      '    await fn(client);',
      "    await client.query('COMMIT');",
      '  } finally {',
      '    client.release();',
      '  }',
      '}',
      'module.exports = { tx };',
      '',
    ].join('\n'),
    'orders.js': [
      "const { Pool } = require('pg');",
      "const { tx } = require('./tx');",
      'const pool = new Pool({ max: 5 });',
      'async function place(id) {',
      '  await tx(pool, async (client) => {',
      "    await pool.query('INSERT INTO orders (id) VALUES ($1)', [id]);",
      '  });',
      '}',
      'module.exports = { place };',
      '',
    ].join('\n'),
  };
  expect(await findings(files)).toEqual(['orders.js:6:11 pool-in-transaction']);
});

it("a connection the project's callback wrapper hands to a callback (db.getConnection(req, res, (connection) => ...)) must be released on every path of that callback", async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { mysql: '^2' } }),
    'db.js': [
      "var mysql = require('mysql');",
      "var pool = mysql.createPool({ connectionLimit: 10, host: 'localhost' });",
      'module.exports = {',
      '    getConnection: function(req, res, next) {',
      '        pool.getConnection(function(err, connection) {',
      '            if (err) {',
      '                res.json({ code: 100 });',
      '                return;',
      '            }',
      '            next(connection);',
      '        });',
      '    }',
      '};',
      '',
    ].join('\n'),
    'login.js': [
      "var db = require('./db.js');",
      'function validate(req, res) {',
      '    db.getConnection(req, res, function(connection) {',
      '        if (req.body) {',
      "            connection.query('SELECT 1', function(err, rows) {",
      '                connection.release();',
      '                res.json(rows);',
      '            });',
      '        }',
      '    });',
      '}',
      'function list(req, res) {',
      '    db.getConnection(req, res, function(connection) {',
      "        connection.query('SELECT 2', function(err, rows) {",
      '            connection.release();',
      '            res.json(rows);',
      '        });',
      '    });',
      '}',
      'module.exports = { validate, list };',
      '',
    ].join('\n'),
  };
  expect((await findings(files)).filter((f) => f.startsWith('login.js'))).toEqual(['login.js:3:5 callback-acquire']);
});
