/**
 * pool-monitoring against a real PostgreSQL server: a service whose idle
 * pooled connection is killed (pg_terminate_backend, as a failover or a
 * restart does) dies before the rewrite and logs and keeps serving after;
 * with --metrics prom-client its /metrics shows the pool's total, idle and
 * waiting gauges move while a load runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run';
import { removeStaleDirs, requireServer, testPool } from './db';
import { printFigures, record } from './report';

const SCENARIO = path.join(__dirname, 'scenarios', 'pool-monitoring', 'service.js');

let admin: pg.Pool;
let root: string;
const children: ChildProcess[] = [];

/** A copy of the service in `root/<name>`, rewritten by pool-monitoring with `options` (none: as written). */
async function variant(name: string, options?: Record<string, unknown>): Promise<string> {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(SCENARIO, path.join(dir, 'service.js'));
  if (options) {
    const result = await run({
      transforms: 'pool-monitoring',
      paths: [dir],
      dry: false,
      options: { format: 'none', ...options },
    });
    expect(result.summary.errors).toBe(0);
  }
  return path.join(dir, 'service.js');
}

interface Service {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(file: string, appName: string): Promise<Service> {
  const child = spawn(process.execPath, [file], { env: { ...process.env, E2E_APP_NAME: appName }, stdio: 'pipe' });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${output}`)), 10_000);
    child.stdout.on('data', () => {
      const m = /listening (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { child, port, output: () => output, exited };
}

const get = async (s: Service, pathname: string) => {
  const res = await fetch(`http://127.0.0.1:${s.port}${pathname}`);
  return { status: res.status, text: await res.text() };
};

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kill the server side of every connection the service holds; how many there were. */
async function terminate(appName: string): Promise<number> {
  const { rows } = await admin.query(
    'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1',
    [appName],
  );
  return rows[0].n;
}

/** What the service does when its idle connection is killed: did it survive, and does it still serve? */
async function killIdle(
  file: string,
  appName: string,
): Promise<{ survived: boolean; exitCode: number | null; output: string; next: string }> {
  const service = await start(file, appName);
  expect(await get(service, '/')).toEqual({ status: 200, text: '1' }); // one connection, now idle in the pool
  expect(await terminate(appName)).toBe(1);
  const exitCode = await Promise.race([service.exited, wait(1500).then(() => 'running' as const)]);
  const survived = exitCode === 'running';
  const next = survived ? (await get(service, '/')).text : '-';
  service.child.kill();
  return { survived, exitCode: survived ? null : exitCode, output: service.output(), next };
}

/** The pool's gauges as /metrics shows them. */
async function gauges(s: Service): Promise<{ total: number; idle: number; waiting: number }> {
  const { text } = await get(s, '/metrics');
  const value = (name: string) => {
    const m = new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'm').exec(text);
    if (!m) throw new Error(`${name} is not in /metrics:\n${text}`);
    return Number(m[1]);
  };
  return {
    total: value('db_pool_connections_total'),
    idle: value('db_pool_connections_idle'),
    waiting: value('db_pool_clients_waiting'),
  };
}

beforeAll(() => {
  requireServer();
  admin = testPool('pool-codemod-e2e-admin', { max: 1 });
  removeStaleDirs(path.join(__dirname, '.tmp'), 'pool-monitoring');
  // Inside the repository, so that the services resolve pg and prom-client from its node_modules.
  root = path.join(__dirname, '.tmp', `pool-monitoring-${process.pid}`);
  fs.rmSync(root, { recursive: true, force: true });
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  printFigures('pool-monitoring: measured against PostgreSQL (pool max 3)');
  await admin?.end();
});

describe('pool-monitoring e2e', () => {
  it('an idle connection killed on the server: the process exits before, logs and keeps serving after', async () => {
    const before = await killIdle(await variant('before'), 'pool-codemod-e2e-mon-before');
    const after = await killIdle(await variant('after', {}), 'pool-codemod-e2e-mon-after');
    const outcome = (r: typeof before) => (r.survived ? 'kept running' : `exited with code ${r.exitCode}`);
    record({
      scenario: 'idle connection terminated',
      measure: 'process',
      before: outcome(before),
      after: outcome(after),
    });
    record({ scenario: 'idle connection terminated', measure: 'next request', before: before.next, after: after.next });
    expect(before.survived).toBe(false);
    expect(before.exitCode).not.toBe(0);
    expect(before.output).toContain('terminating connection due to administrator command');
    expect(after.survived).toBe(true);
    // The listener the rewrite added logged it.
    expect(after.output).toContain('unexpected error on an idle database connection');
    expect(after.output).toContain('terminating connection due to administrator command');
    expect(after.next).toBe('1');
  });

  it('with --metrics prom-client, /metrics shows total, idle and waiting move while a load runs', async () => {
    const file = await variant('metrics', { metrics: 'prom-client' });
    const service = await start(file, 'pool-codemod-e2e-mon-metrics');
    const plain = await start(await variant('plain'), 'pool-codemod-e2e-mon-plain');
    expect((await get(plain, '/metrics')).text).not.toContain('db_pool_connections_total');
    plain.child.kill();

    const idle = await gauges(service);
    const load = Array.from({ length: 6 }, () => get(service, '/?sleep=1500'));
    // Sampled well inside the queries' 1.5 s, once the pool has opened its three connections.
    await wait(500);
    const busy = await gauges(service);
    expect((await Promise.all(load)).map((r) => r.text)).toEqual(Array(6).fill('1'));
    const after = await gauges(service);
    service.child.kill();
    const show = (g: typeof idle) => `total ${g.total}, idle ${g.idle}, waiting ${g.waiting}`;
    record({
      scenario: '6 concurrent 1.5 s queries, max 3',
      measure: '/metrics before the load',
      before: 'no pool gauges',
      after: show(idle),
    });
    record({
      scenario: '6 concurrent 1.5 s queries, max 3',
      measure: '/metrics during the load',
      before: 'no pool gauges',
      after: show(busy),
    });
    record({
      scenario: '6 concurrent 1.5 s queries, max 3',
      measure: '/metrics after the load',
      before: 'no pool gauges',
      after: show(after),
    });
    expect(idle).toEqual({ total: 0, idle: 0, waiting: 0 });
    expect(busy).toEqual({ total: 3, idle: 0, waiting: 3 });
    expect(after).toEqual({ total: 3, idle: 3, waiting: 0 });
  });
});
