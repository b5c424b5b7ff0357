/**
 * The Python front end against a real PostgreSQL server, with Debian's
 * /usr/bin/python3 (psycopg2, asyncpg, aiohttp): eight anti-patterns as a
 * Python app writes them, run as written and as pool-codemod rewrites them
 * now. release-in-finally (psycopg2 ThreadedConnectionPool(1, 3)): a failing
 * query no longer leaks its connection until the pool is exhausted.
 * client-to-pool (psycopg2): 200 calls from 20 threads open at most the
 * pool's max server sessions instead of one each, and none fails. split-io
 * (asyncpg, pool max 5): 50 concurrent requests no longer queue for a
 * connection held across a 200 ms upstream call; the same on psycopg_pool's
 * asyncio pool, with the call made by a helper of the module. acquire-timeout (asyncpg,
 * pool of 1 held 4 s): a lookup fails at its 1 s timeout instead of waiting
 * as long as the pool is full. statement-timeout (asyncpg, psycopg2):
 * pg_sleep(3) is cancelled on the server at the 1 s limit. pool-size
 * (psycopg2, 4 worker processes, a role limited to 30): pools of 10 get
 * workers refused; sized to 7 for 4 workers, all start. pgbouncer (asyncpg
 * through PgBouncer in transaction mode): cached prepared statements fail on
 * other server connections before, none after. pool-monitoring (psycopg_pool
 * and psycopg2, --metrics prom-client and otel): the pool's gauges appear.
 * Each scenario's driver
 * (scenarios/python/<scenario>/drive.py) imports before.py or after.py and
 * prints one JSON line of figures.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run';
import { pythonBeforeAndAfter, removeStaleDirs, requireServer, testPool } from './db';
import { type Bouncer, startPgbouncer } from './pgbouncer';
import { printFigures, record } from './report';

const PYTHON = '/usr/bin/python3';
const SCENARIOS = path.join(__dirname, 'scenarios', 'python');

const LEAK_MAX = 3;
const FAILURES = 5;
const CALLS = 200;
const THREADS = 20;
const IO_MAX = 5;
const REQUESTS = 50;
const ACQUIRE_TIMEOUT_MS = 1000;
const HOLD_S = 4;
const PATIENCE_S = 2.5;
const STATEMENT_TIMEOUT_MS = 1000;
const SLEEP_S = 3;
const ROLE = 'pool_codemod_e2e_py_size';
const ROLE_PASSWORD = 'pool-codemod-e2e';
const ROLE_LIMIT = 30;
const WORKERS = 4; // scenarios/python/pool-size/gunicorn.conf.py
const BIN = path.join(__dirname, '..', '..', 'bin', 'pool-codemod.js');
const LOOKUPS = 20;

type Variant = 'before' | 'after';
const VARIANTS: readonly Variant[] = ['before', 'after'];

/** A call as its caller sees it: the value, or the exception's type (module-qualified), SQLSTATE and message. */
interface Outcome {
  value?: string | null;
  error?: string;
  pgcode?: string | null;
  message?: string;
}

interface LeakFigures {
  failures: Outcome[];
  leaked: number;
  backends: number;
  next: Outcome;
}

interface LoadFigures {
  users: (string | null)[];
  sessions: number;
  errors: Record<string, number>;
  totalMs: number;
  backendsLeft: number;
}

interface SplitFigures {
  results: string[];
  tags: [number, string | null][];
  totalMs: number;
  longestWaitMs: number;
  checkouts: number;
  upstreamPeak: number;
}

let admin: pg.Pool;
let leak: { dir: string; afterSource: string };
let leakAsync: { dir: string; afterSource: string };
let split: { dir: string; afterSource: string };
let splitPsycopg: { dir: string; afterSource: string };
let acquire: { dir: string; afterSource: string };
let statement: { dir: string; afterSource: string };
let sizing: { dir: string; afterSource: string };
let bouncing: { dir: string; afterSource: string };
let bouncer: Bouncer | undefined;
interface PoolModuleRun {
  beforeDir: string;
  afterDir: string;
  afterSource: string;
  poolModuleSource: string;
}
let c2p: PoolModuleRun;
let dependency: PoolModuleRun;

