/**
 * The CLI as a user runs it: the built launcher in a child process, on
 * throwaway directories. Each fault a new user hit (issue 9's list) has its
 * case here: unwritable places, symlinks, broken config, mixed line endings,
 * no git, read-only files, bad flag values, non-UTF-8 files, interrupted runs,
 * and one JSON document on every path.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVIEW_QUESTIONS } from '../src/engine/scorecard';
import { BIN, CLEAN, ESCAPING, LEAKY, cli, project, read } from './support/cli';

describe('pool-codemod run', () => {
  it('--dry writes nothing and prints a unified diff; findings and summary go to stderr', () => {
    const dir = project({ 'src/users.ts': LEAKY });
    const r = cli(dir, 'run', 'all', 'src', '--dry');
    expect(r.code).toBe(0);
    expect(read(dir, 'src/users.ts')).toBe(LEAKY);
    expect(r.stdout).toContain('--- a/src/users.ts\n+++ b/src/users.ts');
    expect(r.stdout).toContain('+  } finally {');
    expect(r.stdout).toContain('-  client.release();');
    expect(r.stderr).toMatch(/files: 1 found, 1 analysed/);
    expect(r.stderr).toMatch(/would change: 1; fixes: release-in-finally 1/);
  });

  it('writes the rewrite in place and prints a summary', () => {
    const dir = project({ 'src/users.ts': LEAKY });
    const r = cli(dir, 'run', 'release-in-finally', 'src');
    expect(r.code).toBe(0);
    expect(read(dir, 'src/users.ts')).toContain('} finally {\n    client.release();\n  }');
    expect(r.stdout).toMatch(/changed: 1, written: 1/);
    expect(r.stderr).toMatch(
      /not under version control; to undo this run: cd .* && git apply -R .*pool-codemod-undo-\d+\.patch/,
    );
    const patch = /git apply -R (\S+)/.exec(r.stderr)![1];
    // The undo patch really undoes the run.
    execFileSync('git', ['apply', '-R', patch], { cwd: dir });
    expect(read(dir, 'src/users.ts')).toBe(LEAKY);
  });

  it('--json prints one versioned document with files, fixes, findings (message ids and data) and summary', () => {
    const dir = project({ 'a.ts': LEAKY, 'b.ts': ESCAPING, 'c.ts': CLEAN, 'd.ts': 'export const x = 1;\n' });
    const r = cli(dir, 'run', 'release-in-finally', '.', '--dry', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'pool-codemod' },
      command: 'run',
      dry: true,
      exitCode: 0,
    });
    const byPath = Object.fromEntries(doc.files.map((f: { path: string }) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['a.ts', 'b.ts']);
    expect(byPath['a.ts']).toMatchObject({
      status: 'changed',
      written: false,
      findings: [],
      fixes: [{ transform: 'release-in-finally', messageId: 'leak', line: 5, column: 3 }],
    });
    expect(byPath['b.ts'].findings).toEqual([
      expect.objectContaining({
        transform: 'release-in-finally',
        messageId: 'escapes-return',
        line: 7,
        column: 10,
        severity: 'warning',
        question: 2,
        data: expect.objectContaining({ client: 'client' }),
        message: expect.stringContaining('returned'),
      }),
    ]);
    expect(doc.summary).toMatchObject({
      files: 4,
      analysed: 3,
      skipped: { prefilter: 1 },
      changed: 1,
      errors: 0,
      findings: { 'release-in-finally': 1 },
    });
  });

  it('--check exits 1 when something would change or a finding remains, 0 when clean', () => {
    expect(cli(project({ 'a.ts': LEAKY }), 'run', 'release-in-finally', '.', '--check').code).toBe(1);
    expect(cli(project({ 'b.ts': ESCAPING }), 'run', 'release-in-finally', '.', '--check').code).toBe(1);
    const clean = project({ 'c.ts': CLEAN });
    expect(cli(clean, 'run', 'release-in-finally', '.', '--check').code).toBe(0);
    expect(read(clean, 'c.ts')).toBe(CLEAN);
  });

  it('exits 2 on usage errors, naming the flag and the values it takes', () => {
    const dir = project({ 'a.ts': LEAKY });
    const cases: [string[], RegExp][] = [
      [['run', 'no-such-transform', '.'], /unknown transform "no-such-transform"/],
      [['run', 'all'], /Not enough/],
      [['frobnicate'], /Unknown/],
      [['run', 'all', 'missing-dir'], /no such file or directory: missing-dir/],
      [['run', 'all', '.', '--style', 'weird'], /--style must be one of try-finally, helper, using, got "weird"/],
      [['run', 'all', '.', '--patch', 'x.patch'], /--patch needs --dry/],
      [['run', 'all', '.', '--jobs', 'abc'], /--jobs must be a whole number from 1 to 64, got "abc"/],
      [['run', 'all', '.', '--jobs', '0'], /--jobs must be a whole number/],
      [['run', 'all', '.', '--jobs', '-3'], /--jobs must be a whole number/],
      [['run', 'all', '.', '--jobs', '100000'], /--jobs must be a whole number/],
      [['run', 'all', '.', '--max-file-size', '1MB'], /--max-file-size must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const r = cli(dir, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(read(dir, 'a.ts')).toBe(LEAKY);
  });

  it('prints exactly one JSON document on every path: usage error, refusal, failed files', () => {
    const dir = project({ 'a.ts': LEAKY, 'notes.txt': 'x' }, true);
    const usage = JSON.parse(cli(dir, 'run', 'nope', '.', '--json').stdout);
    expect(usage).toMatchObject({
      schemaVersion: 1,
      exitCode: 2,
      error: { kind: 'usage', message: expect.stringContaining('"nope"') },
    });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'changed');
    const refused = cli(dir, 'run', 'all', '.', '--json');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      exitCode: 2,
      error: { kind: 'refused', message: expect.stringContaining('uncommitted changes') },
    });
    const badConfig = project({ 'pool-codemod.config.json': '{ "styel": "helper" }', 'a.ts': LEAKY });
    const config = cli(badConfig, 'run', 'all', '.', '--json', '--dry');
    expect(config.code).toBe(2);
    expect(JSON.parse(config.stdout)).toMatchObject({
      error: {
        kind: 'usage',
        message: expect.stringMatching(/pool-codemod\.config\.json: unknown option "styel" \(did you mean "style"\?\)/),
      },
    });
  });

  it('a file with a syntax error is named (exit 4: others were written), and the others are rewritten', () => {
    const dir = project({
      'good.ts': LEAKY,
      'broken.ts': "import { Pool } from 'pg';\nexport async function f( {\n  const c = await pool.connect();\n",
    });
    const r = cli(dir, 'run', 'all', '.');
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/broken\.ts: error: cannot parse: .*\(line 3, column/);
    expect(read(dir, 'good.ts')).toContain('} finally {');
    expect(read(dir, 'broken.ts')).toContain('f( {');
    // Dry, nothing is written: exit 3.
    expect(cli(project({ 'broken.ts': 'pool.connect( {\n' }), 'run', 'all', '.', '--dry').code).toBe(3);
  });

  it('refuses to write into a dirty git work tree unless --allow-dirty', () => {
    const dir = project({ 'a.ts': LEAKY, 'notes.txt': 'x' }, true);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'changed');
    const refused = cli(dir, 'run', 'all', '.');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/uncommitted changes[\s\S]*notes\.txt[\s\S]*--allow-dirty/);
    expect(read(dir, 'a.ts')).toBe(LEAKY);
    expect(cli(dir, 'run', 'all', '.', '--dry').code).toBe(0);
    const allowed = cli(dir, 'run', 'all', '.', '--allow-dirty');
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).not.toMatch(/version control/);
    expect(read(dir, 'a.ts')).toContain('} finally {');
  });

  it('a pool module the run writes is read by the other transforms in the same run: a second run changes nothing', () => {
    const perCall = (name: string) =>
      `const { Client } = require('pg')\n\nasync function ${name}(id) {\n  const client = new Client({ database: 'app' })\n  await client.connect()\n  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id])\n  await client.end()\n  return rows[0]\n}\n\nmodule.exports = { ${name} }\n`;
    const dir = project({ 'users.js': perCall('getUser'), 'orders.js': perCall('getOrder') }, true);
    const first = JSON.parse(cli(dir, 'run', 'all', '.', '--json').stdout);
    const db = first.files.find((f: { path: string }) => f.path === 'db.js');
    expect(db.status).toBe('created');
    // The new pool gets its acquire and statement timeouts and its error listener now, not on a second run.
    expect(db.fixes.map((f: { transform: string }) => f.transform).sort()).toEqual([
      'acquire-timeout',
      'pool-monitoring',
      'statement-timeout',
    ]);
    expect(read(dir, 'db.js')).toContain("pool.on('error', (err) => {");
    const again = JSON.parse(cli(dir, 'run', 'all', '.', '--check', '--json', '--allow-dirty').stdout);
    expect(again.summary).toMatchObject({ changed: 0, created: 0 });
  });

  it('--color and --no-color override the environment; a reader that stops early (| head) ends the run quietly', () => {
    const dir = project({ 'db.js': LEAKY }, true);
    const escapes = (args: string[], env: Record<string, string>) =>
      execFileSync(process.execPath, [BIN, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      }).split('\x1b[').length - 1;
    expect(escapes(['run', 'all', '.', '--dry'], { FORCE_COLOR: '1' })).toBeGreaterThan(0);
    expect(escapes(['run', 'all', '.', '--dry', '--no-color'], { FORCE_COLOR: '1' })).toBe(0);
    expect(escapes(['list', '--color'], { NO_COLOR: '1' })).toBeGreaterThan(0);
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" list | head -1`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(piped.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(piped.stderr).toBe('');
  });

  it('colour as the ecosystem reads it: FORCE_COLOR=0 or false turns it off, FORCE_COLOR outranks NO_COLOR, an empty NO_COLOR is unset', () => {
    const dir = project({ 'db.js': LEAKY }, true);
    const escapes = (env: Record<string, string>) =>
      execFileSync(process.execPath, [BIN, 'list'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
      }).split('\x1b[').length - 1;
    expect(escapes({ FORCE_COLOR: '0' })).toBe(0);
    expect(escapes({ FORCE_COLOR: 'false' })).toBe(0);
    expect(escapes({ FORCE_COLOR: '1', NO_COLOR: '1' })).toBeGreaterThan(0);
    expect(escapes({ FORCE_COLOR: '2' })).toBeGreaterThan(0);
  });

  it('a project that depends on a library with pools of its own (sequelize; SQLAlchemy in requirements.txt) is told the tool does not read them; one that does not, or only mentions a name in prose, is told nothing', () => {
    const warningsOf = (files: Record<string, string>) =>
      JSON.parse(cli(project(files, true), 'run', 'all', '.', '--dry', '--json').stdout).warnings as string[];
    const unread = /among this project's dependencies and makes? (its|their) own connection pools/;
    const js = warningsOf({
      'package.json': JSON.stringify({ dependencies: { pg: '^8.0.0', sequelize: '^6.0.0' } }),
      'db.js': LEAKY,
    });
    expect(js.filter((w) => unread.test(w))).toEqual([
      "`sequelize` is among this project's dependencies and makes its own connection pools, which the tool does not read: no finding here speaks for its pool settings (size, timeouts); check them by hand",
    ]);
    // PredokMiF/koa-pg-pasp-react queries through pg-async, which keeps node-postgres's pool itself.
    const wrapped = warningsOf({
      'package.json': JSON.stringify({ dependencies: { 'pg-async': '3.1.0' } }),
      'db.js': LEAKY,
    });
    expect(wrapped.filter((w) => unread.test(w))).toEqual([expect.stringMatching(/^`pg-async` is among/)]);
    const py = warningsOf({
      'requirements.txt': 'Flask==3.0.0\nSQLAlchemy[asyncio]>=2.0\npsycopg2-binary\n',
      'app.py': 'import psycopg2\n',
    });
    expect(py.filter((w) => unread.test(w))).toEqual([expect.stringMatching(/^`sqlalchemy` is among/)]);
    expect(
      warningsOf({ 'package.json': JSON.stringify({ dependencies: { pg: '^8.0.0' } }), 'db.js': LEAKY }).filter((w) =>
        unread.test(w),
      ),
    ).toEqual([]);
    const prose = warningsOf({
      'pyproject.toml':
        '[project]\nname = "x"\ndescription = "works with databases, django or not"\ndependencies = ["psycopg2"]\n',
      'app.py': 'import psycopg2\n',
    });
    expect(prose.filter((w) => unread.test(w))).toEqual([]);
    // aliousneo/fastapi_asyncpg_postgres keeps its requirements in backend/: the run is given the repository.
    const nested = warningsOf({
      'backend/requirements.txt': 'fastapi\nsqlalchemy[asyncio]\nasyncpg\n',
      'backend/app/db.py': 'import asyncpg\n',
      'web/package.json': JSON.stringify({ dependencies: { pg: '^8.0.0', knex: '^3.0.0' } }),
      'web/db.js': LEAKY,
    });
    expect(nested.filter((w) => unread.test(w))).toEqual([expect.stringMatching(/^`knex`, `sqlalchemy` are among/)]);
    // kseriakov/aiohttp-postgres-swagger lists its packages in req.txt, which is no list the tool reads: its imports say it.
    const imported = warningsOf({
      'req.txt': 'aiohttp\nSQLAlchemy\n',
      'main.py': 'import asyncpg\nfrom sqlalchemy.ext.asyncio import AsyncEngine\n',
      'purchases/service.py': 'from playhouse.pool import PooledPostgresqlDatabase\n# import django\n',
    });
    expect(imported.filter((w) => unread.test(w))).toEqual([
      expect.stringMatching(/^`sqlalchemy`, `peewee` are among/),
    ]);
    // JohannGaviria/Python-Flask-PostgreSQL-Inventario: Flask-SQLAlchemy alone, listed and imported.
    const flask = warningsOf({
      'requirements.txt': 'Flask==3.0.0\nFlask-SQLAlchemy==3.1.1\npsycopg2-binary\n',
      'src/db.py': 'from flask_sqlalchemy import SQLAlchemy\nimport psycopg2\n',
    });
    expect(flask.filter((w) => unread.test(w))).toEqual([expect.stringMatching(/^`flask-sqlalchemy` is among/)]);
    // RawPikachu/valor-lite's bot keeps an aiomysql pool (aiopg's API over PyMySQL), imported below the module's head.
    const aiomysql = warningsOf({
      'pyproject.toml': '[project]\nname = "bot"\n',
      'bot/core/sql.py':
        'import asyncio\nimport os\n\nimport aiomysql\n\n\nasync def connect():\n    return await aiomysql.create_pool()\n',
    });
    expect(aiomysql.filter((w) => unread.test(w))).toEqual([expect.stringMatching(/^`aiomysql` is among/)]);
  });

  it('a project that asks for pg before 7 is told its singleton pool (`pg.connect(config, callback)`) is not read; a range from 7 up, or one the tool cannot read, is told nothing', () => {
    const warningsOf = (pg: string) =>
      JSON.parse(
        cli(
          project({ 'package.json': JSON.stringify({ dependencies: { pg } }), 'jobs.js': LEAKY }, true),
          'run',
          'all',
          '.',
          '--dry',
          '--json',
        ).stdout,
      ).warnings as string[];
    const older = /allows versions before 7\.0\.0/;
    // noblesamurai/node-pg-jobs asks for "pg": "^6.1.5" and checks out with pg.connect(conString, cb).
    expect(warningsOf('^6.1.5').filter((w) => older.test(w))).toEqual([
      '`pg` is asked for as `^6.1.5`, which allows versions before 7.0.0. Code written for those checks connections out through the singleton pool of `pg.connect(config, callback)`, which the tool does not read, so no finding here speaks for those checkouts; check them by hand',
    ]);
    expect(warningsOf('>=6.4').filter((w) => older.test(w))).toHaveLength(1);
    for (const range of ['^7.0.0', '8.11.3', 'latest', '*'])
      expect(warningsOf(range).filter((w) => older.test(w))).toEqual([]);
  });

  it('--quiet prints errors only: no summary, no warnings, no finding below error', () => {
    const dir = project({ 'db.js': LEAKY, 'more.js': ESCAPING.replace('pool', 'other') }, true);
    const loud = cli(dir, 'audit', '.');
    const quiet = cli(dir, 'audit', '.', '--quiet');
    expect(loud.stdout).toMatch(/warning|note/);
    const lines = quiet.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => / error .*\[[\w-]+\/[\w-]+, Q\d\]$/.test(l))).toBe(true);
    expect(quiet.stderr).toBe('');
    const run = cli(dir, 'run', 'all', '.', '--dry', '--quiet');
    expect(run.stdout).toContain('+++ b/db.js');
    expect(run.stderr).not.toMatch(/would change|files:|warning/);
  });

  it('the review questions are printed in full by audit --help and listed in the README; no user-facing text says "seed"', () => {
    const root = path.join(__dirname, '..');
    const help = cli(os.tmpdir(), 'audit', '--help').stdout;
    const readme = read(root, 'README.md');
    for (const [n, question] of Object.entries(REVIEW_QUESTIONS)) {
      expect(help).toContain(`${n}. ${question}`);
      expect(readme).toContain(`${n}. ${question}`);
    }
    const texts = [
      readme,
      read(root, 'CHANGELOG.md'),
      read(root, 'action.yml'),
      read(root, '.pre-commit-hooks.yaml'),
      ...fs.readdirSync(path.join(root, 'schema')).map((f) => read(path.join(root, 'schema'), f)),
      ...fs
        .readdirSync(path.join(root, 'docs', 'transforms'))
        .map((f) => read(path.join(root, 'docs', 'transforms'), f)),
      read(path.join(root, 'docs'), 'compatibility.md'),
      cli(os.tmpdir(), 'list').stdout,
      ...['run', 'audit', 'fleet', 'list', 'pgbouncer-config'].map((c) => cli(os.tmpdir(), c, '--help').stdout),
    ];
    for (const text of texts) expect(text).not.toMatch(/\bseed\b/i);
  });

  it('--version prints the package version; every command has examples in its --help; completion prints a script', () => {
    const version = (JSON.parse(read(path.join(__dirname, '..'), 'package.json')) as { version: string }).version;
    expect(cli(os.tmpdir(), '--version').stdout.trim()).toBe(version);
    for (const command of ['run', 'audit', 'fleet', 'list', 'pgbouncer-config']) {
      const help = cli(os.tmpdir(), command, '--help').stdout;
      expect(help, command).toMatch(new RegExp(`Examples:\\n  pool-codemod ${command}`));
    }
    expect(cli(os.tmpdir(), 'completion').stdout).toMatch(/pool-codemod --get-yargs-completions/);
    const usage = cli(os.tmpdir(), 'run', 'all');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Run `pool-codemod run --help` for usage and examples.');
  });

  it('the pool module takes a config written inline in a handler at the margin: properties one step in, the brace closing at column 0 (spaces and tabs)', () => {
    const handler = (step: string) =>
      `const mysql = require("mysql2/promise");\n\nasync function getUser(id) {\n${step}const conn = await mysql.createConnection({\n${step}${step}host: "localhost",\n${step}${step}database: "app",\n${step}});\n${step}const [rows] = await conn.query("SELECT * FROM users WHERE id = ?", [id]);\n${step}await conn.end();\n${step}return rows[0];\n}\n\nmodule.exports = { getUser };\n`;
    for (const step of ['  ', '\t']) {
      const dir = project({ 'users.js': handler(step) });
      expect(cli(dir, 'run', 'client-to-pool', '.').code).toBe(0);
      expect(read(dir, 'db.js')).toContain(
        `const pool = mysql.createPool({\n${step}host: "localhost",\n${step}database: "app",\n});\n`,
      );
    }
  });

  it('--patch writes a patch that git apply accepts, even with a directory symlink in the tree', () => {
    const dir = project({ 'src/a.ts': LEAKY, 'src/b.ts': LEAKY.replace('count', 'total') }, true);
    fs.symlinkSync(path.join(dir, 'src'), path.join(dir, 'src', 'again'));
    const r = cli(dir, 'run', 'all', '.', '--dry', '--patch', 'change.patch', '--json');
    expect(r.code).toBe(0);
    // Each real file once, under its own name.
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(['src/a.ts', 'src/b.ts']);
    expect(read(dir, 'src/a.ts')).toBe(LEAKY);
    execFileSync('git', ['apply', '--check', 'change.patch'], { cwd: dir });
    execFileSync('git', ['apply', 'change.patch'], { cwd: dir });
    const written = project({ 'src/a.ts': LEAKY, 'src/b.ts': LEAKY.replace('count', 'total') });
    cli(written, 'run', 'all', 'src');
    expect(read(dir, 'src/a.ts')).toBe(read(written, 'src/a.ts'));
    expect(read(dir, 'src/b.ts')).toBe(read(written, 'src/b.ts'));
  });

  it('keeps CRLF, a BOM, a shebang and every untouched line; mixed line endings keep their \\r', () => {
    const source = `#!/usr/bin/env node\n// header comment\n${LEAKY}\nexport const untouched   =   { a:1 };\n`;
    const crlf = `\uFEFF${source.replace(/\n/g, '\r\n')}`;
    const dir = project({ 'a.ts': crlf });
    expect(cli(dir, 'run', 'release-in-finally', '.').code).toBe(0);
    const out = read(dir, 'a.ts');
    expect(out.startsWith('\uFEFF#!/usr/bin/env node\r\n// header comment\r\n')).toBe(true);
    expect(out).toContain('} finally {\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('export const untouched   =   { a:1 };\r\n');
    // Mostly LF with some CRLF lines: untouched lines keep exactly what they had.
    const mixed = LEAKY.replace('const pool = new Pool();\n', 'const pool = new Pool();\r\n') + '// trailing\r\n';
    const m = project({ 'm.ts': mixed });
    cli(m, 'run', 'release-in-finally', '.');
    const after = read(m, 'm.ts');
    expect(after).toContain('const pool = new Pool();\r\n');
    expect(after).toContain('// trailing\r\n');
    expect(after).toContain('} finally {\n');
  });

  it('leaves a file that is not UTF-8 byte-for-byte alone, and says why', () => {
    const latin1 = Buffer.from(`// caf\xe9\n${LEAKY}`, 'latin1');
    const dir = project({ 'a.ts': latin1 });
    const r = cli(dir, 'run', 'all', '.', '--json');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'a.ts')).equals(latin1)).toBe(true);
    expect(JSON.parse(r.stdout).files).toEqual([
      expect.objectContaining({
        path: 'a.ts',
        status: 'skipped',
        skipKind: 'encoding',
        reason: expect.stringContaining('not UTF-8'),
      }),
    ]);
  });

  it('leaves a read-only file alone and reports it (exit 3: nothing written)', () => {
    const dir = project({ 'a.ts': LEAKY });
    fs.chmodSync(path.join(dir, 'a.ts'), 0o444);
    const r = cli(dir, 'run', 'all', '.');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/a\.ts: error: the file is read-only; left alone/);
    expect(read(dir, 'a.ts')).toBe(LEAKY);
  });

  it('removes temporary files an interrupted run left before writing, and leaves none of its own', () => {
    const dir = project({ 'a.ts': LEAKY, '.a.ts.pool-codemod-99999-0.tmp': 'half-written' });
    const r = cli(dir, 'run', 'all', '.');
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.ts']);
    expect(r.stderr).toMatch(/removed 1 temporary file\(s\) left by an interrupted run/);
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
    const doc = JSON.parse(cli(dir, 'run', 'all', '.', '--dry', '--json', '--ignore', 'legacy/**').stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['src/a.ts']);
  });

  it('names files it set aside: too large, generated, minified', () => {
    const dir = project({
      'big.ts': LEAKY + `// ${'x'.repeat(3000)}\n`,
      'gen.ts': `// @generated by a tool\n${LEAKY}`,
      'ok.ts': LEAKY,
    });
    const doc = JSON.parse(cli(dir, 'run', 'all', '.', '--dry', '--json', '--max-file-size', '2000').stdout);
    const byPath = Object.fromEntries(doc.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath['big.ts']).toMatchObject({ status: 'skipped', skipKind: 'too-large' });
    expect(byPath['gen.ts']).toMatchObject({
      status: 'skipped',
      skipKind: 'generated',
      reason: expect.stringContaining('--include-generated'),
    });
    expect(byPath['ok.ts']).toMatchObject({ status: 'changed' });
    const included = JSON.parse(cli(dir, 'run', 'all', 'gen.ts', '--dry', '--json', '--include-generated').stdout);
    expect(included.files[0]).toMatchObject({ status: 'changed' });
  });

  it('gives up on a file past --file-timeout, names it, and goes on; in one thread and in workers alike', () => {
    let slow = "import { Pool } from 'pg';\nconst pool = new Pool();\n";
    for (let i = 0; i < 2000; i++)
      slow += `export async function f${i}() {\n  const c = await pool.connect();\n  await c.query('SELECT ${i}');\n  c.release();\n}\n`;
    // Enough files for the worker threads to be used (WORKER_THRESHOLD).
    const files: Record<string, string> = { 'slow.ts': slow };
    for (let i = 0; i < 220; i++) files[`src/f${i}.ts`] = i % 2 ? LEAKY : CLEAN;
    const dir = project(files);
    const docs = ['1', '2'].map((jobs) =>
      JSON.parse(
        cli(dir, 'run', 'all', '.', '--dry', '--json', '--format', 'none', '--jobs', jobs, '--file-timeout', '500')
          .stdout,
      ),
    );
    for (const doc of docs) {
      const slowFile = doc.files.find((f: { path: string }) => f.path === 'slow.ts');
      expect(slowFile).toMatchObject({ status: 'skipped', skipKind: 'timeout' });
      expect(slowFile.reason).toMatch(/--file-timeout 500 ms; left unchanged/);
      expect(doc.summary.skipped).toEqual({ timeout: 1 });
      expect(doc.summary.changed).toBe(220);
    }
    // What the threads find is what one thread finds, file for file.
    const strip = (doc: { files: unknown[] }) => JSON.stringify(doc.files);
    expect(strip(docs[1])).toBe(strip(docs[0]));
  });

  it("formats changed files with prettier only where the project has a config and the file followed it; a prettier failure is that file's error", () => {
    const ugly = LEAKY.replace("'SELECT count(*) FROM users'", '"SELECT count(*) FROM users"');
    const without = project({ 'a.ts': ugly, 'b.ts': CLEAN.replace('return', 'return  ') });
    cli(without, 'run', 'release-in-finally', '.');
    expect(read(without, 'a.ts')).toContain('"SELECT count(*) FROM users"');
    // With a config: a file that followed it is formatted after the change; one that had drifted keeps its untouched lines.
    const withConfig = project({
      'a.ts': ugly,
      'b.ts': CLEAN.replace('return', 'return  '),
      'c.ts': LEAKY,
      '.prettierrc': '{ "singleQuote": true }',
    });
    const r = cli(withConfig, 'run', 'release-in-finally', '.', '--json');
    expect(read(withConfig, 'a.ts')).toContain('"SELECT count(*) FROM users"');
    expect(read(withConfig, 'a.ts')).toContain('} finally {');
    expect(read(withConfig, 'b.ts')).toContain('return  ');
    expect(read(withConfig, 'c.ts')).toContain('} finally {');
    expect(JSON.parse(r.stdout).files[0].fixes).toEqual([expect.objectContaining({ line: 5 })]);
    // --format prettier formats every changed file, drifted or not.
    const forced = project({ 'a.ts': ugly, '.prettierrc': '{ "singleQuote": true }' });
    cli(forced, 'run', 'release-in-finally', '.', '--format', 'prettier');
    expect(read(forced, 'a.ts')).toContain("'SELECT count(*) FROM users'");
    // A plugin is the project's code: not loaded unless trusted; trusted, a plugin that fails is that file's error.
    const broken = project({ 'a.ts': LEAKY, '.prettierrc': '{ "plugins": ["prettier-plugin-that-does-not-exist"] }' });
    const untrusted = cli(broken, 'run', 'all', '.', '--dry');
    expect(untrusted.code).toBe(0);
    expect(untrusted.stderr).toMatch(/\.prettierrc: names prettier plugins \(prettier-plugin-that-does-not-exist\)/);
    const failed = cli(broken, 'run', 'all', '.', '--trust-project-code');
    expect(failed.code).toBe(3);
    expect(failed.stdout).toMatch(/a\.ts: error: prettier failed/);
    expect(read(broken, 'a.ts')).toBe(LEAKY);
  });

  it('--print-config shows the options a run would use: the config file overridden by flags', () => {
    const dir = project({ 'pool-codemod.config.json': '{ "style": "helper", "jobs": 2 }', 'a.ts': LEAKY });
    const r = cli(dir, 'run', 'all', '.', '--print-config', '--jobs', '1');
    expect(JSON.parse(r.stdout)).toEqual({
      config: path.join(fs.realpathSync(dir), 'pool-codemod.config.json'),
      options: { style: 'helper', jobs: 1 },
    });
  });
});

describe('pool-codemod --print-model', () => {
  it('shows how the project runs as the transforms read it: what runs each pool module, the entry points that load it, PgBouncer', () => {
    const pool = (name: string) =>
      `const { Pool } = require('pg');\nconst ${name} = new Pool();\nmodule.exports = ${name};\n`;
    const dir = project({
      'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
      'pgbouncer.ini': '[pgbouncer]\npool_mode = transaction\n',
      'server.js': "const db = require('./db');\nrequire('http').createServer(() => {}).listen(3000);\n",
      'db.js': pool('pool'),
      'scripts/backfill.js':
        "const { Pool } = require('pg');\nconst pool = new Pool();\nasync function main() {\n  await pool.query('SELECT 1');\n}\nmain();\n",
      'app.py': 'from psycopg_pool import ConnectionPool\n\npool = ConnectionPool("dbname=app")\n',
    });
    const r = cli(dir, 'audit', '.', '--print-model', '--instances', '3');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      modules: [
        {
          file: 'app.py',
          language: 'python',
          pools: [{ name: 'pool', driver: 'psycopg', line: 3 }],
          runs: 'serves',
          loadedBy: ['app.py'],
        },
        {
          file: 'db.js',
          language: 'js',
          pools: [{ name: 'pool', driver: 'pg', line: 2 }],
          runs: 'serves',
          loadedBy: ['server.js'],
        },
        {
          file: path.join('scripts', 'backfill.js'),
          language: 'js',
          pools: [{ name: 'pool', driver: 'pg', line: 2 }],
          runs: 'one-shot',
          loadedBy: [path.join('scripts', 'backfill.js')],
        },
      ],
      processes: null,
      nodeProcesses: null,
      instances: 3,
      behindPgbouncer: 'the project has pgbouncer.ini',
      lambda: null,
    });
  });

  it('shows the processes a Node service runs: PM2 instances, and the cluster workers of the entry point that loads a pool', () => {
    const dir = project({
      'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
      'ecosystem.config.js':
        "module.exports = { apps: [{ script: 'server.js', instances: 'max', exec_mode: 'cluster' }] };\n",
      'server.js':
        "const cluster = require('cluster');\nif (cluster.isPrimary) cluster.fork();\nelse require('./db');\n",
      'db.js': "const { Pool } = require('pg');\nmodule.exports = new Pool({ max: 5 });\n",
    });
    const model = JSON.parse(cli(dir, 'audit', '.', '--print-model').stdout);
    expect(model.nodeProcesses).toEqual({ count: null, source: "ecosystem.config.js: instances 'max'" });
    expect(model.modules[0].workers).toEqual({ count: null, source: 'server.js: cluster.fork()' });
  });

  it("shows a monorepo's shared pool module loaded through its package name, and that the project runs in AWS Lambda", () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'acme', private: true, devDependencies: { '@types/aws-lambda': '^8' } }),
      'packages/db/package.json': JSON.stringify({
        name: '@acme/db',
        main: './dist/index.js',
        dependencies: { pg: '^8' },
      }),
      'packages/db/src/index.ts': "import pg from 'pg';\nexport const pool = new pg.Pool({ max: 1 });\n",
      'functions/orders/handler.ts':
        "import { pool } from '@acme/db';\nexport const handler = async () => (await pool.query('SELECT 1')).rows;\n",
    });
    const model = JSON.parse(cli(dir, 'audit', '.', '--print-model').stdout);
    expect(model.modules).toEqual([
      {
        file: path.join('packages', 'db', 'src', 'index.ts'),
        language: 'js',
        pools: [{ name: 'pool', driver: 'pg', line: 2 }],
        runs: 'serves',
        loadedBy: [path.join('functions', 'orders', 'handler.ts')],
      },
    ]);
    expect(model.lambda).toBe('it depends on @types/aws-lambda');
  });
});

describe('pool-codemod list', () => {
  it('--json lists every transform with its meta: options schema with defaults and messages by id', () => {
    const r = cli(os.tmpdir(), 'list', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toContainEqual(
      expect.objectContaining({
        id: 'release-in-finally',
        antiPattern: 2,
        question: 2,
        fixable: true,
        options: expect.objectContaining({
          style: expect.objectContaining({
            type: 'string',
            default: 'try-finally',
            enum: ['try-finally', 'helper', 'using'],
          }),
        }),
        messages: expect.objectContaining({ leak: expect.objectContaining({ severity: 'error' }) }),
      }),
    );
  });
});

describe('pool-codemod run at scale', () => {
  it('gives the same result in worker threads as in one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 260; i++)
      files[`src/m${String(i).padStart(3, '0')}.ts`] =
        i % 3 === 0 ? LEAKY.replace('count', `count${i}`) : i % 3 === 1 ? ESCAPING : 'export const x = 1;\n';
    const dir = project(files);
    const one = JSON.parse(cli(dir, 'run', 'all', 'src', '--dry', '--json', '--jobs', '1').stdout);
    const two = JSON.parse(cli(dir, 'run', 'all', 'src', '--dry', '--json', '--jobs', '2').stdout);
    expect(two.files).toEqual(one.files);
    // Every file with a pool gets pool options (all transforms run); a third also get a finally.
    expect(one.summary).toMatchObject({
      files: 260,
      skipped: { prefilter: 86 },
      changed: 174,
      errors: 0,
      fixes: expect.objectContaining({ 'release-in-finally': 87 }),
    });
    expect({ ...two.summary, elapsedMs: 0 }).toEqual({ ...one.summary, elapsedMs: 0 });
  });

  it('loads the options validator only when an option is given, and the YAML parser only for a YAML prettier config', () => {
    // What each run loaded, written by a module preloaded into the CLI's process when it exits.
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-probe-')), 'probe.cjs');
    fs.writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n",
    );
    const loaded = (dir: string, ...args: string[]): { validator: boolean; yaml: boolean; stderr: string } => {
      const env = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--require ${probe}` };
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env });
      const modules = JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)![1]) as string[];
      return {
        validator: modules.some((m) => m.includes(`${path.sep}ajv${path.sep}`)),
        yaml: modules.some((m) => m.includes(`${path.sep}yaml${path.sep}`)),
        stderr: r.stderr,
      };
    };
    const dir = project({ 'src/users.ts': LEAKY });
    expect(loaded(dir, 'run', 'all', 'src', '--dry')).toMatchObject({ validator: false, yaml: false });
    // An option given is checked: the validator is there, and a bad value is still refused.
    expect(loaded(dir, 'run', 'all', 'src', '--dry', '--format', 'none')).toMatchObject({ validator: true });
    expect(loaded(dir, 'run', 'all', 'src', '--dry', '--format', 'nne').stderr).toContain(
      '--format must be one of auto, prettier, none, got "nne"',
    );
    fs.writeFileSync(path.join(dir, '.prettierrc.yaml'), 'singleQuote: true\n');
    expect(loaded(dir, 'run', 'all', 'src')).toMatchObject({ yaml: true });
  });
});

describe('pool-codemod pgbouncer-config', () => {
  const NAMED = `import { Pool } from 'pg';
const pool = new Pool({ max: 8, statement_timeout: 5000 });
export const byId = (id: number) => pool.query({ name: 'user-by-id', text: 'SELECT * FROM users WHERE id = $1', values: [id] });
`;

  it('sizes from the flags, lists the startup parameters the code sends, and keeps prepared statements for 1.21+', () => {
    const dir = project({ 'src/db.ts': NAMED });
    const r = cli(dir, 'pgbouncer-config', 'src', '--db-max-connections', '50', '--instances', '3', '--dry');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('default_pool_size = 24');
    expect(r.stdout).toContain('max_client_conn = 24');
    expect(r.stdout).toContain('ignore_startup_parameters = statement_timeout');
    expect(r.stdout).toMatch(/^max_prepared_statements = 200$/m);
  });

  it('for an older PgBouncer leaves out the setting it would refuse, and says what that means for the code', () => {
    const dir = project({ 'src/db.ts': NAMED });
    const r = cli(dir, 'pgbouncer-config', 'src', '--pgbouncer-version', '1.18.0', '--dry');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^max_prepared_statements/m);
    expect(r.stdout).toContain('PgBouncer 1.18 cannot keep them in transaction mode');
  });

  it('reads the code as the pgbouncer transform does: a named statement through an imported pool counts, a MySQL one does not', () => {
    const pgOnly = project({
      'package.json': JSON.stringify({ dependencies: { pg: '^8.11.0' } }),
      'src/db.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();\n",
      'src/users.js':
        "const pool = require('./db');\nexports.byId = (id) => pool.query({ name: 'user-by-id', text: 'SELECT * FROM users WHERE id = $1', values: [id] });\n",
    });
    expect(cli(pgOnly, 'pgbouncer-config', 'src', '--dry').stdout).toMatch(/^max_prepared_statements = 200$/m);
    const mysql = project({
      'src/db.js':
        "const mysql = require('mysql2');\nconst pool = mysql.createPool({});\nexports.byId = (id) => pool.query({ name: 'x', sql: 'SELECT 1' });\nexports.pg = require('pg');\n",
    });
    expect(cli(mysql, 'pgbouncer-config', 'src', '--dry').stdout).not.toContain('prepared');
  });

  it("reads Python too: asyncpg's statement cache keeps prepared statements, server_settings PgBouncer does not track are listed, a pool's size counts", () => {
    const dir = project({
      'src/db.py':
        'import asyncpg\n\n\nasync def init():\n    return await asyncpg.create_pool(max_size=15, server_settings={"search_path": "app", "application_name": "api"})\n',
    });
    const r = cli(dir, 'pgbouncer-config', 'src', '--db-max-connections', '100', '--instances', '2', '--dry');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ignore_startup_parameters = search_path\n');
    expect(r.stdout).toMatch(/^max_prepared_statements = 200$/m);
    expect(r.stdout).toContain('2 application instance(s) with pools of 15');
  });

  it('a project without named statements gets no prepared-statement setting; a bad version is a usage error', () => {
    const dir = project({ 'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n" });
    expect(cli(dir, 'pgbouncer-config', 'src', '--dry').stdout).not.toContain('prepared');
    const bad = cli(dir, 'pgbouncer-config', 'src', '--pgbouncer-version', 'latest', '--dry');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--pgbouncer-version must be a release such as 1.21');
  });
});
