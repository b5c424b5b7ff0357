/** Engine pieces: options and config validation, the pass loop, file finding, and all-or-nothing writes. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import traverse from '@babel/traverse';
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../src/core/errors';
import { validateOptions } from '../src/core/options';
import { DataScan, emptyScanData } from '../src/core/facts';
import { type FileResult, defineMeta, defineTransform, languageParts } from '../src/core/types';
import { JS_FRONT_END } from '../src/frontends/js/front-end';
import { PY_FRONT_END } from '../src/frontends/python/front-end';
import { allOptionSpecs, loadConfig } from '../src/engine/config';
import { findFiles } from '../src/engine/find-files';
import { betweenFiles } from '../src/engine/file-task';
import { FLOOR, boundHeap } from '../src/engine/heap';
import { processFile } from '../src/engine/process-file';
import { removeStaleTemps, writeAll, writeSets } from '../src/engine/write';
import { run } from '../src/index';
import { planPools, readsOnlyWhatAModuleHas } from '../src/frontends/js/scan/pools';
import type { FileSummary } from '../src/frontends/js/scan/summary';
import { TRANSFORMS } from '../src/registry';
import { projectInfo } from '../src/project/package-info';

function tmp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-engine-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const MiB = 1024 * 1024;
const used = () => v8.getHeapStatistics().used_heap_size;
// Arrays of 8 MB (one million small integers) until the heap is past `past`: V8 puts them in the old generation at once.
const fillTo = (past: number) => {
  const arrays: number[][] = [];
  while (used() <= past) arrays.push(new Array(1_000_000).fill(arrays.length));
  return arrays;
};
// Dropped on return, as a finished file's tree is: garbage no young-generation collection frees.
const leaveGarbageTo = (past: number) => fillTo(past).length;

describe('options', () => {
  const specs = allOptionSpecs(TRANSFORMS);

  it('name the bad key, what it may be, and what it got', () => {
    expect(() => validateOptions({ jobs: 'abc' }, specs, 'flag')).toThrow(
      '--jobs must be a whole number from 1 to 64, got "abc"',
    );
    expect(() => validateOptions({ jobs: 0 }, specs, 'flag')).toThrow(
      /--jobs must be a whole number from 1 to 64, got 0/,
    );
    expect(() => validateOptions({ jobs: 100000 }, specs, 'flag')).toThrow(/--jobs/);
    expect(() => validateOptions({ style: 'weird' }, specs, 'flag')).toThrow(
      '--style must be one of try-finally, helper, using, got "weird"',
    );
    expect(() => validateOptions({ stlye: 'helper' }, specs, 'x.json')).toThrow(
      /unknown option "stlye" \(did you mean "style"\?\)/,
    );
    expect(() => validateOptions({ ignore: 'dist' }, specs, 'x.json')).toThrow(
      /"ignore" must be a list of strings, got "dist"/,
    );
    expect(() => validateOptions({ style: 'helper', jobs: 2 }, specs, 'flag')).not.toThrow();
  });

  it('a shared option (style) is one spec for every transform that reads it', () => {
    const owners = TRANSFORMS.filter((t) => 'style' in t.meta.options);
    expect(owners.length).toBeGreaterThanOrEqual(1);
    for (const t of owners) expect(t.meta.options.style).toBe(specs.style);
  });
});

describe('config file', () => {
  it('is found above the paths, in pool-codemod.config.json or package.json, and validated', () => {
    const dir = tmp({ 'pool-codemod.config.json': '{ "style": "helper", "ignore": ["gen/**"] }', 'src/a.ts': '' });
    expect(loadConfig([path.join(dir, 'src')], TRANSFORMS)).toMatchObject({
      file: path.join(dir, 'pool-codemod.config.json'),
      values: { style: 'helper', ignore: ['gen/**'] },
    });
    const pkg = tmp({ 'package.json': '{ "name": "x", "pool-codemod": { "jobs": 2 } }', 'a.ts': '' });
    expect(loadConfig([pkg], TRANSFORMS).values).toEqual({ jobs: 2 });
  });

  it('a malformed config is a usage error that names the file and the key', () => {
    const bad = tmp({ 'pool-codemod.config.json': '{ "style": "helper", }' });
    expect(() => loadConfig([bad], TRANSFORMS)).toThrow(UsageError);
    expect(() => loadConfig([bad], TRANSFORMS)).toThrow(/pool-codemod\.config\.json: not valid JSON/);
    const misspelt = tmp({ 'pool-codemod.config.json': '{ "ioCallee": ["sendEmail"] }' });
    expect(() => loadConfig([misspelt], TRANSFORMS)).toThrow(/unknown option "ioCallee"/);
    const wrongKind = tmp({ 'pool-codemod.config.json': '{ "ioCallees": "sendEmail" }' });
    expect(() => loadConfig([wrongKind], TRANSFORMS)).toThrow(/"ioCallees" must be a list of strings, got "sendEmail"/);
  });
});

describe('the pass loop', () => {
  // A toy transform: each `x` identifier becomes `y`, one per pass when two overlap.
  const toyMeta = defineMeta({
    id: 'toy',
    title: 'toy',
    antiPattern: 1,
    question: 1,
    fixable: true,
    docs: { summary: '', description: '' },
    options: {},
    prefilter: { js: [/x/] },
    messages: { x: { text: 'x found', severity: 'note' } },
  });
  const rename = defineTransform({
    meta: toyMeta,
    languages: {
      js: languageParts('js', toyMeta, {
        detect: (ctx) =>
          ctx.facts.declarators
            .filter((d) => ctx.text.slice(d.node.id.start ?? 0, d.node.id.end ?? 0) === 'x')
            .map((d) => ({ start: d.node.id.start ?? 0, end: d.node.id.end ?? 0 })),
        gate: (site) => ({ kind: 'fix', plan: site, report: { messageId: 'x', at: site } }),
        fix: (plan) => ({ edits: [{ start: plan.start, end: plan.end, text: 'y' }] }),
      }),
    },
  });
  const js = { frontEnd: JS_FRONT_END, scan: emptyScanData() };
  const renaming = (text: string, boundHeap = false) =>
    processFile({
      path: '/a.js',
      text,
      ...js,
      transforms: [rename],
      options: {},
      scanComplete: true,
      mode: 'run',
      project: { root: '/', dependencies: {}, esm: false },
      ...(boundHeap ? { boundHeap } : {}),
    });

  it('applies fixes, re-parses, and stops at a fixed point; fix positions refer to the new text', () => {
    const outcome = renaming('let x = 1;\nlet z = 2;\n');
    expect(outcome).toMatchObject({
      kind: 'done',
      text: 'let y = 1;\nlet z = 2;\n',
      fixes: [{ transform: 'toy', messageId: 'x', line: 1, column: 5 }],
    });
  });

  it("collects the garbage between passes only in a process the tool owns (the command line), not in ESLint's", () => {
    const twoPasses = (boundHeap: boolean) => renaming('let x = 1;\n', boundHeap);
    // Far past any bound the tests before may have left.
    leaveGarbageTo(used() + 256 * MiB);
    const before = used();
    expect(twoPasses(false)).toMatchObject({ kind: 'done', passes: 2 });
    expect(used()).toBeGreaterThan(before - 8 * MiB);
    expect(twoPasses(true)).toMatchObject({ kind: 'done', passes: 2 });
    expect(used()).toBeLessThan(before - 200 * MiB);
  });

  it('names the place of a syntax error and rewrites nothing', () => {
    const outcome = renaming('let x = (;\n');
    expect(outcome).toMatchObject({
      kind: 'done',
      text: 'let x = (;\n',
      error: expect.stringMatching(/cannot parse: .*\(line 1, column 10\)/),
    });
  });

  it('a transform that crashes fails its file with its name, not the run', () => {
    const brokenMeta = { ...toyMeta, id: 'broken' };
    const broken = defineTransform({
      meta: brokenMeta,
      languages: {
        js: languageParts('js', brokenMeta, {
          detect: () => [1],
          gate: () => {
            throw new Error('boom');
          },
          fix: () => ({ edits: [] }),
        }),
      },
    });
    const outcome = processFile({
      path: '/a.js',
      text: 'let x = 1;\n',
      ...js,
      transforms: [broken],
      options: {},
      scanComplete: true,
      mode: 'run',
      project: { root: '/', dependencies: {}, esm: false },
    });
    expect(outcome).toMatchObject({
      kind: 'done',
      error: expect.stringContaining('transform broken crashed: Error: boom'),
    });
  });
});

describe('finding files', () => {
  const JS_FILES = { extensions: JS_FRONT_END.extensions, isSource: JS_FRONT_END.isSource };
  it('does not follow directory symlinks, and processes each real file once', () => {
    const dir = tmp({ 'src/a.ts': 'x', 'src/b.d.ts': 'x', 'src/c.json': '{}' });
    fs.symlinkSync(path.join(dir, 'src'), path.join(dir, 'src', 'loop'));
    fs.symlinkSync(path.join(dir, 'src', 'a.ts'), path.join(dir, 'alias.ts'));
    const outside = tmp({ 'secret.ts': 'x' });
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'src', 'secret.ts'));
    // Symlinks are never followed: the loop is not walked, the alias and the file outside are not read.
    expect(findFiles([dir], JS_FILES).files).toEqual([path.join(dir, 'src', 'a.ts')]);
    // Named explicitly, a symlink out of the tree is named as left out.
    const named = findFiles([path.join(dir, 'src', 'secret.ts')], JS_FILES);
    expect(named.files).toEqual([]);
    expect(named.skipped).toEqual([
      { path: path.join(dir, 'src', 'secret.ts'), reason: expect.stringContaining('outside the paths given') },
    ]);
  });

  it('skips .gitignored paths and --ignore globs, but takes a file named explicitly', () => {
    const dir = tmp({ '.gitignore': 'gen/\n', 'gen/a.ts': 'x', 'legacy/b.ts': 'x', 'src/c.ts': 'x' });
    fs.mkdirSync(path.join(dir, '.git'));
    expect(findFiles([dir], { ...JS_FILES, ignore: ['legacy/**'] }).files).toEqual([path.join(dir, 'src', 'c.ts')]);
    expect(findFiles([path.join(dir, 'gen', 'a.ts')], JS_FILES).files).toEqual([path.join(dir, 'gen', 'a.ts')]);
  });
});

describe('installed packages', () => {
  const PY_FILES = { extensions: PY_FRONT_END.extensions, isSource: PY_FRONT_END.isSource };
  // amaudy/aws-lambda-pg's handler sits beside psycopg2 installed with `pip install --target`.
  const RECORD = 'psycopg2/__init__.py,sha256=x,100\npsycopg2/pool.py,sha256=y,200\n../../bin/tool,,\n';

  it("leaves out a pip --target bundle's packages and a committed virtualenv, keeping the project's own files", () => {
    const dir = tmp({
      'lambda/handler.py': 'import psycopg2\n',
      'lambda/psycopg2/__init__.py': '',
      'lambda/psycopg2/pool.py': 'import psycopg2\n',
      'lambda/psycopg2_binary-2.9.3.dist-info/RECORD': RECORD,
      'venv/lib/python3.11/site-packages/psycopg_pool/pool.py': 'import psycopg\n',
      'app/db.py': 'import psycopg\n',
    });
    const found = findFiles([dir], PY_FILES);
    expect(found.files).toEqual([path.join(dir, 'app', 'db.py'), path.join(dir, 'lambda', 'handler.py')]);
    expect(found.installed).toEqual([
      { dir: path.join(dir, 'lambda'), files: 2 },
      { dir: path.join(dir, 'venv', 'lib', 'python3.11', 'site-packages'), files: 1 },
    ]);
    // A site-packages directory named on the command line is read as asked.
    const site = path.join(dir, 'venv', 'lib', 'python3.11', 'site-packages');
    expect(findFiles([site], PY_FILES).files).toEqual([path.join(site, 'psycopg_pool', 'pool.py')]);
  });

  it('a run says which installed packages it left alone, and rewrites none of them', async () => {
    const leak =
      'def f(pool):\n    conn = pool.getconn()\n    conn.cursor().execute("SELECT 1")\n    pool.putconn(conn)\n';
    const dir = tmp({
      'venv/lib/python3.11/site-packages/lib/db.py': `from psycopg2.pool import ThreadedConnectionPool\n${leak}`,
      'app.py': `from psycopg2.pool import ThreadedConnectionPool\n${leak}`,
    });
    const result = await run({ transforms: ['release-in-finally'], paths: [dir], dry: true });
    expect(result.files.map((f) => path.relative(dir, f.path))).toEqual(['app.py']);
    expect(result.files[0].status).toBe('changed');
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/^1 file\(s\) of installed Python packages left alone \(in .*site-packages\)/),
    );
  });
});

describe("TypeScript's build output", () => {
  const pool = "const { Pool } = require('pg');\nexports.pool = new Pool({ max: 5 });\n";
  it('a JavaScript file under the outDir of its tsconfig.json is left to its source', async () => {
    const dir = tmp({
      'package.json': '{"dependencies":{"pg":"^8.11.0"}}',
      'tsconfig.json': '{ "compilerOptions": { "rootDir": "./src", "outDir": "./dist" } }',
      'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 5 });\n",
      'dist/db.js': pool,
      'scripts/seed.js': pool,
    });
    const result = await run({ transforms: ['acquire-timeout'], paths: [dir], dry: true });
    const byFile = Object.fromEntries(result.files.map((f) => [path.relative(dir, f.path), f]));
    expect(byFile['src/db.ts'].status).toBe('changed');
    expect(byFile['scripts/seed.js'].status).toBe('changed');
    expect(byFile['dist/db.js']).toMatchObject({
      status: 'skipped',
      skipKind: 'generated',
      reason: expect.stringContaining("TypeScript's build output (under `dist`, the outDir of tsconfig.json)"),
    });
  });

  it('a JavaScript file beside the TypeScript file of its name is that file compiled (tsc with no outDir, or run on one file); one beside a declaration file is not', async () => {
    // svaponi/fastify-pg commits src/index.js, tsc's output, beside src/index.ts.
    const dir = tmp({
      'package.json': '{"dependencies":{"pg":"^8.11.0"}}',
      'src/index.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 5 });\n",
      'src/index.js': pool,
      'src/jobs.mjs': pool,
      'src/jobs.mts': "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 5 });\n",
      'lib/db.js': pool,
      'lib/db.d.ts': 'export declare const pool: unknown;\n',
    });
    const result = await run({ transforms: ['acquire-timeout'], paths: [dir], dry: true });
    const byFile = Object.fromEntries(result.files.map((f) => [path.relative(dir, f.path), f]));
    expect(byFile['src/index.ts'].status).toBe('changed');
    expect(byFile['lib/db.js'].status).toBe('changed');
    expect(byFile['src/index.js']).toMatchObject({
      status: 'skipped',
      skipKind: 'generated',
      reason: expect.stringContaining("TypeScript's build output (beside `index.ts`, its source): change its source"),
    });
    expect(byFile['src/jobs.mjs']).toMatchObject({ status: 'skipped', skipKind: 'generated' });
  });

  it('a JavaScript file that ends by naming its source map is compiled output, wherever its source is', async () => {
    // GabrielTrindade31/backend-express-postgresql commits dist/ with its maps, and not the TypeScript it came from.
    const dir = tmp({
      'package.json': '{"dependencies":{"pg":"^8.11.0"}}',
      'dist/database/index.js': `${pool}//# sourceMappingURL=index.js.map`,
      'lib/db.js': `${pool}// sourceMappingURL= is how a compiler names the map\n`,
    });
    const result = await run({ transforms: ['acquire-timeout'], paths: [dir], dry: true });
    const byFile = Object.fromEntries(result.files.map((f) => [path.relative(dir, f.path), f]));
    expect(byFile['lib/db.js'].status).toBe('changed');
    expect(byFile['dist/database/index.js']).toMatchObject({
      status: 'skipped',
      skipKind: 'generated',
      reason: expect.stringContaining('compiled output (it ends by naming its source map): change its source'),
    });
  });

  it('an outDir that holds the tsconfig itself ("." ) says nothing of which files tsc wrote', async () => {
    const dir = tmp({
      'package.json': '{"dependencies":{"pg":"^8.11.0"}}',
      'tsconfig.json': '{ "compilerOptions": { "allowJs": true, "outDir": "." } }',
      'db.js': pool,
    });
    const result = await run({ transforms: ['acquire-timeout'], paths: [dir], dry: true });
    expect(result.files.map((f) => f.status)).toEqual(['changed']);
  });
});

describe('memory between files', () => {
  it('garbage past the bound is collected before the next file', () => {
    leaveGarbageTo(FLOOR);
    boundHeap();
    expect(used()).toBeLessThan(FLOOR);
  });

  it('a large live set raises the bound: a little garbage over it is not collected', () => {
    // Kept reachable to the end, as a loaded type checker would be.
    const live = fillTo(used() + 160 * MiB);
    // Far past any bound the tests before may have left: this collection happens.
    leaveGarbageTo(used() + 256 * MiB);
    boundHeap();
    const survived = used();
    expect(survived).toBeGreaterThan(150 * MiB);
    leaveGarbageTo(Math.max(FLOOR, survived + 32 * MiB));
    const before = used();
    boundHeap();
    // Nothing was collected: the heap still holds the dropped arrays.
    expect(used()).toBeGreaterThan(before - 8 * MiB);
    expect(live.length).toBeGreaterThan(0);
  });

  it("after a file, Babel's module-wide caches no longer hold its tree", () => {
    const parsed = JS_FRONT_END.parse({
      path: '/x/db.js',
      text: "const { Pool } = require('pg');\nconst pool = new Pool();\nmodule.exports = pool;\n",
      project: projectInfo('/x/db.js'),
      scan: new DataScan(emptyScanData(), true),
    });
    const program = parsed.ctx.ast.program;
    expect(traverse.cache.path.has(program)).toBe(true);
    betweenFiles();
    expect(traverse.cache.path.has(program)).toBe(false);
    expect(traverse.cache.scope.has(program)).toBe(false);
  });
});

describe('files that wait on cross-file facts', () => {
  it('are summarised for the scan once, on their first attempt, not again when they are read with the facts', async () => {
    const dir = tmp({
      'package.json': JSON.stringify({ name: 'app', dependencies: { pg: '8.11.0' } }),
      'db.js': "const { Pool } = require('pg');\nconst pool = new Pool();\nmodule.exports = pool;\n",
      'users.js':
        "const pool = require('./db');\nexports.get = async (id) => {\n  const c = await pool.connect();\n  const r = await c.query('SELECT 1', [id]);\n  c.release();\n  return r.rows;\n};\n",
    });
    const summarise = vi.spyOn(JS_FRONT_END, 'summarise');
    try {
      const result = await run({ transforms: 'all', paths: [dir], dry: true });
      expect(result.summary.changed).toBeGreaterThan(0);
      const files = summarise.mock.calls.map(([ctx]) => path.basename(ctx.path)).sort();
      expect(files).toEqual(['db.js', 'users.js']);
    } finally {
      summarise.mockRestore();
    }
  });
});

describe('filters before parsing', () => {
  // It does not parse: only a file that gets past the filters is reported as an error.
  const broken =
    "import { pool } from './db';\nexport async function f() {\n  await pool.query('SET search_path TO x');\n";
  const runOn = async (dependencies: Record<string, string>) => {
    const dir = tmp({ 'package.json': JSON.stringify({ dependencies }), 'src/a.ts': broken });
    return (await run({ paths: [dir], transforms: ['pgbouncer'], dry: true, config: false })).summary;
  };

  it('a project filter sets a file aside unread by the parser (pgbouncer: no pg import, project not pg-only)', async () => {
    const summary = await runOn({ pg: '^8.11.0', mysql2: '^3.9.0' });
    expect(summary.skipped.prefilter).toBe(1);
    expect(summary.errors).toBe(0);
  });

  it('and lets it through where the transform could find something (a pg-only project)', async () => {
    const summary = await runOn({ pg: '^8.11.0' });
    expect(summary.skipped.prefilter ?? 0).toBe(0);
    expect(summary.errors).toBe(1);
  });
});

describe('test code', () => {
  const leaky =
    "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f() {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n";
  const files = {
    'tests/db.js': leaky,
    'src/users.test.ts': leaky,
    'src/__mocks__/db.js': leaky,
    'src/fakes.js': `const sinon = require('sinon');\n${leaky}`,
    'src/app.js': leaky,
  };

  it('is skipped by default (test directories, *.test.*, files building stubs), counted, not named', async () => {
    const dir = tmp(files);
    const result = await run({ paths: [dir], transforms: ['release-in-finally'], dry: true, config: false });
    expect(result.summary.skipped.test).toBe(4);
    expect(result.files.filter((r) => r.status === 'changed').map((r) => path.relative(dir, r.path))).toEqual([
      'src/app.js',
    ]);
    // A directory named like a test directory above the path given does not count.
    const nested = tmp({ 'test/app/src/app.js': leaky });
    expect(
      (
        await run({
          paths: [path.join(nested, 'test', 'app')],
          transforms: ['release-in-finally'],
          dry: true,
          config: false,
        })
      ).summary.changed,
    ).toBe(1);
  });

  it('with includeTests is looked at, and its findings say they are in test code', async () => {
    const dir = tmp({
      ...files,
      'tests/never.js':
        "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function g() {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n}\n",
    });
    const result = await run({
      paths: [dir],
      transforms: ['release-in-finally'],
      dry: true,
      config: false,
      options: { includeTests: true },
    });
    expect(result.summary.skipped.test).toBeUndefined();
    expect(result.summary.changed).toBe(5);
    const never = result.files.find((r) => r.path.endsWith('never.js'))!;
    expect(never.findings.map((f) => [f.messageId, f.test])).toEqual([['never-released', true]]);
    expect(result.files.find((r) => r.path.endsWith('app.js'))!.test).toBeUndefined();
  });
});

describe('the pool module a run writes', () => {
  // A tab-indented CommonJS handler with double quotes and no semicolons, opening a connection per call.
  const handler = (name: string, config: string) =>
    `const { Client } = require("pg")\n\nexports.${name} = async function ${name}(id) {\n\tconst client = new Client(${config})\n\tawait client.connect()\n\tconst { rows } = await client.query("SELECT $1::int AS id", [id])\n\tawait client.end()\n\treturn rows\n}\n`;
  const ENV = '{ connectionString: process.env.DATABASE_URL }';
  const c2p = (dir: string) => run({ paths: [dir], transforms: ['client-to-pool'], dry: true, config: false });
  const changed = (dir: string, files: FileResult[]) =>
    Object.fromEntries(
      files.filter((f) => f.status === 'changed' || f.status === 'created').map((f) => [path.relative(dir, f.path), f]),
    );

  it("is planned when every per-call client uses one config, in the files' style, and every file imports it", async () => {
    const dir = tmp({
      'src/routes/users.js': handler('getUser', ENV),
      'src/routes/orders.js': handler('getOrder', ENV),
    });
    const result = await c2p(dir);
    const files = changed(dir, result.files);
    expect(Object.keys(files).sort()).toEqual(['src/routes/db.js', 'src/routes/orders.js', 'src/routes/users.js']);
    expect(files['src/routes/db.js'].before).toBeNull();
    expect(files['src/routes/db.js'].after).toBe(
      `const { Pool } = require("pg")\n\n// The one pool this project shares (written by pool-codemod client-to-pool).\nconst pool = new Pool(${ENV})\n\nmodule.exports = { pool }\n`,
    );
    expect(files['src/routes/users.js'].after).toBe(
      'const { pool } = require("./db")\n\nexports.getUser = async function getUser(id) {\n\tconst { rows } = await pool.query("SELECT $1::int AS id", [id])\n\treturn rows\n}\n',
    );
    expect(files['src/routes/users.js'].dependsOn).toEqual([path.join(dir, 'src/routes/db.js')]);
  });

  it("is not planned for a config that names a handler's own local, even one that holds a literal: the module could not see it", async () => {
    const local = (name: string) =>
      handler(name, '{ host }').replace('\tconst client', '\tconst host = "db.internal"\n\tconst client');
    const dir = tmp({ 'src/routes/users.js': local('getUser'), 'src/routes/orders.js': local('getOrder') });
    const result = await c2p(dir);
    expect(Object.keys(changed(dir, result.files))).toEqual([]);
    expect(result.files.flatMap((f) => f.findings.map((x) => `${x.messageId} ${x.data.detail}`))).toEqual([
      'config-not-portable `host`',
      'config-not-portable `host`',
    ]);
  });

  it('is never planned from a config that reads a name the new module would not have, whatever the scan said', () => {
    expect(readsOnlyWhatAModuleHas('{ connectionString: process.env.DATABASE_URL as string }')).toBe(true);
    expect(readsOnlyWhatAModuleHas("{ host: 'db', port: 5432, ssl: undefined }")).toBe(true);
    expect(readsOnlyWhatAModuleHas('`postgres://${process.env.PGHOST}/app`')).toBe(true);
    expect(readsOnlyWhatAModuleHas('{ host }')).toBe(false);
    expect(readsOnlyWhatAModuleHas('{ ...settings }')).toBe(false);
    expect(readsOnlyWhatAModuleHas('{ max: Number(process.env.MAX) }')).toBe(false);
    expect(readsOnlyWhatAModuleHas('{ host: ')).toBe(false);
    const summary = (file: string, configSource: string): FileSummary => ({
      path: file,
      esm: false,
      exportsHelpers: [],
      definesPool: false,
      pools: [],
      clientConfigs: [{ driver: 'pg', config: configSource.replace(/\s+/g, ''), configSource }],
      acquiringExports: {},
      relativeImports: {},
      moduleNames: [],
      fanOuts: [],
      plainMethods: {},
      configObjects: {},
      decoratedPools: {},
      ioExports: {},
      connectionCallbacks: {},
      instances: { classes: {}, exportedClasses: {}, perCallNews: [] },
    });
    const dir = tmp({});
    expect(planPools([summary(path.join(dir, 'a.js'), '{ host }')], undefined)).toEqual([]);
    expect(planPools([summary(path.join(dir, 'a.js'), ENV)], undefined).map((p) => p.configSource)).toEqual([ENV]);
  });

  it('once written, the handlers and the module load in node and share one pg Pool', async () => {
    const dir = tmp({
      'src/routes/users.js': handler('getUser', ENV),
      'src/routes/orders.js': handler('getOrder', ENV),
    });
    const result = await run({
      paths: [dir],
      transforms: ['client-to-pool'],
      config: false,
    });
    expect(result.summary.errors).toBe(0);
    // Loading runs every top-level statement (requires, the Pool constructor) without a database.
    const script = `const a = require('./src/routes/users.js'), b = require('./src/routes/orders.js'), db = require('./src/routes/db.js');
console.log(typeof a.getUser, typeof b.getOrder, db.pool instanceof require('pg').Pool)`;
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: path.join(__dirname, '..', 'node_modules') },
    });
    expect(out.trim()).toBe('function function true');
  });

  it('in a Next.js project, is kept on globalThis outside production: a reload reuses the pool and its one listener', async () => {
    const dir = tmp({
      'package.json': '{ "name": "web", "dependencies": { "next": "14.2.0", "pg": "^8.11.0" } }\n',
      'pages/api/users.js': handler('getUser', ENV),
      'pages/api/orders.js': handler('getOrder', ENV),
    });
    const result = await run({
      paths: [dir],
      transforms: ['client-to-pool', 'pool-monitoring'],
      config: false,
    });
    expect(result.summary.errors).toBe(0);
    const written = fs.readFileSync(path.join(dir, 'pages/api/db.js'), 'utf8');
    expect(written).toContain('const pool = cache.pgPool ?? new Pool(');
    expect(written).toContain('\tpool.on("error", (err) => {');
    // `next dev` evaluates the module again after an edit: here, by dropping it from require's cache.
    const reload = `const first = require('./pages/api/db.js').pool;
delete require.cache[require.resolve('./pages/api/db.js')];
const second = require('./pages/api/db.js').pool;
console.log(first === second, second.listenerCount('error'))`;
    const load = (NODE_ENV: string) =>
      execFileSync(process.execPath, ['-e', reload], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV, NODE_PATH: path.join(__dirname, '..', 'node_modules') },
      }).trim();
    expect(load('development')).toBe('true 1');
    expect(load('production')).toBe('false 1');
    const again = await run({
      paths: [dir],
      transforms: ['client-to-pool', 'pool-monitoring'],
      dry: true,
      config: false,
    });
    expect(again.summary.changed).toBe(0);
  });

  it('is not planned when the clients use different configs: each is reported, nothing changes', async () => {
    const dir = tmp({
      'src/a.js': handler('a', ENV),
      'src/b.js': handler('b', '{ connectionString: process.env.REPORTING_URL }'),
    });
    const result = await c2p(dir);
    expect(result.summary.changed).toBe(0);
    expect(result.files.flatMap((f) => f.findings.map((x) => x.messageId))).toEqual([
      'no-shared-pool',
      'no-shared-pool',
    ]);
  });

  it("a one-shot script's client and a config the module cannot see do not stop it", async () => {
    const dir = tmp({
      'src/a.js': handler('a', ENV),
      'src/b.js': `const settings = { ssl: true }\n${handler('b', 'settings')}`,
      'src/migrate.js':
        'const { Client } = require("pg")\n\nasync function main() {\n\tconst client = new Client({ connectionString: process.env.ADMIN_URL })\n\tawait client.connect()\n\tawait client.query("SELECT 1")\n\tawait client.end()\n}\n\nmain()\n',
    });
    const result = await c2p(dir);
    expect(Object.keys(changed(dir, result.files)).sort()).toEqual(['src/a.js', 'src/db.js']);
    expect(result.files.flatMap((f) => f.findings.map((x) => [path.relative(dir, f.path), x.messageId]))).toEqual([
      ['src/b.js', 'config-not-portable'],
    ]);
  });
});

describe('writing', () => {
  const result = (file: string, after: string, extra: Partial<FileResult> = {}): FileResult => ({
    path: file,
    status: 'changed',
    before: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null,
    after,
    findings: [],
    fixes: [],
    ...extra,
  });

  it('groups a module with the files that import it', () => {
    const sets = writeSets([
      result('/a', 'x', { dependsOn: ['/db'] }),
      result('/db', 'y', { status: 'created' }),
      result('/b', 'z'),
      result('/c', 'w', { dependsOn: ['/db'] }),
    ]);
    expect(sets.map((s) => s.map((r) => r.path))).toEqual([['/a', '/c', '/db'], ['/b']]);
  });

  it('writes a dependent set all or nothing, and names every file of a failed set', () => {
    // `blocked` is a file, so nothing can be created under it (whoever runs the test, root included).
    const dir = tmp({ 'ok/a.js': 'a', blocked: 'not a directory', 'free/c.js': 'c' });
    const results = [
      result(path.join(dir, 'ok/a.js'), 'A', { dependsOn: [path.join(dir, 'blocked/new.js')] }),
      result(path.join(dir, 'blocked/new.js'), 'NEW', { status: 'created', before: null }),
      result(path.join(dir, 'free/c.js'), 'C'),
    ];
    expect(writeAll(results)).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'ok/a.js'), 'utf8')).toBe('a');
    expect(fs.readFileSync(path.join(dir, 'free/c.js'), 'utf8')).toBe('C');
    expect(results[0]).toMatchObject({
      status: 'error',
      written: false,
      reason: expect.stringContaining('must be written together with'),
    });
    expect(results[1]).toMatchObject({
      status: 'error',
      written: false,
      reason: expect.stringMatching(/cannot write/),
    });
    expect(results[2]).toMatchObject({ written: true });
    // Nothing of the failed set is left behind, not even a temporary file.
    expect(fs.readdirSync(path.join(dir, 'ok'))).toEqual(['a.js']);
  });

  it('leaves a read-only file alone and says so', () => {
    const dir = tmp({ 'a.js': 'a' });
    const file = path.join(dir, 'a.js');
    fs.chmodSync(file, 0o444);
    const results = [result(file, 'A')];
    expect(writeAll(results)).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('a');
    expect(results[0]).toMatchObject({ status: 'error', reason: 'the file is read-only; left alone' });
  });

  it('keeps the file mode, and removes temporary files an interrupted run left', () => {
    const dir = tmp({ 'run.js': 'a', '.run.js.pool-codemod-123-0.tmp': 'half', 'other.tmp': 'mine' });
    fs.chmodSync(path.join(dir, 'run.js'), 0o750);
    expect(removeStaleTemps([dir])).toEqual([path.join(dir, '.run.js.pool-codemod-123-0.tmp')]);
    expect(fs.existsSync(path.join(dir, 'other.tmp'))).toBe(true);
    writeAll([result(path.join(dir, 'run.js'), 'b')]);
    expect(fs.statSync(path.join(dir, 'run.js')).mode & 0o777).toBe(0o750);
    expect(fs.readdirSync(dir).sort()).toEqual(['other.tmp', 'run.js']);
  });
});

describe('a pool whose checkouts are fanned out without waiting', () => {
  const insertBody = (pool: string) =>
    `  const client = await ${pool}.connect();\n  try {\n    await client.query('INSERT INTO t VALUES ($1)', [row.id]);\n  } finally {\n    client.release();\n  }\n`;
  const files = {
    'package.json': '{ "name": "batch", "dependencies": { "pg": "^8.11.0" } }\n',
    // CommonJS: a local function that checks out, started per element of forEach.
    'db-a.js': "const { Pool } = require('pg');\n\nconst pool = new Pool({ max: 10 });\n\nmodule.exports = { pool };\n",
    'scripts/a.js': `const { pool } = require('../db-a');\n\nasync function insert(row) {\n${insertBody('pool')}}\n\nmodule.exports = (rows) => rows.forEach((r) => insert(r));\n`,
    // ESM: a default-exported pool, an acquiring function handed to forEach, and one started per loop turn.
    'db-b.mjs': "import pg from 'pg';\n\nconst pool = new pg.Pool({ max: 10 });\n\nexport default pool;\n",
    'scripts/b.mjs': `import db from '../db-b.mjs';\n\nasync function insertRow(row) {\n${insertBody('db')}}\n\nexport function restore(rows) {\n  rows.forEach(insertRow);\n  for (const r of rows) insertRow(r);\n}\n`,
    // Awaited one by one, or all together: a rejection is seen, so the timeout is added.
    'db-c.js': "const { Pool } = require('pg');\n\nconst pool = new Pool({ max: 10 });\n\nmodule.exports = { pool };\n",
    'scripts/c.js': `const { pool } = require('../db-c');\n\nasync function insert(row) {\n${insertBody('pool')}}\n\nmodule.exports = async (rows) => {\n  for (const r of rows) await insert(r);\n  await Promise.all(rows.map((r) => insert(r)));\n};\n`,
    // A repository module checks out; a script that never names a pool starts it per element.
    'db-d.js': "const { Pool } = require('pg');\n\nconst pool = new Pool({ max: 10 });\n\nmodule.exports = { pool };\n",
    'repo/items.js': `const { pool } = require('../db-d');\n\nexports.insert = async function insert(row) {\n${insertBody('pool')}};\n`,
    'scripts/d.js':
      "const { insert } = require('../repo/items');\n\nmodule.exports = (rows) => {\n  rows.forEach((r) => insert(r));\n};\n",
  };

  it('is reported instead of getting an acquire timeout; one whose checkouts are awaited gets it', async () => {
    const dir = tmp(files);
    const result = await run({ paths: [dir], transforms: ['acquire-timeout'], dry: true, config: false });
    const byFile = Object.fromEntries(
      result.files.map((f) => [
        path.relative(dir, f.path),
        [...f.findings.map((x) => x.messageId), ...f.fixes.map((x) => `fix:${x.messageId}`)],
      ]),
    );
    expect(byFile['db-a.js']).toEqual(['unbounded-fan-out']);
    expect(byFile['db-b.mjs']).toEqual(['unbounded-fan-out']);
    expect(byFile['db-c.js']).toEqual(['fix:no-acquire-timeout']);
    expect(byFile['db-d.js']).toEqual(['unbounded-fan-out']);
    const data = (file: string) => result.files.find((f) => f.path.endsWith(file))!.findings[0].data;
    expect(data('db-a.js')).toMatchObject({ where: 'scripts/a.js:12', callee: 'insert' });
    expect(data('db-b.mjs')).toMatchObject({ where: 'scripts/b.mjs:13', callee: 'insertRow' });
    expect(data('db-d.js')).toMatchObject({ where: 'scripts/d.js:4', callee: 'insert' });
  });
});

describe('a pool whose checkouts run in Express request handlers', () => {
  // MosheBerger/quick-round's shape: `module.exports = pool`, required whole, checked out in an async middleware.
  const poolModule = "const pg = require('pg')\n\nconst pool = new pg.Pool({ max: 5 })\n\nmodule.exports = pool\n";
  const middleware = (body: string) =>
    `const pool = require('../sql/pool')\n\nconst clientManager = {\n    connect: async (req, res, next) => {\n${body}    },\n}\n\nmodule.exports = clientManager\n`;
  const project = (express: Record<string, string>, body: string, extra: Record<string, string> = {}) => ({
    'package.json': JSON.stringify({ name: 'app', dependencies: { pg: '^8.11.0', ...express } }),
    'sql/pool.js': poolModule,
    'middlewares/clientManager.js': middleware(body),
    ...extra,
  });
  const unguarded = '        req.client = await pool.connect()\n        next()\n';
  const guarded =
    '        try {\n            req.client = await pool.connect()\n        } catch (err) {\n            return next(err)\n        }\n        next()\n';
  const decide = async (files: Record<string, string>) => {
    const dir = tmp(files);
    const result = await run({ paths: [dir], transforms: ['acquire-timeout'], dry: true, config: false });
    const file = result.files.find((f) => f.path.endsWith(path.join('sql', 'pool.js')))!;
    return {
      ids: [...file.findings.map((x) => x.messageId), ...file.fixes.map((x) => `fix:${x.messageId}`)],
      data: file.findings[0]?.data,
    };
  };

  it('Express 4, an awaited checkout nothing catches: reported, not given a timeout that would end the process', async () => {
    const { ids, data } = await decide(project({ express: '^4.18.2' }, unguarded));
    expect(ids).toEqual(['unhandled-in-handler']);
    expect(data).toMatchObject({
      where: '../middlewares/clientManager.js:5',
      callee: 'pool.connect',
      express: '^4.18.2',
    });
  });

  it('the same handler with a try/catch, on Express 5, or with express-async-errors: the timeout is added', async () => {
    expect((await decide(project({ express: '^4.18.2' }, guarded))).ids).toEqual(['fix:no-acquire-timeout']);
    expect((await decide(project({ express: '^5.1.0' }, unguarded))).ids).toEqual(['fix:no-acquire-timeout']);
    const patched = { express: '^4.18.2', 'express-async-errors': '^3.1.1' };
    expect((await decide(project(patched, unguarded))).ids).toEqual(['fix:no-acquire-timeout']);
  });

  it("a query awaited in a route handler counts; one handed to a wrapper first (asyncHandler) is the wrapper's to catch", async () => {
    const route = (handler: string) => ({
      'routes/users.js': `const express = require('express')\nconst asyncHandler = require('express-async-handler')\nconst pool = require('../sql/pool')\n\nconst router = express.Router()\n\n${handler}\n\nmodule.exports = router\n`,
    });
    const direct =
      "router.get('/users', async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM users')\n  res.json(rows)\n})";
    const wrapped = `router.get('/users', asyncHandler(async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM users')\n  res.json(rows)\n}))`;
    const express = { express: '^4.18.2', 'express-async-handler': '^1.2.0' };
    const noMiddleware = '        next()\n';
    const reported = await decide(project(express, noMiddleware, route(direct)));
    expect(reported.ids).toEqual(['unhandled-in-handler']);
    expect(reported.data).toMatchObject({ where: '../routes/users.js:8', callee: 'pool.query' });
    expect((await decide(project(express, noMiddleware, route(wrapped)))).ids).toEqual(['fix:no-acquire-timeout']);
  });

  // eyepop/LePointeur's bot: `pool.connect((err, client, done) => client.query(...))`, its error never read.
  it('a callback that never reads its error would throw on a timed-out checkout: reported, not given a timeout; one that checks it is fine', async () => {
    const bot = (callback: string) => ({
      'bot/count.js': `var pool = require('../sql/pool')\n\nmodule.exports = function count(id) {\n\tpool.connect(${callback})\n}\n`,
    });
    const ignores =
      "(err, client, done) => {\n\t\tclient.query('UPDATE users SET n = n + 1 WHERE id = $1', [id], (err) => done(err))\n\t}";
    const checks =
      "(err, client, done) => {\n\t\tif (err) return console.error(err)\n\t\tclient.query('UPDATE users SET n = n + 1 WHERE id = $1', [id], (err) => done(err))\n\t}";
    const reported = await decide(project({}, '        next()\n', bot(ignores)));
    expect(reported.ids).toEqual(['callback-ignores-error']);
    expect(reported.data).toMatchObject({ where: '../bot/count.js:4', callee: 'pool.connect' });
    expect((await decide(project({}, '        next()\n', bot(checks)))).ids).toEqual(['fix:no-acquire-timeout']);
    // A callback that only logs what it is given throws on nothing.
    const logs = '(err, res) => {\n\t\tconsole.log(res)\n\t}';
    expect((await decide(project({}, '        next()\n', bot(logs)))).ids).toEqual(['fix:no-acquire-timeout']);
  });

  it('a CommonJS pool module that exports the pool itself is followed for fan-outs too', async () => {
    const batch = {
      'scripts/restore.js':
        "const pool = require('../sql/pool')\n\nmodule.exports = (rows) => {\n  rows.forEach((r) => pool.query('INSERT INTO t VALUES ($1)', [r]))\n}\n",
    };
    const { ids, data } = await decide(project({}, '        next()\n', batch));
    expect(ids).toEqual(['unbounded-fan-out']);
    expect(data).toMatchObject({ where: '../scripts/restore.js:4', callee: 'pool.query' });
  });
});
