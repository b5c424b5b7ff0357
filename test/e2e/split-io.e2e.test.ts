/**
 * split-io against a real PostgreSQL server: a handler that holds its
 * connection across a 200 ms upstream call, before and after the rewrite,
 * with a pool of max 5 and 50 concurrent requests. Same results; the total
 * time and the longest wait for a connection drop.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeAndAfter, requireServer, testPool } from './db';
import { printFigures, record } from './report';

type Module = typeof import('./scenarios/split-io/before');

const MAX = 5;
const REQUESTS = 50;

let admin: pg.Pool;
let modules: { before: Module; after: Module; afterSource: string };

beforeAll(async () => {
  requireServer();
  admin = testPool('pool-codemod-e2e-admin', { max: 1 });
  await admin.query('DROP TABLE IF EXISTS e2e_io_users');
  await admin.query('CREATE TABLE e2e_io_users (id int PRIMARY KEY, email text NOT NULL, tag text)');
  await admin.query(
    "INSERT INTO e2e_io_users SELECT g, 'user' || g || '@example.com', NULL FROM generate_series(1, $1::int) g",
    [REQUESTS],
  );
  modules = await beforeAndAfter<Module>('split-io', 'split-io', { ioCallees: ['fetchTag'] });
});

afterAll(async () => {
  printFigures(
    `split-io: measured against PostgreSQL (pool max ${MAX}, ${REQUESTS} concurrent requests, 200 ms upstream)`,
  );
  if (admin) {
    await admin.query('DROP TABLE IF EXISTS e2e_io_users');
    await admin.end();
  }
});

/** Wrap pool.connect (promise and callback forms; pool.query uses the latter) to time every wait for a connection. */
function timeCheckouts(pool: pg.Pool): number[] {
  const waits: number[] = [];
  const connect = pool.connect.bind(pool) as (
    cb?: (err: Error | undefined, client: pg.PoolClient, done: () => void) => void,
  ) => Promise<pg.PoolClient> | void;
  (pool as unknown as { connect: unknown }).connect = (
    cb?: (err: Error | undefined, client: pg.PoolClient, done: () => void) => void,
  ) => {
    const started = performance.now();
    if (cb) return connect((err, client, done) => (waits.push(performance.now() - started), cb(err, client, done)));
    return (connect() as Promise<pg.PoolClient>).then((client) => (waits.push(performance.now() - started), client));
  };
  return waits;
}

async function load(m: Module, label: string): Promise<{ results: string[]; totalMs: number; longestWaitMs: number }> {
  const pool = testPool(`pool-codemod-e2e-split-${label}-${process.pid}`, { max: MAX });
  const waits = timeCheckouts(pool);
  try {
    await pool.query('UPDATE e2e_io_users SET tag = NULL');
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => m.enrich(pool, i + 1)));
    return {
      results,
      totalMs: Math.round(performance.now() - started),
      longestWaitMs: Math.round(Math.max(...waits.slice(1))),
    };
  } finally {
    await pool.end();
  }
}

describe('split-io e2e', () => {
  it('the rewrite drops the checkout: both statements run on the pool, the upstream call holds nothing', () => {
    expect(modules.afterSource).not.toContain('pool.connect()');
    expect(modules.afterSource).toContain("await pool.query('SELECT email FROM e2e_io_users WHERE id = $1', [id]);");
    expect(modules.afterSource).toContain(
      "await pool.query('UPDATE e2e_io_users SET tag = $1 WHERE id = $2', [tag, id]);",
    );
  });

  it(`${REQUESTS} concurrent requests, pool max ${MAX}: same results; total time and longest wait for a connection drop`, async () => {
    const before = await load(modules.before, 'before');
    const tagsBefore = (await admin.query('SELECT id, tag FROM e2e_io_users ORDER BY id')).rows;
    const after = await load(modules.after, 'after');
    const tagsAfter = (await admin.query('SELECT id, tag FROM e2e_io_users ORDER BY id')).rows;

    expect(after.results).toEqual(before.results);
    expect(tagsAfter).toEqual(tagsBefore);
    expect(tagsBefore.every((r) => r.tag?.startsWith('tag-'))).toBe(true);
    record({
      scenario: 'enrich, 50 requests / max 5',
      measure: 'total time (ms)',
      before: before.totalMs,
      after: after.totalMs,
    });
    record({
      scenario: 'enrich, 50 requests / max 5',
      measure: 'longest wait for a connection (ms)',
      before: before.longestWaitMs,
      after: after.longestWaitMs,
    });
    // Timings are recorded for the table, not asserted (they depend on the machine).
  });
});
