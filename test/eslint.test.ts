/**
 * The ESLint plugin as a user runs it: the real `eslint --fix` CLI, a flat
 * `eslint.config.mjs` of three lines that imports `pool-codemod/eslint` (the
 * built package), on the bundled example and on real applications nobody
 * here wrote. What ESLint fixes must be what `pool-codemod run` writes, file
 * for file; a rewrite that needs another file written is left to the CLI,
 * and the report says so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit, run } from '../src/index';
import { project } from './support/cli';

const ROOT = path.join(__dirname, '..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-eslint-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** What a user writes: the recommended config (and, for TypeScript, the parser they already use). */
const CONFIG = `import poolCodemod from 'pool-codemod/eslint';
import tseslint from 'typescript-eslint';
export default [{ files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tseslint.parser } }, poolCodemod.configs.recommended];
`;

interface EslintFile {
  filePath: string;
  messages: {
    ruleId: string | null;
    messageId?: string;
    line: number;
    column: number;
    message: string;
    fix?: { range: [number, number]; text: string };
  }[];
}

/** A copy of `source` with the plugin installed as a package is (node_modules links), ESLint run on it. */
function eslintOn(source: string, name: string, args: string[]): { dir: string; results: EslintFile[] } {
  const dir = path.join(work, name);
  fs.cpSync(source, dir, { recursive: true });
  // A user's application is a git work tree: the plugin's project is then the tree, as the CLI's is the path it is
  // given (outside one, the plugin reads only the linted file's folder).
  spawnSync('git', ['init', '-q'], { cwd: dir });
  // The application's own ESLint config (with plugins not installed here) steps aside for the run.
  const own = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs'].filter((c) =>
    fs.existsSync(path.join(dir, c)),
  );
  for (const config of own) fs.renameSync(path.join(dir, config), path.join(dir, `${config}.aside`));
  fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), CONFIG);
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'pool-codemod'));
  fs.symlinkSync(
    path.join(ROOT, 'node_modules', 'typescript-eslint'),
    path.join(dir, 'node_modules', 'typescript-eslint'),
  );
  const result = spawnSync(process.execPath, [ESLINT, '--format', 'json', ...args, '.'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (![0, 1].includes(result.status ?? -1)) throw new Error(`eslint failed (${result.status}): ${result.stderr}`);
  fs.rmSync(path.join(dir, 'eslint.config.mjs'));
  fs.rmSync(path.join(dir, 'node_modules'), { recursive: true });
  for (const config of own) fs.renameSync(path.join(dir, `${config}.aside`), path.join(dir, config));
  return { dir, results: JSON.parse(result.stdout) as EslintFile[] };
}

/** Every file under `dir`, relative, with its text. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.set(path.relative(dir, file), fs.readFileSync(file, 'utf8'));
    }
  return out;
}

const APPS = [
  ['the bundled example', path.join(ROOT, 'examples', 'express-pg')],
  ...[
    'dockersamples--example-voting-app',
    'MosheBerger--quick-round',
    'graphile--starter',
    'textbook--starter-kit',
  ].map((app) => [app, path.join(ROOT, '__testfixtures__', 'real-world', app)]),
];

describe('eslint --fix with pool-codemod/eslint', () => {
  for (const [name, source] of APPS) {
    it(`${name}: fixes what pool-codemod run rewrites, and nothing else`, async () => {
      const cli = await run({ paths: [source], dry: true, options: { format: 'none' } });
      const { dir } = eslintOn(source, name.replace(/\W+/g, '-'), ['--fix']);
      const fixed = tree(dir);
      let compared = 0;
      for (const [relative, text] of tree(source)) {
        const result = cli.files.find((f) => f.path === path.join(source, relative));
        // A rewrite that imports a module another file provides is the CLI's alone.
        if (result?.dependsOn?.length) continue;
        expect(fixed.get(relative), relative).toBe(result?.after ?? text);
        if (result?.after !== undefined) compared++;
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  it('reports on the bundled example what the audit finds, rule by rule', async () => {
    const source = path.join(ROOT, 'examples', 'express-pg');
    const { results } = eslintOn(source, 'example-report', []);
    const reported = results
      .flatMap((r) => r.messages.map((m) => `${path.relative(work, r.filePath)} ${m.ruleId} ${m.line}:${m.column}`))
      .sort();
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.every((r) => r.startsWith('example-report/') && r.includes(' pool-codemod/'))).toBe(true);
    // Every finding ESLint shows is one the CLI's audit has too, at the same place (notes are off in recommended).
    const found = await audit({ paths: [source] });
    const expected = found.findings
      .filter((f) => f.severity !== 'note')
      .map((f) => `example-report/${path.relative(source, f.file)} pool-codemod/${f.transform} ${f.line}:${f.column}`)
      .sort();
    expect(reported).toEqual(expected);
  });

  it('a file of hundreds of checkouts offers its rewrite once, not on every finding, and --fix still makes all of it', async () => {
    const handler = (i: number) =>
      `export async function h${i}(id) {\n  const client = await pool.connect();\n  const { rows } = await client.query('SELECT * FROM t${i} WHERE id = $1', [id]);\n  client.release();\n  return rows;\n}\n`;
    const text = `import { Pool } from 'pg';\nconst pool = new Pool();\n${Array.from({ length: 300 }, (_, i) => handler(i)).join('')}`;
    const source = project({
      'package.json': JSON.stringify({ name: 'app', type: 'module', dependencies: { pg: '^8.11.0' } }),
      'handlers.js': text,
    });
    const { results } = eslintOn(source, 'many-checkouts', []);
    const handlers = results.find((r) => r.filePath.endsWith('handlers.js'));
    const leaks = handlers?.messages.filter((m) => m.ruleId === 'pool-codemod/release-in-finally') ?? [];
    expect(leaks).toHaveLength(300);
    // 300 copies of a 60 kB rewrite would be 18 MB of fix text: the first finding carries it alone.
    expect(leaks.filter((m) => m.fix).map((m) => m.line)).toEqual([4]);
    const cli = await run({ paths: [source], dry: true, options: { format: 'none' } });
    const { dir } = eslintOn(source, 'many-checkouts-fix', ['--fix']);
    const fixed = fs.readFileSync(path.join(dir, 'handlers.js'), 'utf8');
    expect(fixed.match(/\} finally \{/g)).toHaveLength(300);
    expect(fixed).toBe(cli.files.find((f) => f.path.endsWith('handlers.js'))?.after);
  });

  it('a fix that needs a new pool module is not offered; the report says to run the CLI', () => {
    const route = (name: string) => `const { Client } = require('pg');
module.exports = async function ${name}(id) {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query('SELECT * FROM ${name} WHERE id = $1', [id]);
  await client.end();
  return rows[0];
};
`;
    const source = project({
      'package.json': JSON.stringify({ name: 'app', dependencies: { pg: '^8.11.0' } }),
      'users.js': route('users'),
      'orders.js': route('orders'),
    });
    const { dir, results } = eslintOn(source, 'needs-module', ['--fix']);
    expect(fs.readFileSync(path.join(dir, 'users.js'), 'utf8')).toBe(route('users'));
    expect(fs.existsSync(path.join(dir, 'db.js'))).toBe(false);
    const users = results.find((r) => r.filePath.endsWith('users.js'));
    const perCall = users?.messages.find((m) => m.ruleId === 'pool-codemod/client-to-pool');
    expect(perCall?.message).toMatch(/`pool-codemod run client-to-pool` fixes this: the fix also writes db\.js/);
  });
});
