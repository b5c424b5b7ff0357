/**
 * The configuration transforms against a real PostgreSQL server, before and
 * after the rewrite:
 * - acquire-timeout: with every connection checked out, a caller waits past
 *   the test's cut-off before; after, it fails in about the configured time
 *   with pg's timeout error, and the pool works again once connections return;
 * - statement-timeout: a long statement runs to its end before and is
 *   cancelled by the server at the limit after (SQLSTATE 57014); a
 *   per-request SET SESSION is seen by the next borrower before, not after;
 * - pool-size: three instances against a role limited to 12 connections are
 *   refused before (SQLSTATE 53300); sized by the tool, none are. The same
 *   with one instance whose entry point forks three cluster workers: sized
 *   for the instance alone some are still refused; sized for its workers,
 *   none are.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeAndAfter, removeStaleDirs, requireServer, testPool, timed } from './db';
import { printFigures, record } from './report';
import { run } from '../../src/index';

type AcquireModule = typeof import('./scenarios/acquire-timeout/before');
type StatementModule = typeof import('./scenarios/statement-timeout/before');
type SizeModule = typeof import('./scenarios/pool-size/before');

const ACQUIRE_TIMEOUT_MS = 1000;
const CUT_OFF_MS = 3000;
const STATEMENT_TIMEOUT_MS = 1000;
const ROLE_LIMIT = 12;
const INSTANCES = 3;

let admin: pg.Pool;

beforeAll(() => {
  requireServer();
  admin = testPool('pool-codemod-e2e-admin', { max: 1 });
});

afterAll(async () => {
  printFigures('configuration transforms: measured against PostgreSQL');
  if (admin) {
    await admin.query('DROP ROLE IF EXISTS pool_codemod_e2e_size').catch(() => {});
    await admin.end();
  }
});

/** The role the pool-size scenarios connect as, limited to ROLE_LIMIT connections. */
async function createSizeRole(): Promise<void> {
  await admin.query('DROP ROLE IF EXISTS pool_codemod_e2e_size');
  await admin.query(
    `CREATE ROLE pool_codemod_e2e_size LOGIN PASSWORD 'pool-codemod-e2e' CONNECTION LIMIT ${ROLE_LIMIT}`,
  );
}

/** What `work` resolves to, and the most server sessions of that role seen while it ran (sampled every 50 ms). */
async function withPeakSessions<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = 0;
  const sampler = setInterval(() => {
    void admin
      .query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'pool_codemod_e2e_size'")
      .then(({ rows }) => (peak = Math.max(peak, rows[0].n)));
  }, 50);
  try {
    return { value: await work(), peak };
  } finally {
    clearInterval(sampler);
  }
}

/** The first of two promises to settle, or `'still waiting'` at the cut-off. */
async function within<T>(promise: Promise<T>, ms: number): Promise<{ ms: number; outcome: string }> {
  const started = performance.now();
  const timer = new Promise<string>((resolve) => setTimeout(() => resolve('still waiting'), ms));
  const outcome = await Promise.race([
    promise.then(
      () => 'connected',
      (error: Error) => error.message,
    ),
    timer,
  ]);
  return { ms: Math.round(performance.now() - started), outcome };
}

describe('acquire-timeout e2e', () => {
  it(`an exhausted pool: before, a caller is still waiting at ${CUT_OFF_MS} ms; after, it fails at about ${ACQUIRE_TIMEOUT_MS} ms and the pool recovers`, async () => {
    const modules = await beforeAndAfter<AcquireModule>('acquire-timeout', 'acquire-timeout', {
      acquireTimeoutMs: ACQUIRE_TIMEOUT_MS,
    });
    expect(modules.afterSource).toContain(`connectionTimeoutMillis: ${ACQUIRE_TIMEOUT_MS}`);
    const measured: Record<string, { waited: { ms: number; outcome: string }; recovered: string }> = {};
    for (const variant of ['before', 'after'] as const) {
      const { pool } = modules[variant];
      const held = [await pool.connect(), await pool.connect()];
      const waiting = pool.connect();
      const waited = await within(waiting, CUT_OFF_MS);
      for (const c of held) c.release();
      // Before, the caller that waited gets a connection once one is back; release it too.
      const late = await waiting.catch(() => null);
      late?.release();
      const again = await timed(() => pool.query('SELECT 1 AS ok'));
      measured[variant] = { waited, recovered: again.error ? again.error.message : 'ok' };
      await pool.end();
    }
    const scenario = 'max 2, both checked out, a third caller';
    record({
      scenario,
      measure: `outcome at the ${CUT_OFF_MS} ms cut-off`,
      before: measured.before.waited.outcome,
      after: measured.after.waited.outcome,
    });
    record({
      scenario,
      measure: 'time until the caller knew (ms)',
      before: measured.before.waited.ms,
      after: measured.after.waited.ms,
    });
    record({
      scenario: 'connections returned',
      measure: 'next query',
      before: measured.before.recovered,
      after: measured.after.recovered,
    });
    expect(measured.before.waited.outcome).toBe('still waiting');
    expect(measured.before.waited.ms).toBeGreaterThanOrEqual(CUT_OFF_MS - 50);
    expect(measured.after.waited.outcome).toMatch(/timeout exceeded when trying to connect/);
    expect(measured.after.waited.ms).toBeLessThan(CUT_OFF_MS);
    expect(measured.after.recovered).toBe('ok');
  });
});