/** Run a scenario's driver with /usr/bin/python3; its last stdout line is the JSON figures. */
function drive<T>(scenario: string, dir: string, variant: Variant, label: string, ...args: (string | number)[]): T {
  const app = `pool-codemod-e2e-py-${label}-${variant}-${process.pid}`;
  const r = spawnSync(PYTHON, [path.join(SCENARIOS, scenario, 'drive.py'), dir, variant, app, ...args.map(String)], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      PYTHONDONTWRITEBYTECODE: '1',
      E2E_ROLE: ROLE,
      E2E_PASSWORD: ROLE_PASSWORD,
      PGBOUNCER_PORT: String(bouncer?.port ?? ''),
    },
  });
  if (r.status !== 0) throw new Error(`${scenario}/drive.py ${variant} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/**
 * A directory for the rewritten scenario that is a repository of its own: its
 * modules import each other from there (drive.py puts it on sys.path), as the
 * tool takes a repository's root to be. Inside this repository's work tree it
 * would be a plain directory nobody says how to start, where the tool writes
 * no import it cannot prove.
 */
function throwawayProject(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

beforeAll(async () => {
  requireServer();
  const check = spawnSync(PYTHON, ['-c', 'import psycopg2, asyncpg, psycopg_pool'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`${PYTHON} needs psycopg2, asyncpg and psycopg_pool: ${check.stderr}`);
  admin = testPool('pool-codemod-e2e-admin', { max: 1 });
  await admin.query('DROP TABLE IF EXISTS e2e_py_users, e2e_py_c2p_users, e2e_py_io_users');
  await admin.query('CREATE TABLE e2e_py_users (id int PRIMARY KEY, name text NOT NULL)');
  await admin.query("INSERT INTO e2e_py_users VALUES (1, 'ada'), (2, 'grace')");
  await admin.query('CREATE TABLE e2e_py_c2p_users (id int PRIMARY KEY, name text NOT NULL)');
  await admin.query("INSERT INTO e2e_py_c2p_users SELECT g, 'user ' || g FROM generate_series(1, 50) g");
  await admin.query('CREATE TABLE e2e_py_io_users (id int PRIMARY KEY, email text NOT NULL, tag text)');
  await admin.query(
    "INSERT INTO e2e_py_io_users SELECT g, 'user' || g || '@example.com', NULL FROM generate_series(1, $1::int) g",
    [REQUESTS],
  );
  leak = await pythonBeforeAndAfter('python/leak', 'release-in-finally');
  leakAsync = await pythonBeforeAndAfter('python/leak-async', 'release-in-finally');
  split = await pythonBeforeAndAfter('python/split-io', 'split-io'); // aiohttp is I/O the tool knows
  // The aiohttp call is in a helper of the module, which the tool reads.
  splitPsycopg = await pythonBeforeAndAfter('python/split-io-psycopg', 'split-io');
  acquire = await pythonBeforeAndAfter('python/acquire-timeout', 'acquire-timeout', {
    acquireTimeoutMs: ACQUIRE_TIMEOUT_MS,
  });
  statement = await pythonBeforeAndAfter('python/statement-timeout', 'statement-timeout', {
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
  });
  sizing = await pythonBeforeAndAfter('python/pool-size', 'pool-size', {
    dbMaxConnections: ROLE_LIMIT,
    instances: 1,
    reserved: 0,
  });
  bouncing = await pythonBeforeAndAfter('python/pgbouncer', 'pgbouncer', { behindPgbouncer: true });
  await admin.query(`DROP ROLE IF EXISTS ${ROLE}`);
  await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${ROLE_PASSWORD}' CONNECTION LIMIT ${ROLE_LIMIT}`);
  c2p = await poolModuleRun('no-pooling');
  // The application's routes take the connection through Depends(...): they are what shows the tool get_db() is a
  // FastAPI dependency. The driver never imports them (FastAPI need not be installed); it drives get_db() as FastAPI does.
  dependency = await poolModuleRun('fastapi-dependency', {
    'routes.py':
      'from fastapi import APIRouter, Depends\n\nfrom after import get_db, user_name\n\nrouter = APIRouter()\n\n\n' +
      '@router.get("/users/{user_id}")\ndef read_user(user_id: int, conn=Depends(get_db)):\n    return user_name(conn, user_id)\n',
  });
});

/**
 * client-to-pool needs the pool module the run plans and writes (db.py): the
 * real runner over a throwaway project holding the scenario's module as
 * after.py (and `extra` files beside it); before.py stays as written.
 */
