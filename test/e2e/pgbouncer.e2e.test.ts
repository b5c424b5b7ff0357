/**
 * Behind a real PgBouncer in transaction mode, started from the pgbouncer.ini
 * `pool-codemod pgbouncer-config` writes:
 * - before the fixes, code that relies on its session misbehaves: a startup
 *   parameter is refused, a SET inside a transaction leaks to the next
 *   client, a named prepared statement is missing on another server
 *   connection; the tool reports each, and rewrites the SET to SET LOCAL;
 * - after `run all --behind-pgbouncer`, the bundled example's functions work
 *   through PgBouncer, and 100 concurrent clients use no more server
 *   connections than default_pool_size.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeAndAfter, removeStaleDirs, requireServer, testPool, timed } from './db';
import { type Bouncer, startPgbouncer } from './pgbouncer';
import { printFigures, record } from './report';

type Module = typeof import('./scenarios/pgbouncer/before');

const BIN = path.join(__dirname, '..', '..', 'bin', 'pool-codemod.js');
// default_pool_size = min((10 - 5) - 0, 4 x 25) = 5 server connections for 100 clients.
const SIZING = { maxConnections: 10, reserved: 5, instances: 4, appPoolSize: 25 };
const DEFAULT_POOL_SIZE = 5;

let admin: pg.Pool;
let bouncer: Bouncer;

/** A pool that reaches PostgreSQL through PgBouncer. */
function viaBouncer(extra: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: bouncer.port,
    user: process.env.PGUSER,
    password: process.env.PGPASSWORD,
    database: process.env.PGDATABASE,
    max: 1,
    ...extra,
  });
  pool.on('error', () => {});
  return pool;
}

beforeAll(async () => {
  requireServer();
  admin = testPool('pool-codemod-e2e-admin', { max: 1 });
  await admin.query('DROP SCHEMA IF EXISTS e2e_tenant CASCADE');
  await admin.query('CREATE SCHEMA e2e_tenant');
  await admin.query(
    "CREATE TABLE e2e_tenant.items (name text); INSERT INTO e2e_tenant.items VALUES ('anvil'), ('bolt')",
  );
  bouncer = await startPgbouncer(BIN, SIZING);
});

afterAll(async () => {
  printFigures('pgbouncer: measured through PgBouncer (transaction mode, default_pool_size 5)');
  await bouncer?.stop();
  if (admin) {
    await admin.query('DROP SCHEMA IF EXISTS e2e_tenant CASCADE');
    await admin.end();
  }
});

