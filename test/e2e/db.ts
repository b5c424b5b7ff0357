/**
 * The end-to-end suite's server: the one the environment names (DATABASE_URL
 * or PG* variables, as `npm test` sets up through scripts/with-postgres.js).
 * With none, every e2e test fails with instructions; it never skips.
 */
import { emptyScanData } from '../../src/core/facts';
import { JS_FRONT_END } from '../../src/frontends/js/front-end';
import { PY_FRONT_END } from '../../src/frontends/python/front-end';
import { initPython } from '../../src/frontends/python/parser';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { defaults, type OptionValues } from '../../src/core/options';
import { processFile } from '../../src/engine/process-file';
import { selectTransforms } from '../../src/registry';

const NO_SERVER_MESSAGE =
  'The end-to-end suite needs a PostgreSQL server and none was given. Either set DATABASE_URL (or PGHOST, PGPORT, PGUSER, ' +
  'PGPASSWORD, PGDATABASE) to a server you provide, or install postgresql and postgresql-common (Debian/Ubuntu: ' +
  '`apt-get install postgresql postgresql-common`) and run through `npm test` or `node scripts/with-postgres.js npx vitest run test/e2e`, ' +
  'which start a throwaway cluster with pg_virtualenv.';

/** The variables that name a server: DATABASE_URL, or any of pg's PG* defaults. */
const SERVER_VARIABLES = ['DATABASE_URL', 'PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE'];

export function requireServer(): void {
  if (process.env.POOL_CODEMOD_NO_DB || !SERVER_VARIABLES.some((name) => process.env[name]))
    throw new Error(NO_SERVER_MESSAGE);
}

/** A pool on the test server, tagged with an application_name so the server side can be counted. */
export function testPool(applicationName: string, config: pg.PoolConfig = {}): pg.Pool {
  const base: pg.PoolConfig = process.env.DATABASE_URL ? { connectionString: process.env.DATABASE_URL } : {};
  return new pg.Pool({ ...base, application_name: applicationName, ...config });
}

/** Backends the server has open for one application_name. */
export async function serverBackends(admin: pg.Pool, applicationName: string): Promise<number> {
  const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [
    applicationName,
  ]);
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
 * A scenario's `before.<ext>` as written and as pool-codemod rewrites it now
 * (not a stored copy), both written to test/e2e/.tmp/<scenario, / as
 * ->-<pid>/ as before.<ext> and after.<ext>.
 */
function rewriteScenario(
  scenario: string,
  transform: string,
  options: OptionValues,
  ext: 'ts' | 'py',
): { dir: string; before: string; after: string; afterSource: string } {
  const source = path.join(__dirname, 'scenarios', scenario, `before.${ext}`);
  const text = fs.readFileSync(source, 'utf8');
  const [selected] = selectTransforms(transform);
  const outcome = processFile({
    path: source,
    text,
    frontEnd: ext === 'py' ? PY_FRONT_END : JS_FRONT_END,
    transforms: [selected],
    options: { ...defaults(selected.meta.options), ...options },
    scan: emptyScanData(),
    scanComplete: true,
    mode: 'run',
  });
  if (outcome.kind !== 'done' || outcome.error)
    throw new Error(`the transform failed on ${scenario}: ${outcome.kind === 'done' ? outcome.error : 'deferred'}`);
  if (outcome.text === text)
    throw new Error(`the transform left ${scenario} unchanged: ${JSON.stringify(outcome.findings)}`);
  const tmp = path.join(__dirname, '.tmp');
  const name = scenario.replace(/\//g, '-');
  removeStaleDirs(tmp, name);
  const dir = path.join(tmp, `${name}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const before = path.join(dir, `before.${ext}`);
  const after = path.join(dir, `after.${ext}`);
  fs.writeFileSync(before, text);
  fs.writeFileSync(after, outcome.text);
  return { dir, before, after, afterSource: outcome.text };
}

/** The "before" and "after" modules of a TypeScript scenario, imported. */
export async function beforeAndAfter<T>(
  scenario: string,
  transform: string,
  options: OptionValues = {},
): Promise<{ before: T; after: T; afterSource: string }> {
  const files = rewriteScenario(scenario, transform, options, 'ts');
  const before = (await import(pathToFileURL(files.before).href)) as T;
  const after = (await import(pathToFileURL(files.after).href)) as T;
  return { before, after, afterSource: files.afterSource };
}

/**
 * The Python counterpart: where the modules are, for a Python driver to
 * import (they are not imported here: the test runs /usr/bin/python3).
 */
export async function pythonBeforeAndAfter(
  scenario: string,
  transform: string,
  options: OptionValues = {},
): Promise<{ dir: string; before: string; after: string; afterSource: string }> {
  await initPython();
  return rewriteScenario(scenario, transform, options, 'py');
}

/**
 * Earlier runs' copies of a scenario (test/e2e/.tmp/<scenario>-<pid>) whose
 * process has exited; a run still going (another pid alive) keeps its own.
 * The current run's copy stays after the run, for reading.
 */
export function removeStaleDirs(tmp: string, scenario: string): void {
  if (!fs.existsSync(tmp)) return;
  for (const name of fs.readdirSync(tmp)) {
    const match = new RegExp(`^${scenario.replace(/[^\w-]/g, '')}-(\\d+)$`).exec(name);
    if (!match || Number(match[1]) === process.pid || alive(Number(match[1]))) continue;
    fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