describe('statement-timeout e2e', () => {
  it('a 3 s statement: before it runs to the end; after the server cancels it at the limit (57014)', async () => {
    const modules = await beforeAndAfter<StatementModule>('statement-timeout', 'statement-timeout', {
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    });
    expect(modules.afterSource).toContain(`statement_timeout: ${STATEMENT_TIMEOUT_MS}`);
    expect(modules.afterSource).toContain("SET LOCAL statement_timeout = '7s'");
    const measured: Record<string, { ms: number; outcome: string }> = {};
    for (const variant of ['before', 'after'] as const) {
      const r = await timed(() => modules[variant].slowReport(3));
      measured[variant] = {
        ms: Math.round(r.ms),
        outcome: r.error ? `${(r.error as { code?: string }).code}: ${r.error.message}` : `finished (${r.value})`,
      };
    }
    record({
      scenario: 'SELECT pg_sleep(3)',
      measure: 'outcome',
      before: measured.before.outcome,
      after: measured.after.outcome,
    });
    record({
      scenario: 'SELECT pg_sleep(3)',
      measure: 'connection held (ms)',
      before: measured.before.ms,
      after: measured.after.ms,
    });
    expect(measured.before.outcome).toBe('finished (1)');
    expect(measured.before.ms).toBeGreaterThanOrEqual(2900);
    expect(measured.after.outcome).toMatch(/^57014: canceling statement due to statement timeout/);
    expect(measured.after.ms).toBeLessThan(2500);

    // The per-request SET: the next borrower of the same connection (max 1) sees it before, not after.
    const seen: Record<string, { first: string; next: string }> = {};
    for (const variant of ['before', 'after'] as const) {
      const m = modules[variant];
      const first = await m.currentStatementTimeout();
      await m.nightlyJob();
      seen[variant] = { first, next: await m.currentStatementTimeout() };
      await m.pool.end();
    }
    record({
      scenario: 'SET in nightlyJob, then another caller',
      measure: 'SHOW statement_timeout',
      before: `${seen.before.first} -> ${seen.before.next}`,
      after: `${seen.after.first} -> ${seen.after.next}`,
    });
    expect(seen.before.next).toBe('7s');
    expect(seen.after.next).toBe(seen.after.first);
    expect(seen.after.first).toBe('1s');
  });
});

describe('pool-size e2e', () => {
  it(`${INSTANCES} instances against a role limited to ${ROLE_LIMIT} connections: refused before, none refused after sizing`, async () => {
    await createSizeRole();
    const modules = await beforeAndAfter<SizeModule>('pool-size', 'pool-size', {
      dbMaxConnections: ROLE_LIMIT,
      instances: INSTANCES,
      reserved: 0,
    });
    const budget = Math.floor(ROLE_LIMIT / INSTANCES);
    expect(modules.afterSource).toContain(`max: ${budget}, // floor((${ROLE_LIMIT} - 0) / ${INSTANCES}) = ${budget}`);
    const tmp = path.join(__dirname, '.tmp');
    removeStaleDirs(tmp, 'pool-size-instances');
    const dir = path.join(tmp, `pool-size-instances-${process.pid}`);
    fs.mkdirSync(dir, { recursive: true });
    const measured: Record<string, { refused: number; calls: number; peak: number }> = {};
    for (const variant of ['before', 'after'] as const) {
      // Each instance is its own copy of the module, so each has its own pool, as separate processes would.
      const source =
        variant === 'before'
          ? fs.readFileSync(path.join(__dirname, 'scenarios', 'pool-size', 'before.ts'), 'utf8')
          : modules.afterSource;
      const instances: SizeModule[] = [];
      for (let i = 0; i < INSTANCES; i++) {
        const file = path.join(dir, `${variant}-${i}.ts`);
        fs.writeFileSync(file, source);
        instances.push((await import(pathToFileURL(file).href)) as SizeModule);
      }
      const { value: results, peak } = await withPeakSessions(() =>
        Promise.all(instances.flatMap((m) => Array.from({ length: 10 }, () => timed(() => m.work(400))))),
      );
      const refused = results.filter((r) => (r.error as { code?: string } | undefined)?.code === '53300').length;
      measured[variant] = { refused, calls: results.length, peak };
      await Promise.all(instances.map((m) => m.pool.end()));
    }
    const scenario = `${INSTANCES} instances x 10 concurrent calls, role limit ${ROLE_LIMIT}`;
    record({
      scenario,
      measure: 'calls refused (53300 too many connections)',
      before: `${measured.before.refused} of ${measured.before.calls}`,
      after: `${measured.after.refused} of ${measured.after.calls}`,
    });
    record({
      scenario,
      measure: 'peak server sessions (pg_stat_activity)',
      before: measured.before.peak,
      after: measured.after.peak,
    });
    expect(measured.before.refused).toBeGreaterThan(0);
    expect(measured.after.refused).toBe(0);
    expect(measured.after.peak).toBeLessThanOrEqual(ROLE_LIMIT);
  });
});