async function poolModuleRun(scenario: string, extra: Record<string, string> = {}): Promise<PoolModuleRun> {
  removeStaleDirs(path.join(__dirname, '.tmp'), `python-${scenario}`);
  const dir = path.join(__dirname, '.tmp', `python-${scenario}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const afterDir = throwawayProject(path.join(dir, 'app'));
  fs.copyFileSync(path.join(SCENARIOS, scenario, 'before.py'), path.join(dir, 'before.py'));
  fs.copyFileSync(path.join(SCENARIOS, scenario, 'before.py'), path.join(afterDir, 'after.py'));
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(afterDir, name), text);
  const result = await run({
    transforms: 'client-to-pool',
    paths: [afterDir],
    dry: false,
    options: { format: 'none' },
  });
  expect(result.summary.errors).toBe(0);
  return {
    beforeDir: dir,
    afterDir,
    afterSource: fs.readFileSync(path.join(afterDir, 'after.py'), 'utf8'),
    poolModuleSource: fs.readFileSync(path.join(afterDir, 'db.py'), 'utf8'),
  };
}

afterAll(async () => {
  printFigures(
    `python: measured against PostgreSQL with ${PYTHON} (psycopg2 pool max ${LEAK_MAX}; ${CALLS} calls / ${THREADS} threads; asyncpg pool max ${IO_MAX}, ${REQUESTS} requests, 200 ms upstream)`,
  );
  await bouncer?.stop();
  if (admin) {
    await admin.query('DROP TABLE IF EXISTS e2e_py_users, e2e_py_c2p_users, e2e_py_io_users');
    await admin.query(`DROP ROLE IF EXISTS ${ROLE}`);
    await admin.end();
  }
});

describe('python release-in-finally e2e (psycopg2)', () => {
  it('the rewrite is the one the tool makes today (a try/finally around the work, putconn in the finally)', () => {
    expect(leak.afterSource).toContain('    conn = pool.getconn()\n    try:\n        cur = conn.cursor()');
    expect(leak.afterSource).toContain('    finally:\n        pool.putconn(conn)\n    return row[0] if row else None');
  });

  it('returns the same values and raises the same exception types (and SQLSTATE) before and after', () => {
    const outcomes = Object.fromEntries(
      VARIANTS.map((v) => [v, drive<{ outcomes: Outcome[] }>('leak', leak.dir, v, 'leak-same', 'same').outcomes]),
    );
    expect(outcomes.before).toEqual([
      { value: 'ada' },
      { value: null },
      { error: 'psycopg2.errors.InvalidTextRepresentation', pgcode: '22P02', message: expect.any(String) },
      { value: 'grace' },
      { value: 'ada' },
    ]);
    expect(outcomes.after).toEqual(outcomes.before);
  });

  it(`after ${FAILURES} failing calls: before exhausts the pool (PoolError); after leaks nothing`, () => {
    const [before, after] = VARIANTS.map((v) => drive<LeakFigures>('leak', leak.dir, v, 'leak', 'leak', FAILURES));
    const exhausted = (o: Outcome) => o.error === 'psycopg2.pool.PoolError';
    const show = (o: Outcome) => (o.error ? `${o.error.split('.').pop()}: ${o.message}` : `ok (${o.value})`);
    const scenario = `user_name, ${FAILURES} bad inputs`;
    record({
      scenario,
      measure: 'connections left checked out (pool._used)',
      before: before.leaked,
      after: after.leaked,
    });
    record({ scenario, measure: 'server backends (pg_stat_activity)', before: before.backends, after: after.backends });
    record({
      scenario,
      measure: 'calls failing with PoolError',
      before: before.failures.filter(exhausted).length,
      after: after.failures.filter(exhausted).length,
    });
    record({
      scenario: 'user_name, next good call',
      measure: 'result',
      before: show(before.next),
      after: show(after.next),
    });

    // Before: the first LEAK_MAX failures each keep their connection; then getconn() itself fails.
    expect(before.leaked).toBe(LEAK_MAX);
    expect(before.backends).toBe(LEAK_MAX);
    expect(before.failures.slice(0, LEAK_MAX).every((o) => o.pgcode === '22P02')).toBe(true);
    expect(before.failures.slice(LEAK_MAX).every(exhausted)).toBe(true);
    expect(before.next).toMatchObject({ error: 'psycopg2.pool.PoolError', message: 'connection pool exhausted' });
    // After: every failure is the query's own, and the connection goes back each time.
    expect(after.leaked).toBe(0);
    expect(after.backends).toBeLessThanOrEqual(LEAK_MAX);
    expect(after.failures.every((o) => o.pgcode === '22P02')).toBe(true);
    expect(after.next).toEqual({ value: 'ada' });
  });
});

describe("python release-in-finally e2e (psycopg_pool's asyncio pool)", () => {
  it('the rewrite keeps the awaited checkout and moves the awaited putconn into a finally', () => {
    expect(leakAsync.afterSource).toContain(
      '    conn = await pool.getconn()\n    try:\n        cur = await conn.execute(',
    );
    expect(leakAsync.afterSource).toContain(
      '    finally:\n        await pool.putconn(conn)\n    return row[0] if row else None',
    );
  });

  it('returns the same values and raises the same exception types (and SQLSTATE) before and after', () => {
    const outcomes = Object.fromEntries(
      VARIANTS.map((v) => [
        v,
        drive<{ outcomes: Outcome[] }>('leak-async', leakAsync.dir, v, 'leak-async-same', 'same').outcomes,
      ]),
    );
    expect(outcomes.before).toEqual([
      { value: 'ada' },
      { value: null },
      { error: 'psycopg.errors.InvalidTextRepresentation', pgcode: '22P02', message: expect.any(String) },
      { value: 'grace' },
      { value: 'ada' },
    ]);
    expect(outcomes.after).toEqual(outcomes.before);
  });

  it(`after ${FAILURES} failing calls: before, every later checkout times out (PoolTimeout); after, nothing is kept`, () => {
    const [before, after] = VARIANTS.map((v) =>
      drive<LeakFigures>('leak-async', leakAsync.dir, v, 'leak-async', 'leak', FAILURES),
    );
    const timedOut = (o: Outcome) => o.error === 'psycopg_pool.PoolTimeout';
    const scenario = `async user_name, ${FAILURES} bad inputs`;
    record({
      scenario,
      measure: 'connections left checked out (pool_size - pool_available)',
      before: before.leaked,
      after: after.leaked,
    });
    record({
      scenario,
      measure: 'calls failing with PoolTimeout',
      before: before.failures.filter(timedOut).length,
      after: after.failures.filter(timedOut).length,
    });

    expect(before.leaked).toBe(LEAK_MAX);
    expect(before.failures.slice(0, LEAK_MAX).every((o) => o.pgcode === '22P02')).toBe(true);
    expect(before.failures.slice(LEAK_MAX).every(timedOut)).toBe(true);
    expect(before.next).toMatchObject({ error: 'psycopg_pool.PoolTimeout' });
    expect(after.leaked).toBe(0);
    expect(after.backends).toBeLessThanOrEqual(LEAK_MAX);
    expect(after.failures.every((o) => o.pgcode === '22P02')).toBe(true);
    expect(after.next).toEqual({ value: 'ada' });
  });
});

describe('python client-to-pool e2e (psycopg2)', () => {
  it('the rewrite checks out from the pool module the run wrote (a waiting ThreadedConnectionPool, maxconn 10)', () => {
    expect(c2p.afterSource).toContain('from db import pool');
    expect(c2p.afterSource).not.toContain('psycopg2.connect(');
    expect(c2p.afterSource).toContain('    finally:\n        pool.putconn(conn)');
    expect(c2p.poolModuleSource).toContain('class WaitingPool(ThreadedConnectionPool):');
    expect(c2p.poolModuleSource).toContain('pool = WaitingPool(10, 10, "")');
  });

  it(`${CALLS} calls from ${THREADS} threads: server sessions drop from one per call to at most the pool's max, and no call fails`, () => {
    const poolMax = Number(/WaitingPool\(\d+, (\d+)/.exec(c2p.poolModuleSource)?.[1]);
    const before = drive<LoadFigures>('no-pooling', c2p.beforeDir, 'before', 'c2p', CALLS, THREADS);
    const after = drive<LoadFigures>('no-pooling', c2p.afterDir, 'after', 'c2p', CALLS, THREADS);
    const failed = (f: LoadFigures) => Object.values(f.errors).reduce((a, b) => a + b, 0);
    const scenario = `get_user, ${CALLS} calls / ${THREADS} threads, pool max ${poolMax}`;
    record({
      scenario,
      measure: 'server sessions opened (distinct pids)',
      before: before.sessions,
      after: after.sessions,
    });
    record({ scenario, measure: 'calls failed', before: failed(before), after: failed(after) });
    record({ scenario, measure: 'total time (ms)', before: before.totalMs, after: after.totalMs });

    const expected = Array.from({ length: CALLS }, (_, i) => `user ${(i % 50) + 1}`);
    expect(before.errors).toEqual({});
    expect(before.users).toEqual(expected);
    expect(before.sessions).toBeGreaterThan(CALLS * 0.9); // one session per call (a pid may be reused)
    expect(before.backendsLeft).toBe(0);
    // After: more threads than maxconn wait for a connection (psycopg2's own pool would raise PoolError),
    // and the connections are kept (psycopg2's own would close all but minconn on return).
    expect(after.errors).toEqual({});
    expect(after.users).toEqual(expected);
    expect(after.sessions).toBeLessThanOrEqual(poolMax);
    expect(after.backendsLeft).toBeLessThanOrEqual(poolMax);
  });
});

