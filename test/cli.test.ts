/**
 * The CLI as a user runs it: the built launcher in a child process, on
 * throwaway directories (some of them git repositories).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.join(__dirname, '..', 'bin', 'pool-codemod.js');

const LEAKY = `import { Pool } from 'pg';
const pool = new Pool();

export async function count() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT count(*) FROM users');
  client.release();
  return rows[0].count;
}
`;

const ESCAPING = `import { Pool } from 'pg';
const pool = new Pool();

export async function open() {
  const client = await pool.connect();
  await client.query('SET search_path TO app');
  return client;
}
`;

const CLEAN = `import { Pool } from 'pg';
const pool = new Pool();

export async function count() {
  const client = await pool.connect();
  try {
    return (await client.query('SELECT 1')).rows;
  } finally {
    client.release();
  }
}
`;

function project(files: Record<string, string>, git = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  if (git) {
    const g = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
    g('init', '-q');
    g('add', '-A');
    g('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  }
  return dir;
}

function cli(cwd: string, ...args: string[]) {
  const env = { ...process.env, NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('pool-codemod run', () => {
  it('--dry writes nothing and prints a unified diff', () => {
    const dir = project({ 'src/users.ts': LEAKY });
    const r = cli(dir, 'run', 'all', 'src', '--dry');
    expect(r.code).toBe(0);
    expect(read(dir, 'src/users.ts')).toBe(LEAKY);
    expect(r.stdout).toContain('--- a/src/users.ts');
    expect(r.stdout).toContain('+++ b/src/users.ts');
    expect(r.stdout).toContain('+  } finally {');
    expect(r.stdout).toContain('-  client.release();');
    expect(r.stderr).toMatch(/files scanned: 1, skipped by pre-filter: 0, would change: 1/);
  });

  it('writes the rewrite in place and prints a summary', () => {
    const dir = project({ 'src/users.ts': LEAKY });
    const r = cli(dir, 'run', 'release-in-finally', 'src');
    expect(r.code).toBe(0);
    expect(read(dir, 'src/users.ts')).toContain('} finally {\n    client.release();\n  }');
    expect(r.stdout).toMatch(/changed: 1 \(written: 1\)/);
  });

  it('--json prints exactly one JSON document with files, findings and summary', () => {
    const dir = project({ 'a.ts': LEAKY, 'b.ts': ESCAPING, 'c.ts': CLEAN, 'd.ts': 'export const x = 1;\n' });
    const r = cli(dir, 'run', 'all', '.', '--dry', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['files', 'summary']);
    const byPath = Object.fromEntries(doc.files.map((f: { path: string }) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['a.ts', 'b.ts']);
    expect(byPath['a.ts']).toMatchObject({ changed: true, findings: [] });
    expect(byPath['b.ts'].changed).toBe(false);
    expect(byPath['b.ts'].findings).toEqual([
      expect.objectContaining({ transform: 'release-in-finally', line: 7, column: 10, question: 2, reason: 'escapes-return', message: expect.stringContaining('returned') }),
    ]);
    expect(doc.summary).toMatchObject({ scanned: 4, skipped: 1, changed: 1, errors: 0, findings: { 'release-in-finally': 1 } });
  });

  it('--check exits 1 when something would change or a finding remains, 0 when clean', () => {
    expect(cli(project({ 'a.ts': LEAKY }), 'run', 'all', '.', '--check').code).toBe(1);
    expect(cli(project({ 'b.ts': ESCAPING }), 'run', 'all', '.', '--check').code).toBe(1);
    const clean = project({ 'c.ts': CLEAN });
    expect(cli(clean, 'run', 'all', '.', '--check').code).toBe(0);
    expect(read(clean, 'c.ts')).toBe(CLEAN);
  });

  it('exits 2 on usage errors', () => {
    const dir = project({ 'a.ts': LEAKY });
    for (const args of [['run', 'no-such-transform', '.'], ['run', 'all'], ['frobnicate'], ['run', 'all', 'missing-dir'], ['run', 'all', '.', '--style', 'weird'], ['run', 'all', '.', '--patch', 'x.patch']]) {
      const r = cli(dir, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/pool-codemod|Unknown|Invalid|Not enough/i);
    }
    expect(read(dir, 'a.ts')).toBe(LEAKY);
  });

  it('a file with a syntax error is reported (exit 2) while the others are still rewritten', () => {
    const dir = project({ 'good.ts': LEAKY, 'broken.ts': "import { Pool } from 'pg';\nexport async function f( {\n  const c = await pool.connect();\n" });
    const r = cli(dir, 'run', 'all', '.', '--allow-dirty');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/broken\.ts: error: cannot parse/);
    expect(read(dir, 'good.ts')).toContain('} finally {');
    expect(read(dir, 'broken.ts')).toContain('f( {');
  });

  it('refuses to write into a dirty git work tree unless --allow-dirty', () => {
    const dir = project({ 'a.ts': LEAKY, 'notes.txt': 'x' }, true);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'changed');
    const refused = cli(dir, 'run', 'all', '.');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/uncommitted changes[\s\S]*notes\.txt[\s\S]*--allow-dirty/);
    expect(read(dir, 'a.ts')).toBe(LEAKY);
    // --dry never writes, so it needs no clean tree.
    expect(cli(dir, 'run', 'all', '.', '--dry').code).toBe(0);
    const allowed = cli(dir, 'run', 'all', '.', '--allow-dirty');
    expect(allowed.code).toBe(0);
    expect(read(dir, 'a.ts')).toContain('} finally {');
  });

  it('--patch writes a patch that git apply accepts', () => {
    const dir = project({ 'src/a.ts': LEAKY, 'src/b.ts': LEAKY.replace('count', 'total') }, true);
    const r = cli(dir, 'run', 'all', 'src', '--dry', '--patch', 'change.patch');
    expect(r.code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(LEAKY);
    execFileSync('git', ['apply', '--check', 'change.patch'], { cwd: dir });
    execFileSync('git', ['apply', 'change.patch'], { cwd: dir });
    const written = project({ 'src/a.ts': LEAKY, 'src/b.ts': LEAKY.replace('count', 'total') });
    cli(written, 'run', 'all', 'src');
    expect(read(dir, 'src/a.ts')).toBe(read(written, 'src/a.ts'));
    expect(read(dir, 'src/b.ts')).toBe(read(written, 'src/b.ts'));
  });

  it('keeps CRLF line endings, a BOM and a shebang, and every untouched line', () => {
    const source = `#!/usr/bin/env node\n// header comment\n${LEAKY}\nexport const untouched   =   { a:1 };\n`;
    const crlf = `\uFEFF${source.replace(/\n/g, '\r\n')}`;
    const dir = project({ 'a.ts': crlf });
    expect(cli(dir, 'run', 'all', '.').code).toBe(0);
    const out = read(dir, 'a.ts');
    expect(out.startsWith('\uFEFF#!/usr/bin/env node\r\n// header comment\r\n')).toBe(true);
    expect(out).toContain('} finally {\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('export const untouched   =   { a:1 };\r\n');
  });

  it('skips node_modules, .gitignored files, --ignore globs and declaration files', () => {
    const dir = project({
      'node_modules/x/a.js': LEAKY,
      'gen/a.ts': LEAKY,
      '.gitignore': 'gen/\n',
      'legacy/a.ts': LEAKY,
      'types.d.ts': LEAKY,
      'src/a.ts': LEAKY,
    });
    const r = cli(dir, 'run', 'all', '.', '--dry', '--json', '--ignore', 'legacy/**');
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['src/a.ts']);
  });

  it('formats changed files with prettier only where the project has a config (--format auto)', () => {
    const ugly = LEAKY.replace("'SELECT count(*) FROM users'", '"SELECT count(*) FROM users"');
    const without = project({ 'a.ts': ugly, 'b.ts': CLEAN.replace('return', 'return  ') });
    cli(without, 'run', 'all', '.');
    expect(read(without, 'a.ts')).toContain('"SELECT count(*) FROM users"');
    const withConfig = project({ 'a.ts': ugly, 'b.ts': CLEAN.replace('return', 'return  '), '.prettierrc': '{ "singleQuote": true }' });
    cli(withConfig, 'run', 'all', '.');
    expect(read(withConfig, 'a.ts')).toContain("'SELECT count(*) FROM users'");
    // Untouched files are never reformatted.
    expect(read(withConfig, 'b.ts')).toContain('return  ');
  });
});

describe('pool-codemod list', () => {
  it('--json lists every transform with id, title, anti-pattern, question and options', () => {
    const r = cli(os.tmpdir(), 'list', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toContainEqual(expect.objectContaining({ id: 'release-in-finally', antiPattern: 2, question: 2, options: expect.any(Array) }));
  });
});

describe('pool-codemod run --style helper', () => {
  const USERS = `import { pool } from './db';

export async function getUser(id: number) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return rows[0];
}
`;
  const DB = `import { Pool } from 'pg';

export const pool = new Pool();
`;

  it('writes the helper once, beside the module that defines the pool, and imports it with a relative path', () => {
    const dir = project({ 'src/db/index.ts': DB, 'src/routes/users.ts': USERS, 'src/routes/admins.ts': USERS.replace('getUser', 'getAdmin').replace("'./db'", "'../db'") });
    const r = cli(dir, 'run', 'all', 'src', '--style', 'helper');
    expect(r.code).toBe(0);
    const helper = read(dir, 'src/db/pool-helpers.ts');
    expect(helper.match(/export async function withClient/g)).toHaveLength(1);
    expect(helper).toContain("import type { Pool as PgPool, PoolClient } from 'pg';");
    expect(read(dir, 'src/routes/admins.ts')).toContain("import { withClient } from '../db/pool-helpers';");
    expect(read(dir, 'src/routes/admins.ts')).toContain('return withClient(pool, async (client) => {');
    // A second run finds nothing left to do.
    const again = cli(dir, 'run', 'all', 'src', '--style', 'helper', '--check');
    expect(again.code).toBe(0);
  });

  it('reuses a helper the project already exports, and adds a .js suffix where the project resolves NodeNext', () => {
    const existing = `import type { Pool, PoolClient } from 'pg';\n\nexport async function withClient<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {\n  const c = await pool.connect();\n  try {\n    return await fn(c);\n  } finally {\n    c.release();\n  }\n}\n`;
    const dir = project({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': '{ "compilerOptions": { "module": "nodenext" } }',
      'src/lib/scoped.ts': existing,
      'src/db.ts': DB,
      'src/users.ts': USERS.replace("'./db'", "'./db.js'"),
    });
    const r = cli(dir, 'run', 'all', 'src', '--style', 'helper', '--dry', '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['src/users.ts']);
    cli(dir, 'run', 'all', 'src', '--style', 'helper');
    expect(read(dir, 'src/users.ts')).toContain("import { withClient } from './lib/scoped.js';");
    expect(read(dir, 'src/lib/scoped.ts')).toBe(existing);
  });

  it('writes a CommonJS helper for a CommonJS JavaScript project', () => {
    const dir = project({
      'lib/db.js': "const { Pool } = require('pg');\nconst pool = new Pool();\nmodule.exports = { pool };\n",
      'lib/users.js': "const { pool } = require('./db');\n\nasync function touch(id) {\n  const c = await pool.connect();\n  await c.query('UPDATE users SET seen = now() WHERE id = $1', [id]);\n  c.release();\n}\n\nmodule.exports = { touch };\n",
    });
    expect(cli(dir, 'run', 'all', 'lib', '--style', 'helper').code).toBe(0);
    expect(read(dir, 'lib/users.js')).toContain("const { withClient } = require('./pool-helpers');");
    const helper = read(dir, 'lib/pool-helpers.js');
    expect(helper).toContain('module.exports.withClient = withClient;');
    expect(helper).not.toContain('export ');
    // The written helper really works: it releases even when the callback throws.
    const released: string[] = [];
    const mod = { exports: {} as Record<string, (...a: unknown[]) => Promise<unknown>> };
    new Function('module', 'exports', helper)(mod, mod.exports);
    const pool = { connect: async () => ({ release: () => released.push('released') }) };
    return expect(mod.exports.withClient(pool, async () => { throw new Error('boom'); })).rejects.toThrow('boom').then(() => expect(released).toEqual(['released']));
  });
});

describe('pool-codemod run at scale', () => {
  it('gives the same result in worker threads as in one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 260; i++) files[`src/m${String(i).padStart(3, '0')}.ts`] = i % 3 === 0 ? LEAKY.replace('count', `count${i}`) : i % 3 === 1 ? ESCAPING : 'export const x = 1;\n';
    const dir = project(files);
    const one = JSON.parse(cli(dir, 'run', 'all', 'src', '--dry', '--json', '--jobs', '1').stdout);
    const two = JSON.parse(cli(dir, 'run', 'all', 'src', '--dry', '--json', '--jobs', '2').stdout);
    expect(two.files).toEqual(one.files);
    expect(one.summary).toMatchObject({ scanned: 260, skipped: 86, changed: 87, errors: 0 });
    expect({ ...two.summary, elapsedMs: 0 }).toEqual({ ...one.summary, elapsedMs: 0 });
  });

  it('reports a prettier failure on the file instead of swallowing it (exit 2, file not written)', () => {
    const dir = project({ 'a.ts': LEAKY, '.prettierrc': '{ "plugins": ["prettier-plugin-that-does-not-exist"] }' });
    const r = cli(dir, 'run', 'all', '.');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/a\.ts: error: prettier failed/);
    expect(read(dir, 'a.ts')).toBe(LEAKY);
  });
});

describe('the bundled example (the README command)', () => {
  it('rewrites four files and reports six sites, writing nothing with --dry', () => {
    const root = path.join(__dirname, '..');
    const snapshot = () => execFileSync('git', ['ls-files', '-s', '--', 'examples'], { cwd: root, encoding: 'utf8' }) + execFileSync('git', ['diff', '--', 'examples'], { cwd: root, encoding: 'utf8' });
    const before = snapshot();
    const r = spawnSync(process.execPath, [BIN, 'run', 'all', 'examples/express-pg', '--dry', '--json'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    const changed = doc.files.filter((f: { changed: boolean }) => f.changed).map((f: { path: string }) => f.path);
    expect(changed).toEqual([
      'examples/express-pg/src/jobs/cleanup.js',
      'examples/express-pg/src/routes/orders.js',
      'examples/express-pg/src/routes/users.js',
      'examples/express-pg/src/services/reports.js',
    ]);
    const reasons = doc.files.flatMap((f: { findings: { reason: string }[] }) => f.findings.map((x) => x.reason)).sort();
    expect(reasons).toEqual(['callback-acquire', 'escapes-callback', 'escapes-store', 'no-shared-pool', 'transaction-without-rollback', 'unawaited-query']);
    expect(snapshot()).toBe(before);
  });
});

describe('pool-codemod run client-to-pool across files', () => {
  const HANDLER = `import { Client } from 'pg';

export async function getUser(id: number) {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  await client.end();
  return rows[0];
}
`;
  it('creates one pool module when every call site uses the same config, and imports it', () => {
    const dir = project({ 'src/routes/users.ts': HANDLER, 'src/routes/admins.ts': HANDLER.replace('getUser', 'getAdmin') });
    const r = cli(dir, 'run', 'client-to-pool', 'src');
    expect(r.code).toBe(0);
    expect(read(dir, 'src/routes/db.ts')).toBe(
      "import { Pool } from 'pg';\n\n// The one pool this project shares (written by pool-codemod client-to-pool).\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n",
    );
    for (const file of ['src/routes/users.ts', 'src/routes/admins.ts']) {
      expect(read(dir, file)).toContain("import { pool } from './db';");
      expect(read(dir, file)).toContain('await pool.query(');
      expect(read(dir, file)).not.toContain('Client');
    }
    expect(cli(dir, 'run', 'client-to-pool', 'src', '--check').code).toBe(0);
  });

  it('reuses (and exports) a module-level pool with the same config, and reports sites whose config differs', () => {
    const db = "const { Pool } = require('pg');\n\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL });\n\nmodule.exports = { ping: () => pool.query('SELECT 1') };\n";
    const cjs = HANDLER.replace("import { Client } from 'pg';", "const { Client } = require('pg');").replace('export async function', 'async function') + 'module.exports = { getUser };\n';
    const other = cjs.replace('{ connectionString: process.env.DATABASE_URL }', '{ connectionString: process.env.REPORTING_URL }').replace('getUser', 'report');
    const dir = project({ 'lib/db.js': db, 'lib/users.js': cjs, 'lib/reports.js': other });
    const r = cli(dir, 'run', 'client-to-pool', 'lib', '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc.files.find((f: { path: string }) => f.path === 'lib/reports.js').findings).toEqual([expect.objectContaining({ reason: 'no-shared-pool' })]);
    expect(read(dir, 'lib/db.js')).toBe(`${db}\nmodule.exports.pool = pool;\n`);
    expect(read(dir, 'lib/users.js')).toContain("const { pool } = require('./db');");
    expect(read(dir, 'lib/reports.js')).toBe(other);
    // The rewritten module really gets the pool from db.js.
    const users = read(dir, 'lib/users.js');
    expect(users).toContain('await pool.query(');
  });
});

describe('pool-codemod run split-io', () => {
  const HELD = `import { Pool } from 'pg';
import { notify } from './notify';

const pool = new Pool();

export async function ship(id: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM orders WHERE id = $1', [id]);
    await notify(rows[0]);
    await client.query("UPDATE orders SET state = 'shipped' WHERE id = $1", [id]);
  } finally {
    client.release();
  }
}
`;
  it('treats callees named by --io-callee or pool-codemod.config.json as I/O', () => {
    const plain = project({ 'package.json': '{}', 'a.ts': HELD });
    expect(cli(plain, 'run', 'split-io', '.', '--check').code).toBe(0);
    expect(cli(plain, 'run', 'split-io', '.', '--check', '--io-callee', 'notify').code).toBe(1);
    const configured = project({ 'package.json': '{}', 'pool-codemod.config.json': '{ "ioCallees": ["notify"] }', 'a.ts': HELD });
    expect(cli(configured, 'run', 'split-io', '.').code).toBe(0);
    expect(read(configured, 'a.ts')).toContain("await pool.query('SELECT * FROM orders WHERE id = $1', [id]);");
    expect(read(configured, 'a.ts')).not.toContain('pool.connect()');
  });
});

describe('pool-codemod run split-io across files', () => {
  it('reports a held section awaiting an imported function that takes its own connection from the same pool', () => {
    const dir = project({
      'package.json': '{}',
      'src/db.ts': "import { Pool } from 'pg';\n\nexport const pool = new Pool();\nexport const reporting = new Pool();\n",
      'src/audit.ts': "import { pool, reporting } from './db';\n\nexport async function audit(event: string) {\n  await pool.query('INSERT INTO audit (event) VALUES ($1)', [event]);\n}\n\nexport async function report(event: string) {\n  await reporting.query('INSERT INTO log (event) VALUES ($1)', [event]);\n}\n",
      'src/users.ts':
        "import { audit, report } from './audit';\nimport { pool } from './db';\n\nexport async function remove(id: number) {\n  const client = await pool.connect();\n  try {\n    await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')]);\n    await report('other pool: fine');\n    await audit(`removed ${id}`);\n  } finally {\n    client.release();\n  }\n}\n",
    });
    const doc = JSON.parse(cli(dir, 'run', 'split-io', 'src', '--dry', '--json').stdout);
    const findings = doc.files.flatMap((f: { findings: object[] }) => f.findings);
    expect(findings).toEqual([expect.objectContaining({ transform: 'split-io', reason: 'nested-acquire', line: 9, message: expect.stringContaining('`audit()` (imported)') })]);
  });
});

describe('pool-codemod run split-io with types', () => {
  it('counts an awaited call on an object typed by an HTTP package as I/O, whatever it is called', () => {
    const source = `import type { AxiosInstance } from 'axios';
import type { Pool } from 'pg';

export class Webhooks {
  constructor(private readonly transport: AxiosInstance, private readonly pool: Pool) {}

  async deliver(id: number) {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query('SELECT url, body FROM hooks WHERE id = $1', [id]);
      await this.transport.post(rows[0].url, rows[0].body);
      await client.query('UPDATE hooks SET sent = true WHERE id = $1', [id]);
    } finally {
      client.release();
    }
  }
}
`;
    // Inside the repository (gitignored), so axios and pg types resolve from its node_modules.
    const dir = path.join(__dirname, 'projects', '.tmp', `io-types-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true, "module": "commonjs", "target": "es2022", "skipLibCheck": true } }');
    fs.writeFileSync(path.join(dir, 'src', 'hooks.ts'), source);
    const r = cli(dir, 'run', 'split-io', 'src', '--allow-dirty');
    expect(r.code).toBe(0);
    const out = fs.readFileSync(path.join(dir, 'src', 'hooks.ts'), 'utf8');
    expect(out).toContain("await this.pool.query('SELECT url, body FROM hooks WHERE id = $1', [id]);");
    expect(out).not.toContain('this.pool.connect()');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
