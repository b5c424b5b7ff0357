/**
 * release-in-finally against a real PostgreSQL server: the rewritten module
 * returns and throws exactly what the original does, and a failure between
 * acquire and release no longer leaks a connection (before: every failure
 * leaks one until the pool is exhausted and callers time out).
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeAndAfter, requireServer, serverBackends, testPool, timed, trackCheckouts } from './db';
import { printFigures, record } from './report';

type Module = typeof import('./scenarios/release-in-finally/before');

const MAX = 5;
const FAILURES = 8;
const WAIT_MS = 1000;

let admin: pg.Pool;
let modules: { before: Module; after: Module; afterSource: string };

beforeAll(async () => {
  requireServer();
  admin = testPool('pool-codemod-e2e-admin', { max: 1 });
  await admin.query('DROP TABLE IF EXISTS e2e_users');
  await admin.query('CREATE TABLE e2e_users (id int PRIMARY KEY, name varchar(20) NOT NULL)');
  await admin.query("INSERT INTO e2e_users VALUES (1, 'ada'), (2, 'grace')");
  modules = await beforeAndAfter<Module>('release-in-finally', 'release-in-finally');
});

afterAll(async () => {
  printFigures('release-in-finally: measured against PostgreSQL (pool max 5, connectionTimeoutMillis 1000)');
  if (admin) {
    await admin.query('DROP TABLE IF EXISTS e2e_users');
    await admin.end();
  }
});

/** Run `fn` with a fresh pool of its own (unique application_name), always ending it. */
async function withPool<T>(label: string, fn: (pool: pg.Pool, tracked: ReturnType<typeof trackCheckouts>, app: string) => Promise<T>): Promise<T> {
  const app = `pool-codemod-e2e-${label}-${process.pid}`;
  const pool = testPool(app, { max: MAX, connectionTimeoutMillis: WAIT_MS });
  const tracked = trackCheckouts(pool);
  try {
    return await fn(pool, tracked, app);
  } finally {
    await tracked.end();
  }
}

describe('release-in-finally e2e', () => {
  it('the rewrite is the one the tool makes today (a try/finally, no release left behind)', () => {
    expect(modules.afterSource).toMatch(/\} finally \{\n\s+client\.release\(\);\n\s+\}/);
    expect(modules.afterSource.match(/client\.release\(\)/g)).toHaveLength(2); // one finally per function
  });

  it('returns the same results and throws the same errors before and after', async () => {
    for (const variant of ['before', 'after'] as const) {
      await withPool(`same-${variant}`, async (pool, tracked) => {
        const m = modules[variant];
        expect(await m.userName(pool, 1)).toBe('ada');
        expect(await m.userName(pool, 99)).toBeNull();
        const badId = await timed(() => m.userName(pool, 'not-a-number'));
        expect(badId.error).toMatchObject({ code: '22P02' });
        const thrown = await timed(() => m.userName(pool, 2, { afterQuery: () => { throw new Error('handler failed'); } }));
        expect(thrown.error?.message).toBe('handler failed');
        await m.rename(pool, 2, 'grace hopper');
        expect(await m.userName(pool, 2)).toBe('grace hopper');
        const tooLong = await timed(() => m.rename(pool, 2, 'x'.repeat(40)));
        expect(tooLong.error).toMatchObject({ code: '22001' });
        expect(await m.userName(pool, 2)).toBe('grace hopper');
        await m.rename(pool, 2, 'grace');
        // Leaks from the two failures above, if any, are the next test's subject.
        void tracked;
      });
    }
  });

  it(`after ${FAILURES} failures: before leaks up to max and the next caller times out; after leaks nothing`, async () => {
    const measured: Record<string, { leaked: number; backends: number; waitMs: number; nextCall: string }> = {};
    for (const variant of ['before', 'after'] as const) {
      measured[variant] = await withPool(`leak-${variant}`, async (pool, tracked, app) => {
        const m = modules[variant];
        for (let i = 0; i < FAILURES / 2; i++) await timed(() => m.userName(pool, 'not-a-number'));
        for (let i = 0; i < FAILURES / 2; i++) await timed(() => m.userName(pool, 1, { afterQuery: () => { throw new Error('handler failed'); } }));
        const leaked = tracked.checkedOut();
        const backends = await serverBackends(admin, app);
        const next = await timed(() => m.userName(pool, 1));
        return { leaked, backends, waitMs: Math.round(next.ms), nextCall: next.error ? next.error.message : `ok (${next.value})` };
      });
    }
    record({ scenario: 'userName, 8 injected errors', measure: 'connections left checked out', before: measured.before.leaked, after: measured.after.leaked });
    record({ scenario: 'userName, 8 injected errors', measure: 'server backends open (leaked or idle)', before: measured.before.backends, after: measured.after.backends });
    record({ scenario: 'userName, next caller', measure: 'result', before: measured.before.nextCall, after: measured.after.nextCall });
    record({ scenario: 'userName, next caller', measure: 'wait for a connection (ms)', before: measured.before.waitMs, after: measured.after.waitMs });

    expect(measured.before.leaked).toBe(MAX);
    expect(measured.before.backends).toBe(MAX);
    expect(measured.before.nextCall).toMatch(/timeout exceeded when trying to connect/);
    expect(measured.before.waitMs).toBeGreaterThanOrEqual(WAIT_MS * 0.9);
    expect(measured.after.leaked).toBe(0);
    expect(measured.after.nextCall).toBe('ok (ada)');
    expect(measured.after.backends).toBeLessThanOrEqual(MAX);
  });
});