describe('python client-to-pool e2e (a FastAPI dependency with yield)', () => {
  it('the dependency checks out from the pool module the run wrote and puts the connection back in its finally', () => {
    expect(dependency.afterSource).not.toContain('psycopg2.connect(');
    expect(dependency.afterSource).toContain(
      '    conn = pool.getconn()\n    try:\n        yield conn\n    finally:\n        pool.putconn(conn)\n',
    );
    expect(dependency.poolModuleSource).toContain('class WaitingPool(ThreadedConnectionPool):');
  });

  it(`${CALLS} requests from ${THREADS} threads, every fifth failing in its handler: sessions drop from one per request to at most the pool's max, nothing stays checked out, and the errors reach the caller as before`, () => {
    const poolMax = Number(/WaitingPool\(\d+, (\d+)/.exec(dependency.poolModuleSource)?.[1]);
    type Figures = LoadFigures & { next: { user?: string; error?: string } };
    const before = drive<Figures>('fastapi-dependency', dependency.beforeDir, 'before', 'dep', CALLS, THREADS);
    const after = drive<Figures>('fastapi-dependency', dependency.afterDir, 'after', 'dep', CALLS, THREADS);
    const scenario = `get_db() through Depends, ${CALLS} requests / ${THREADS} threads, pool max ${poolMax}`;
    record({
      scenario,
      measure: 'server sessions opened (distinct pids)',
      before: before.sessions,
      after: after.sessions,
    });
    record({ scenario, measure: 'sessions left open', before: before.backendsLeft, after: after.backendsLeft });
    record({ scenario, measure: 'total time (ms)', before: before.totalMs, after: after.totalMs });

    const failing = { '__main__.HandlerFailed': CALLS / 5 };
    const expected = Array.from({ length: CALLS }, (_, i) => (i % 5 === 4 ? null : `user ${(i % 50) + 1}`));
    for (const figures of [before, after]) {
      expect(figures.errors).toEqual(failing);
      expect(figures.users).toEqual(expected);
      expect(figures.next).toMatchObject({ user: 'user 1' });
    }
    expect(before.sessions).toBeGreaterThan(CALLS * 0.8 * 0.9); // one session per request (a pid may be reused)
    expect(before.backendsLeft).toBe(0);
    // After: the failing requests' connections went back too (the error thrown into the generator runs its finally).
    expect(after.sessions).toBeLessThanOrEqual(poolMax);
    expect(after.backendsLeft).toBeLessThanOrEqual(poolMax);
  });
});

/**
 * A split-io scenario's requests, before and after: the same results, twice the
 * checkouts, and the upstream calls no longer limited to the pool's size. The
 * timings are recorded for the table, not asserted (they depend on the machine).
 */
function splitRemovesTheQueue(scenarioDir: string, dir: string, label: string, scenario: string): void {
  const [before, after] = VARIANTS.map((v) => drive<SplitFigures>(scenarioDir, dir, v, label, REQUESTS, IO_MAX));
  record({ scenario, measure: 'total time (ms)', before: before.totalMs, after: after.totalMs });
  record({
    scenario,
    measure: 'longest wait for a connection (ms)',
    before: before.longestWaitMs,
    after: after.longestWaitMs,
  });
  record({ scenario, measure: 'checkouts', before: before.checkouts, after: after.checkouts });
  record({
    scenario,
    measure: 'upstream calls in flight at once (peak)',
    before: before.upstreamPeak,
    after: after.upstreamPeak,
  });

  expect(after.results).toEqual(before.results);
  expect(after.tags).toEqual(before.tags);
  expect(before.tags.every(([, tag]) => tag?.startsWith('tag-'))).toBe(true);
  expect(before.checkouts).toBe(REQUESTS);
  expect(after.checkouts).toBe(2 * REQUESTS);
  // Before: only the requests holding one of the max connections can be waiting upstream; after: all of them.
  expect(before.upstreamPeak).toBeLessThanOrEqual(IO_MAX);
  expect(after.upstreamPeak).toBeGreaterThan(IO_MAX);
}

describe('python split-io e2e (asyncpg)', () => {
  it('the rewrite ends the checkout before the aiohttp call and checks out again for the UPDATE', () => {
    expect(split.afterSource).toContain(
      '        email = await conn.fetchval("SELECT email FROM e2e_py_io_users WHERE id = $1", user_id)\n' +
        '    async with aiohttp.ClientSession() as session:\n',
    );
    expect(split.afterSource).toContain(
      '            tag = await response.text()\n    async with pool.acquire() as conn:\n        await conn.execute(',
    );
  });

  it(`${REQUESTS} concurrent requests, pool max ${IO_MAX}: same results; the upstream calls no longer queue behind the pool`, () =>
    splitRemovesTheQueue('split-io', split.dir, 'split', `enrich, ${REQUESTS} requests / max ${IO_MAX}`));
});

describe("python split-io e2e (psycopg_pool's asyncio pool, the upstream call in a helper)", () => {
  it('the rewrite ends the section before the helper that calls upstream and opens it again for the UPDATE', () => {
    expect(splitPsycopg.afterSource).toContain(
      '        (email,) = await cur.fetchone()\n' +
        '    tag = await fetch_tag(email)\n' +
        '    async with pool.connection() as conn:\n' +
        '        await conn.execute("UPDATE',
    );
  });

  it(`${REQUESTS} concurrent requests, pool max ${IO_MAX}: same results; the upstream calls no longer queue behind the pool`, () =>
    splitRemovesTheQueue(
      'split-io-psycopg',
      splitPsycopg.dir,
      'split-psycopg',
      `enrich on psycopg_pool, ${REQUESTS} requests / max ${IO_MAX}`,
    ));
});

describe('python acquire-timeout e2e (asyncpg)', () => {
  it('the rewrite gives both checkouts a timeout in seconds', () => {
    expect(acquire.afterSource.match(/pool\.acquire\(timeout=1\)/g)).toHaveLength(2);
  });

  it(`a pool of 1 held for ${HOLD_S} s: before, the lookup is still waiting after ${PATIENCE_S} s; after, it fails at the timeout`, () => {
    const [before, after] = VARIANTS.map((v) =>
      drive<{ value?: number; error?: string; ms: number }>(
        'acquire-timeout',
        acquire.dir,
        v,
        'acquire',
        HOLD_S,
        PATIENCE_S,
      ),
    );
    const scenario = `lookup while the only connection is held ${HOLD_S} s`;
    record({ scenario, measure: 'outcome', before: before.error ?? 'ok', after: after.error ?? 'ok' });
    record({ scenario, measure: 'time until the caller hears (ms)', before: before.ms, after: after.ms });
    expect(before.error).toBe('still waiting');
    expect(after.error).toBe('builtins.TimeoutError');
    expect(after.ms).toBeLessThan(PATIENCE_S * 1000);
    // Timings are recorded for the table, not asserted beyond what tells the outcomes apart.
  });
});

interface SleepOutcome {
  value?: string;
  error?: string;
  pgcode?: string | null;
  ms: number;
  stillRunning: number;
}

describe('python statement-timeout e2e (asyncpg, psycopg2)', () => {
  it('the rewrite adds command_timeout to the asyncpg pool and a statement_timeout option to the psycopg2 pool', () => {
    expect(statement.afterSource).toContain(', command_timeout=1)');
    expect(statement.afterSource).toContain(`, options="-c statement_timeout=${STATEMENT_TIMEOUT_MS}")`);
  });

  it(`pg_sleep(${SLEEP_S}): before, each runs to the end; after, each is cancelled on the server at the limit`, () => {
    const [before, after] = VARIANTS.map((v) =>
      drive<{ asyncpg: SleepOutcome; psycopg2: SleepOutcome }>(
        'statement-timeout',
        statement.dir,
        v,
        'statement',
        SLEEP_S,
      ),
    );
    for (const library of ['asyncpg', 'psycopg2'] as const) {
      const scenario = `${library}: pg_sleep(${SLEEP_S}), limit ${STATEMENT_TIMEOUT_MS} ms`;
      const show = (o: SleepOutcome) => o.error ?? `ok (${o.value})`;
      record({ scenario, measure: 'outcome', before: show(before[library]), after: show(after[library]) });
      record({
        scenario,
        measure: 'time until the caller hears (ms)',
        before: before[library].ms,
        after: after[library].ms,
      });
      record({
        scenario,
        measure: 'still running on the server after',
        before: before[library].stillRunning,
        after: after[library].stillRunning,
      });
      expect(before[library].value).toBe('done');
      expect(before[library].ms).toBeGreaterThanOrEqual(SLEEP_S * 1000);
      expect(after[library].stillRunning).toBe(0);
      expect(after[library].ms).toBeLessThan(SLEEP_S * 1000);
    }
    expect(after.asyncpg.error).toBe('builtins.TimeoutError');
    expect(after.psycopg2).toMatchObject({ error: 'psycopg2.errors.QueryCanceled', pgcode: '57014' });
  });
});

async function roleSessions(): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1',
    [ROLE],
  );
  return rows[0].n;
}

