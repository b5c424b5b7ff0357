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
async function withPool<T>(
  label: string,
  fn: (pool: pg.Pool, tracked: ReturnType<typeof trackCheckouts>, app: string) => Promise<T>,
): Promise<T> {
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

  it('returns the same results and throws the same errors (message and code) before and after', async () => {
    const handlerFails = {
      afterQuery: () => {
        throw new Error('handler failed');
      },
    };
    const outcomes: Record<string, unknown[]> = {};
    for (const variant of ['before', 'after'] as const) {
      outcomes[variant] = await withPool(`same-${variant}`, async (pool) => {
        const m = modules[variant];
        const seen: unknown[] = [];
        // A value, or the error's message and SQLSTATE code: what a caller can observe.
        const call = async (fn: () => Promise<unknown>) => {
          const r = await timed(fn);
          seen.push(
            r.error ? { error: r.error.message, code: (r.error as { code?: string }).code } : { value: r.value },
          );
        };
        await call(() => m.userName(pool, 1));
        await call(() => m.userName(pool, 99));
        await call(() => m.userName(pool, 'not-a-number')); // the query fails
        await call(() => m.userName(pool, 2, handlerFails)); // the handler throws after the query
        await call(() => m.rename(pool, 2, 'grace hopper'));
        await call(() => m.userName(pool, 2));
        await call(() => m.rename(pool, 2, 'x'.repeat(40))); // the UPDATE fails, the transaction rolls back
        await call(() => m.userName(pool, 2));
        await call(() => m.rename(pool, 2, 'grace'));
        return seen;
      });
    }
    expect(outcomes.before).toEqual([
      { value: 'ada' },
      { value: null },
      { error: expect.any(String), code: '22P02' },
      { error: 'handler failed', code: undefined },
      { value: undefined },
      { value: 'grace hopper' },
      { error: expect.any(String), code: '22001' },
      { value: 'grace hopper' },
      { value: undefined },
    ]);
    expect(outcomes.after).toEqual(outcomes.before);
  });

  it(`after ${FAILURES} failures: before leaks up to max and the next caller times out; after leaks nothing`, async () => {
    type Measured = {
      leaked: number;
      poolTotal: number;
      backends: number;
      timedOut: number;
      waitMs: number;
      nextCall: string;
    };
    const measured: Record<string, Measured> = {};
    for (const variant of ['before', 'after'] as const) {
      measured[variant] = await withPool(`leak-${variant}`, async (pool, tracked, app) => {
        const m = modules[variant];
        const failures = [];
        for (let i = 0; i < FAILURES / 2; i++) failures.push(await timed(() => m.userName(pool, 'not-a-number')));
        for (let i = 0; i < FAILURES / 2; i++)
          failures.push(
            await timed(() =>
              m.userName(pool, 1, {
                afterQuery: () => {
                  throw new Error('handler failed');
                },
              }),
            ),
          );
        expect(failures.every((f) => f.error)).toBe(true);
        // Once the pool is exhausted, a caller fails with the pool's timeout instead of its own error.
        const timedOut = failures.filter((f) =>
          /timeout exceeded when trying to connect/.test(f.error!.message),
        ).length;
        const leaked = tracked.checkedOut();
        const poolTotal = pool.totalCount;
        const backends = await serverBackends(admin, app);
        const next = await timed(() => m.userName(pool, 1));
        return {
          leaked,
          poolTotal,
          backends,
          timedOut,
          waitMs: Math.round(next.ms),
          nextCall: next.error ? next.error.message : `ok (${next.value})`,
        };
      });
    }
    const { before, after } = measured;
    const scenario = `userName, ${FAILURES} injected errors`;
    record({ scenario, measure: 'connections left checked out (pool)', before: before.leaked, after: after.leaked });
    record({
      scenario,
      measure: 'server backends left (pg_stat_activity)',
      before: before.backends,
      after: after.backends,
    });
    record({
      scenario,
      measure: 'calls failing with the pool timeout',
      before: before.timedOut,
      after: after.timedOut,
    });
    record({ scenario: 'userName, next caller', measure: 'result', before: before.nextCall, after: after.nextCall });
    record({
      scenario: 'userName, next caller',
      measure: 'wait for a connection (ms)',
      before: before.waitMs,
      after: after.waitMs,
    });

    expect(before.leaked).toBe(Math.min(FAILURES, MAX));
    expect(before.backends).toBe(before.poolTotal); // the server sees what the pool holds: all of it leaked
    expect(before.backends).toBe(MAX);
    expect(before.timedOut).toBe(FAILURES - MAX);
    expect(before.nextCall).toMatch(/timeout exceeded when trying to connect/);
    expect(after.leaked).toBe(0);
    expect(after.backends).toBe(after.poolTotal); // only the pool's idle connections remain
    expect(after.backends).toBeLessThanOrEqual(MAX);
    expect(after.timedOut).toBe(0);
    expect(after.nextCall).toBe('ok (ada)');
  });
});
