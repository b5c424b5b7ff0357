/**
 * client-to-pool against a real PostgreSQL server: a handler that opens a
 * connection per call, before and after the rewrite (with the pool module the
 * run itself creates), called 200 times by 20 concurrent callers. Same
 * results; server sessions opened drop from one per call to at most the
 * pool's max.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run';
import { removeStaleDirs, requireServer, testPool } from './db';
import { printFigures, record } from './report';

const CALLS = 200;
const CONCURRENCY = 20;

type Module = typeof import('./scenarios/client-to-pool/before');

let admin: pg.Pool;
let dir: string;
let afterSource: string;
let poolModuleSource: string;

beforeAll(async () => {
  requireServer();
  admin = testPool('pool-codemod-e2e-admin', { max: 1 });
  await admin.query('DROP TABLE IF EXISTS e2e_c2p_users');
  await admin.query('CREATE TABLE e2e_c2p_users (id int PRIMARY KEY, name text NOT NULL)');
  await admin.query("INSERT INTO e2e_c2p_users SELECT g, 'user ' || g FROM generate_series(1, 50) g");
  // A throwaway project holding the handler; the real runner rewrites it and writes the pool module.
  removeStaleDirs(path.join(__dirname, '.tmp'), 'client-to-pool');
  dir = path.join(__dirname, '.tmp', `client-to-pool-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.copyFileSync(
    path.join(__dirname, 'scenarios', 'client-to-pool', 'before.ts'),
    path.join(dir, 'src', 'handler.ts'),
  );
  fs.copyFileSync(path.join(dir, 'src', 'handler.ts'), path.join(dir, 'before.ts'));
  const result = await run({
    transforms: 'client-to-pool',
    paths: [path.join(dir, 'src')],
    dry: false,
    options: { format: 'none' },
  });
  expect(result.summary.errors).toBe(0);
  afterSource = fs.readFileSync(path.join(dir, 'src', 'handler.ts'), 'utf8');
  poolModuleSource = fs.readFileSync(path.join(dir, 'src', 'db.ts'), 'utf8');
});

afterAll(async () => {
  printFigures(`client-to-pool: measured against PostgreSQL (${CALLS} calls, ${CONCURRENCY} concurrent callers)`);
  if (admin) {
    await admin.query('DROP TABLE IF EXISTS e2e_c2p_users');
    await admin.end();
  }
});

/** Sessions the server has opened so far for this application_name's database (PostgreSQL 14+ counts them). */
async function sessionsOpened(): Promise<number> {
  // Backends report their session at exit; give the last ones a moment.
  await new Promise((r) => setTimeout(r, 200));
  const { rows } = await admin.query(
    'SELECT sessions::int AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return rows[0].n;
}

async function hammer(
  call: (id: number) => Promise<string | null>,
): Promise<{ results: (string | null)[]; ms: number }> {
  const results: (string | null)[] = new Array(CALLS);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        const i = next++;
        results[i] = await call((i % 60) + 1); // ids 51-60 do not exist: null
      }
    }),
  );
  return { results, ms: Math.round(performance.now() - started) };
}

describe('client-to-pool e2e', () => {
  it('the run rewrote the handler to the pool module it created', () => {
    expect(afterSource).toContain("import { pool } from './db");
    expect(afterSource).toContain("await pool.query('SELECT name FROM e2e_c2p_users WHERE id = $1', [id])");
    expect(afterSource).not.toContain('new Client');
    expect(poolModuleSource).toContain("export const pool = new Pool({ application_name: 'pool-codemod-e2e-c2p' });");
  });

  it(`${CALLS} calls by ${CONCURRENCY} callers: same results; sessions opened drop from one per call to at most the pool's max`, async () => {
    const before = (await import(pathToFileURL(path.join(dir, 'before.ts')).href)) as Module;
    const after = (await import(pathToFileURL(path.join(dir, 'src', 'handler.ts')).href)) as Module;
    const db = (await import(pathToFileURL(path.join(dir, 'src', 'db.ts')).href)) as { pool: pg.Pool };

    const s0 = await sessionsOpened();
    const b = await hammer(before.getUser);
    const s1 = await sessionsOpened();
    const a = await hammer(after.getUser);
    await db.pool.end();
    const s2 = await sessionsOpened();

    expect(a.results).toEqual(b.results);
    const missing = Array.from({ length: CALLS }, (_, i) => (i % 60) + 1 > 50).filter(Boolean).length;
    expect(b.results.filter((r) => r === null)).toHaveLength(missing);
    expect(b.results[0]).toBe('user 1');
    const openedBefore = s1 - s0;
    const openedAfter = s2 - s1;
    record({
      scenario: 'getUser, 200 calls / 20 callers',
      measure: 'server sessions opened',
      before: openedBefore,
      after: openedAfter,
    });
    record({ scenario: 'getUser, 200 calls / 20 callers', measure: 'total time (ms)', before: b.ms, after: a.ms });
    expect(openedBefore).toBeGreaterThanOrEqual(CALLS);
    expect(openedAfter).toBeLessThanOrEqual(10); // pg's default max
  });
});
