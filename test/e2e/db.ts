/**
 * The end-to-end suite's server: the one the environment names (DATABASE_URL
 * or PG* variables, as `npm test` sets up through scripts/with-postgres.js).
 * With none, every e2e test fails with instructions; it never skips.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { transformSource } from '../../src/runner/transform-file';
import type { TransformOptions } from '../../src/runner/types';

export const NO_SERVER_MESSAGE =
  'The end-to-end suite needs a PostgreSQL server. Run it through `npm test` (which starts a throwaway cluster with pg_virtualenv from ' +
  "Debian's postgresql-common), or set DATABASE_URL (or PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) to a server you provide.";

export function requireServer(): void {
  if (process.env.POOL_CODEMOD_NO_DB || !(process.env.DATABASE_URL || process.env.PGHOST)) throw new Error(NO_SERVER_MESSAGE);
}

/** A pool on the test server, tagged with an application_name so the server side can be counted. */
export function testPool(applicationName: string, config: pg.PoolConfig = {}): pg.Pool {
  const base: pg.PoolConfig = process.env.DATABASE_URL ? { connectionString: process.env.DATABASE_URL } : {};
  return new pg.Pool({ ...base, application_name: applicationName, ...config });
}

/** Backends the server has open for one application_name. */
export async function serverBackends(admin: pg.Pool, applicationName: string): Promise<number> {
  const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
  return rows[0].n;
}

/**
 * Ends a pool even if the code under test leaked clients (pool.end() waits
 * for checked-out clients forever): leaked clients are destroyed first.
 */
export function trackCheckouts(pool: pg.Pool): { checkedOut: () => number; end: () => Promise<void> } {
  const out = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => out.add(client));
  pool.on('release', (_err, client) => out.delete(client));
  pool.on('error', () => {});
  return {
    checkedOut: () => pool.totalCount - pool.idleCount,
    end: async () => {
      for (const client of out) client.release(true);
      await pool.end();
    },
  };
}

/**
 * The "before" module as written, and the "after" module as pool-codemod
 * rewrites it now (not a stored copy): both written to test/e2e/.tmp and
 * imported.
 */
export async function beforeAndAfter<T>(scenario: string, transform: string, options: TransformOptions = {}): Promise<{ before: T; after: T; afterSource: string }> {
  const source = path.join(__dirname, 'scenarios', scenario, 'before.ts');
  const text = fs.readFileSync(source, 'utf8');
  const result = transformSource(source, text, [transform], options);
  if (result.error) throw new Error(`the transform failed on ${scenario}: ${result.error}`);
  if (!result.changed) throw new Error(`the transform left ${scenario} unchanged: ${JSON.stringify(result.findings)}`);
  const dir = path.join(__dirname, '.tmp', `${scenario}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'before.ts'), text);
  fs.writeFileSync(path.join(dir, 'after.ts'), result.after);
  const before = (await import(pathToFileURL(path.join(dir, 'before.ts')).href)) as T;
  const after = (await import(pathToFileURL(path.join(dir, 'after.ts')).href)) as T;
  return { before, after, afterSource: result.after };
}

/** Time an async call; returns what it resolved or the error it threw. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> {
  const started = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error: error as Error };
  }
}