describe('pool-size e2e: cluster workers', () => {
  const workers = 3;
  it(`one instance that forks ${workers} cluster workers, a role limited to ${ROLE_LIMIT}: refused when sized for the instance alone, none when sized for its workers`, async () => {
    await createSizeRole();
    const tmp = path.join(__dirname, '.tmp');
    removeStaleDirs(tmp, 'pool-size-cluster');
    const root = path.join(tmp, `pool-size-cluster-${process.pid}`);
    const scenario = path.join(__dirname, 'scenarios', 'pool-size-cluster');
    /** A copy of the service, its pool module rewritten by pool-size with these options (none: as written). */
    const service = async (name: string, options?: Record<string, number>): Promise<string> => {
      const dir = path.join(root, name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { pg: '^8' } }));
      for (const file of ['server.js', 'db.js']) fs.copyFileSync(path.join(scenario, file), path.join(dir, file));
      if (options) {
        const result = await run({
          transforms: ['pool-size'],
          paths: [dir],
          config: false,
          options: { dbMaxConnections: ROLE_LIMIT, instances: 1, reserved: 0, ...options },
        });
        expect(result.summary.errors).toBe(0);
      }
      return dir;
    };
    const variants = {
      'as written (pg default, up to 10)': await service('default'),
      // What the tool wrote before it read the workers: the budget of the whole instance in each worker.
      'sized for the instance alone': await service('instance', { processes: 1 }),
      'sized for its workers': await service('workers', {}),
    };
    expect(fs.readFileSync(path.join(variants['sized for the instance alone'], 'db.js'), 'utf8')).toContain(
      `max: ${ROLE_LIMIT},`,
    );
    const budget = Math.floor(ROLE_LIMIT / workers);
    expect(fs.readFileSync(path.join(variants['sized for its workers'], 'db.js'), 'utf8')).toContain(
      `max: ${budget}, // floor((${ROLE_LIMIT} - 0) / (1 × ${workers})) = ${budget}: max_connections ${ROLE_LIMIT}, 0 reserved, 1 instances × ${workers} processes (server.js: cluster.fork())`,
    );
    const measured: Record<string, { refused: number; calls: number; peak: number }> = {};
    for (const [name, dir] of Object.entries(variants)) {
      // Run without blocking this process: the sampler counts the server's sessions meanwhile.
      const { value: run, peak } = await withPeakSessions(() =>
        promisify(execFile)(process.execPath, ['server.js'], { cwd: dir, timeout: 60_000 }),
      );
      const out = run.stdout;
      const results = JSON.parse(out.trim().split('\n').pop() ?? '[]') as { refused: number; calls: number }[];
      measured[name] = {
        refused: results.reduce((n, r) => n + r.refused, 0),
        calls: results.reduce((n, r) => n + r.calls, 0),
        peak,
      };
    }
    const label = `1 instance, ${workers} cluster workers x 10 concurrent calls, role limit ${ROLE_LIMIT}`;
    const shown = (m: { refused: number; calls: number; peak: number }) =>
      `${m.refused} of ${m.calls} refused, peak ${m.peak}`;
    record({
      scenario: label,
      measure: 'sized for the instance alone (max 12 in each worker)',
      before: shown(measured['as written (pg default, up to 10)']),
      after: shown(measured['sized for the instance alone']),
    });
    record({
      scenario: label,
      measure: `sized for its workers (max ${budget} in each)`,
      before: shown(measured['as written (pg default, up to 10)']),
      after: shown(measured['sized for its workers']),
    });
    expect(measured['as written (pg default, up to 10)'].refused).toBeGreaterThan(0);
    expect(measured['sized for the instance alone'].refused).toBeGreaterThan(0);
    expect(measured['sized for its workers'].refused).toBe(0);
    expect(measured['sized for its workers'].peak).toBeLessThanOrEqual(ROLE_LIMIT);
  });
});
