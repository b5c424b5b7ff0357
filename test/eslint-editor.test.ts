/**
 * The ESLint plugin in an editor: one process lints the same project for
 * hours while its package.json and pool-codemod config are edited. A save
 * is seen on the next lint, as a restart of the editor's ESLint would see it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetProjects } from '../src/eslint/project';
import { ruleOf } from '../src/eslint/rules';
import { transform as pgbouncer } from '../transforms/pgbouncer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-editor-'));
afterAll(() => {
  forgetProjects();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = path.join(dir, 'src', 'a.ts');
const code =
  "import { pool } from './db';\nexport async function f() {\n  await pool.query('SET search_path TO x');\n}\n";

/** A save: new content and a modification time no earlier edit in the same millisecond can share. */
let saves = 0;
function save(name: string, text: string): void {
  const target = path.join(dir, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  const when = new Date(Date.now() + ++saves * 2000);
  fs.utimesSync(target, when, when);
}

const linter = new Linter({ configType: 'flat', cwd: dir });
const messages = () =>
  linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { 'pool-codemod': { rules: { pgbouncer: ruleOf(pgbouncer) } } },
        rules: { 'pool-codemod/pgbouncer': 'warn' },
        settings: { 'pool-codemod': { notes: true } },
      },
    ],
    { filename: file },
  );
const lint = () => messages().map((m) => `${m.line}:${m.column} ${m.messageId ?? m.message}`);
const behindPgbouncer = () => messages().some((m) => m.message.includes('runs behind PgBouncer'));

describe('the ESLint plugin in a long-lived process', () => {
  save('src/db.ts', "import { Pool } from 'pg';\nexport const pool = new Pool();\n");
  save('src/a.ts', code);

  it('reads a package.json saved since the last lint (a second SQL library: the query is no longer known to be PostgreSQL)', () => {
    save('package.json', JSON.stringify({ dependencies: { pg: '^8.11.0' } }));
    expect(lint()).toEqual(['3:9 session-set']);
    save('package.json', JSON.stringify({ dependencies: { pg: '^8.11.0', mysql2: '^3.9.0' } }));
    expect(lint()).toEqual([]);
    save('package.json', JSON.stringify({ dependencies: { pg: '^8.11.0' } }));
    expect(lint()).toEqual(['3:9 session-set']);
  });

  it('reads a pool-codemod config saved since the last lint', () => {
    save('package.json', JSON.stringify({ dependencies: { pg: '^8.11.0' } }));
    expect(behindPgbouncer()).toBe(false);
    save('pool-codemod.config.json', JSON.stringify({ behindPgbouncer: true }));
    expect(lint()).toEqual(['3:9 session-set']);
    expect(behindPgbouncer()).toBe(true);
    fs.rmSync(path.join(dir, 'pool-codemod.config.json'));
    expect(behindPgbouncer()).toBe(false);
  });
});