describe('python pool-size e2e (psycopg2, 4 worker processes)', () => {
  it('the rewrite sizes the pool for the 4 workers gunicorn.conf.py runs: floor(30 / 4) = 7, minimum included', () => {
    expect(sizing.afterSource).toContain('ThreadedConnectionPool(7, 7, ');
    expect(sizing.afterSource).toContain(
      '# maxconn 7 = floor((30 max_connections - 0 reserved) / (1 instances × 4 processes))',
    );
  });

  it(`${WORKERS} workers against a role limited to ${ROLE_LIMIT}: before, some are refused; after, all start`, async () => {
    type Started = { started: number; refused: number; connections: number; errors: string[] };
    const before = drive<Started>('pool-size', sizing.dir, 'before', 'size', WORKERS);
    // The server closes the exited workers' sessions on its own time: start the second run from none.
    for (let i = 0; i < 50 && (await roleSessions()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    const after = drive<Started>('pool-size', sizing.dir, 'after', 'size', WORKERS);
    const scenario = `${WORKERS} workers, role limit ${ROLE_LIMIT}`;
    record({
      scenario,
      measure: 'workers started / refused',
      before: `${before.started} / ${before.refused}`,
      after: `${after.started} / ${after.refused}`,
    });
    record({ scenario, measure: 'connections open', before: before.connections, after: after.connections });
    expect(before.refused).toBeGreaterThan(0);
    expect(before.errors.join(' ')).toContain('too many connections');
    expect(after).toMatchObject({ started: WORKERS, refused: 0, connections: 28 });
  });
});

describe('python pgbouncer e2e (asyncpg through PgBouncer 1.18, transaction mode)', () => {
  it('the rewrite turns off the statement cache', () => {
    expect(bouncing.afterSource).toContain('        statement_cache_size=0,\n    )');
  });

  it(`${LOOKUPS} lookups at once, 5 rounds: before, prepared statements fail on other server connections; after, none fails`, async () => {
    // default_pool_size 5 server connections for 4 pool connections: statements meet connections that never prepared them.
    // Two instances' worth of clients: the after run connects while PgBouncer may still count the before run's
    // (max_client_conn of exactly one pool of 4 refused it once: "no more connections allowed"). Fewer server
    // connections (3) than one pool's clients (4), so cached statements do meet other server connections.
    bouncer = await startPgbouncer(BIN, { maxConnections: 8, reserved: 5, instances: 2, appPoolSize: 4 });
    type Lookups = { calls: number; ok: number; wrong: number; errors: Record<string, number> };
    const [before, after] = VARIANTS.map((v) => drive<Lookups>('pgbouncer', bouncing.dir, v, 'bouncer', LOOKUPS));
    const failed = (l: Lookups) => l.calls - l.ok;
    const scenario = `${LOOKUPS} lookups x 5 through PgBouncer`;
    record({ scenario, measure: 'calls failed', before: failed(before), after: failed(after) });
    record({
      scenario,
      measure: 'errors',
      before: Object.keys(before.errors).join(', ') || '-',
      after: Object.keys(after.errors).join(', ') || '-',
    });
    expect(failed(before)).toBeGreaterThan(0);
    expect(Object.keys(before.errors).every((e) => e.startsWith('asyncpg.exceptions.'))).toBe(true);
    expect(after).toMatchObject({ calls: 5 * LOOKUPS, ok: 5 * LOOKUPS, wrong: 0, errors: {} });
  });
});

/**
 * One pool of 3 per case, 6 callers holding a connection for a second. The
 * otel case reads the gauges through a stand-in of the OpenTelemetry API
 * (scenarios/python/pool-monitoring/otel-api-standin: its signatures, a
 * reader's collection), since Debian packages no OpenTelemetry for Python.
 */
const MONITORING_CASES = [
  {
    library: 'psycopg_pool',
    flavor: 'prom-client',
    source: 'before.py',
    requirements: 'psycopg[pool]\nprometheus-client\n',
    during: { total: 3, idle: 0, waiting: 3 },
    after: { total: 3, idle: 3, waiting: 0 },
  },
  {
    library: 'psycopg2',
    flavor: 'prom-client',
    source: 'before_psycopg2.py',
    requirements: 'psycopg2-binary\nprometheus-client\n',
    during: { total: 3, idle: 0 },
    after: { total: 3, idle: 3 },
  },
  {
    library: 'psycopg_pool',
    flavor: 'otel',
    source: 'before.py',
    requirements: 'psycopg[pool]\nopentelemetry-sdk\n',
    during: { total: 3, idle: 0, waiting: 3 },
    after: { total: 3, idle: 3, waiting: 0 },
  },
] as const;

describe('python pool-monitoring e2e (--metrics prom-client and otel)', () => {
  it.each(MONITORING_CASES)(
    '$library, $flavor: 6 callers on a pool of 3; before, no gauge of the pool; after, open 3 / idle 0 while held, idle 3 after',
    async (c) => {
      const label = `python-pool-monitoring-${c.library}-${c.flavor}`;
      removeStaleDirs(path.join(__dirname, '.tmp'), label);
      const dir = path.join(__dirname, '.tmp', `${label}-${process.pid}`);
      fs.rmSync(dir, { recursive: true, force: true });
      const afterDir = throwawayProject(path.join(dir, 'app'));
      const source = path.join(SCENARIOS, 'pool-monitoring', c.source);
      fs.copyFileSync(source, path.join(dir, 'before.py'));
      fs.copyFileSync(source, path.join(afterDir, 'after.py'));
      fs.writeFileSync(path.join(afterDir, 'requirements.txt'), c.requirements);
      const result = await run({
        transforms: 'pool-monitoring',
        paths: [afterDir],
        dry: false,
        options: { format: 'none', metrics: c.flavor },
      });
      expect(result.summary.errors).toBe(0);
      expect(fs.readFileSync(path.join(afterDir, 'after.py'), 'utf8')).toContain(
        `monitor_${c.library.replace('_pool', '')}_pool("after:pool", lambda: globals().get("pool"))`,
      );
      type Scrape = { during: Record<string, number>; after: Record<string, number> };
      const before = drive<Scrape>('pool-monitoring', dir, 'before', `metrics-${c.flavor}`, 6, c.flavor);
      const after = drive<Scrape>('pool-monitoring', afterDir, 'after', `metrics-${c.flavor}`, 6, c.flavor);
      const counts = (g: Record<string, number>) =>
        Object.fromEntries(
          Object.entries({
            total: g.db_pool_connections_total,
            idle: g.db_pool_connections_idle,
            waiting: g.db_pool_clients_waiting,
          }).filter(([, v]) => v !== undefined),
        );
      const show = (g: Record<string, number>) =>
        ['total', 'idle', 'waiting'].map((k) => counts(g)[k] ?? '-').join(' / ');
      for (const moment of ['during', 'after'] as const)
        record({
          scenario: `6 callers, ${c.library} pool of 3, ${c.flavor}`,
          measure: `gauges open / idle / waiting, ${moment === 'during' ? 'while held' : 'after'}`,
          before: show(before[moment]),
          after: show(after[moment]),
        });
      expect(before.during).toEqual({});
      expect(counts(after.during)).toEqual(c.during);
      expect(counts(after.after)).toEqual(c.after);
    },
  );
});