describe('pgbouncer e2e', () => {
  it('uses the config the tool generated', () => {
    expect(bouncer.ini).toContain('pool_mode = transaction');
    expect(bouncer.ini).toContain(`default_pool_size = ${DEFAULT_POOL_SIZE}`);
    expect(bouncer.ini).toContain('max_client_conn = 100');
  });

  it('a statement_timeout startup parameter is refused by PgBouncer (the tool reports it, adds none behind PgBouncer)', async () => {
    const pool = viaBouncer({ statement_timeout: 30000 });
    const r = await timed(() => pool.query('SELECT 1'));
    await pool.end();
    record({
      scenario: 'pool config with statement_timeout',
      measure: 'first query',
      before: r.error?.message ?? 'ok',
      after: 'reported: startup-parameter-behind-pgbouncer',
    });
    expect(r.error?.message).toMatch(/unsupported startup parameter: statement_timeout/);
  });

  it('a SET inside a transaction leaks to the next client before; SET LOCAL (the rewrite) does not', async () => {
    const modules = await beforeAndAfter<Module>('pgbouncer', 'pgbouncer');
    expect(modules.afterSource).toContain('SET LOCAL search_path TO ${tenant}');
    const seen: Record<string, string> = {};
    for (const variant of ['before', 'after'] as const) {
      const a = viaBouncer();
      const b = viaBouncer();
      expect(await modules[variant].tenantItems(a, 'e2e_tenant')).toEqual(['anvil', 'bolt']);
      // The next transaction, from another client, gets the server connection the first one used (PgBouncer reuses the last one).
      const client = await b.connect();
      await client.query('BEGIN');
      seen[variant] = (await client.query('SHOW search_path')).rows[0].search_path;
      // Put the shared server connection back as it was, for the tests after this one.
      await client.query('RESET search_path');
      await client.query('COMMIT');
      client.release();
      await Promise.all([a.end(), b.end()]);
    }
    record({
      scenario: 'SET search_path inside a transaction, then another client',
      measure: 'SHOW search_path',
      before: seen.before,
      after: seen.after,
    });
    expect(seen.before).toBe('e2e_tenant');
    expect(seen.after).toBe('"$user", public');
  });

  it('a named prepared statement is missing on another server connection (reported, with what to do)', async () => {
    const modules = await beforeAndAfter<Module>('pgbouncer', 'pgbouncer');
    const a = viaBouncer();
    const b = viaBouncer();
    expect(await modules.after.itemCount(a)).toBe(2);
    // Another client holds the server connection the statement was prepared on.
    const holder = await b.connect();
    await holder.query('BEGIN');
    const second = await timed(() => modules.after.itemCount(a));
    await holder.query('COMMIT');
    holder.release();
    await Promise.all([a.end(), b.end()]);
    const finding = JSON.parse(
      execFileSync(
        process.execPath,
        [BIN, 'run', 'pgbouncer', path.join(__dirname, 'scenarios', 'pgbouncer', 'before.ts'), '--dry', '--json'],
        { encoding: 'utf8' },
      ),
    );
    const messageIds = finding.files[0].findings.map((f: { messageId: string }) => f.messageId);
    record({
      scenario: 'named query, second run on another server connection',
      measure: 'result',
      before: second.error ? `${(second.error as { code?: string }).code}: ${second.error.message}` : 'ok',
      after: `reported: ${messageIds.join(', ')}`,
    });
    expect((second.error as { code?: string } | undefined)?.code).toBe('26000');
    expect(messageIds).toContain('named-prepared-statement');
  });

  it('after run all --behind-pgbouncer, the example works through PgBouncer; 100 clients use at most default_pool_size server connections', async () => {
    const tmp = path.join(__dirname, '.tmp');
    removeStaleDirs(tmp, 'example');
    const dir = path.join(tmp, `example-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(path.join(__dirname, '..', '..', 'examples', 'express-pg'), dir, { recursive: true });
    execFileSync(process.execPath, [BIN, 'run', 'all', path.join(dir, 'src'), '--behind-pgbouncer'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    const db = fs.readFileSync(path.join(dir, 'src', 'db.js'), 'utf8');
    expect(db).not.toContain('statement_timeout');
    await admin.query(fs.readFileSync(path.join(dir, 'schema.sql'), 'utf8'));
    // The example's pool reads the PG* variables: point them at PgBouncer.
    Object.assign(process.env, { PGHOST: '127.0.0.1', PGPORT: String(bouncer.port) });
    const users = await import(pathToFileURL(path.join(dir, 'src', 'routes', 'users.js')).href);
    const orders = await import(pathToFileURL(path.join(dir, 'src', 'routes', 'orders.js')).href);
    const reports = await import(pathToFileURL(path.join(dir, 'src', 'services', 'reports.js')).href);
    const { pool } = await import(pathToFileURL(path.join(dir, 'src', 'db.js')).href);
    const outcomes = {
      countUsers: await users.countUsers(),
      findUser: (await users.findUser(1))?.name,
      setActive: await users.setActive(1, true),
      placeOrder: typeof (await orders.placeOrder(1, [{ sku: 'anvil', qty: 2 }])),
      revenueByDay: Array.isArray(await reports.revenueByDay(7)),
    };
    await pool.end();
    record({
      scenario: 'example after run all --behind-pgbouncer',
      measure: 'calls through PgBouncer',
      before: '-',
      after: JSON.stringify(outcomes),
    });
    expect(outcomes).toEqual({
      countUsers: 2,
      findUser: 'ada',
      setActive: undefined,
      placeOrder: 'number',
      revenueByDay: true,
    });

    // 100 concurrent clients, each its own connection to PgBouncer.
    const clients = Array.from(
      { length: 100 },
      () =>
        new pg.Client({
          host: '127.0.0.1',
          port: bouncer.port,
          user: process.env.PGUSER,
          password: process.env.PGPASSWORD,
          database: process.env.PGDATABASE,
          application_name: 'e2e-bouncer-load',
        }),
    );
    await Promise.all(clients.map((c) => c.connect()));
    let peak = 0;
    const sampler = setInterval(() => {
      void admin
        .query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> 'pool-codemod-e2e-admin' AND pid <> pg_backend_pid()",
        )
        .then(({ rows }) => (peak = Math.max(peak, rows[0].n)));
    }, 25);
    const results = await Promise.all(clients.map((c) => timed(() => c.query('SELECT pg_sleep(0.2)'))));
    clearInterval(sampler);
    await Promise.all(clients.map((c) => c.end()));
    const failed = results.filter((r) => r.error).length;
    record({
      scenario: '100 concurrent clients through PgBouncer',
      measure: 'peak server connections (pg_stat_activity)',
      before: '-',
      after: `${peak} (default_pool_size ${DEFAULT_POOL_SIZE}), ${failed} failed`,
    });
    expect(failed).toBe(0);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(DEFAULT_POOL_SIZE);
  });
});
