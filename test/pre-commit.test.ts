/**
 * The pre-commit hook (.pre-commit-hooks.yaml) through the pre-commit
 * framework itself (Debian's `pre-commit` package), installed from this
 * repository at its HEAD commit as a user's .pre-commit-config.yaml would:
 * a commit that adds a leaked connection is blocked and names it; the same
 * file with the release in a finally commits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LEAKY } from './support/cli';

const ROOT = path.join(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-pre-commit-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

/** The leaky route with its pool imported (the pool module is not part of the commit), and the same route fixed. */
const leaky = LEAKY.replace("import { Pool } from 'pg';\nconst pool = new Pool();", "import { pool } from './db';");
const fixed = leaky.replace(
  / {2}const \{ rows \} = await client\.query\((.*)\);\n {2}client\.release\(\);\n {2}return rows\[0\]\.count;/,
  '  try {\n    const { rows } = await client.query($1);\n    return rows[0].count;\n  } finally {\n    client.release();\n  }',
);

it('blocks a commit that adds a leaked connection, and lets the fixed file through', () => {
  expect(hasPreCommit, 'the pre-commit framework is needed: apt-get install pre-commit').toBe(true);
  expect(fixed).not.toBe(leaky);
  const repo = path.join(work, 'app');
  fs.mkdirSync(repo);
  const env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'cache'), NO_COLOR: '1' };
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
      cwd: repo,
      encoding: 'utf8',
      env,
    });
  git('init', '-q');
  const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  fs.writeFileSync(
    path.join(repo, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${ROOT}\n    rev: ${rev}\n    hooks:\n      - id: pool-codemod\n`,
  );
  expect(spawnSync('pre-commit', ['install'], { cwd: repo, env }).status).toBe(0);
  git('add', '.pre-commit-config.yaml');
  expect(git('commit', '-qm', 'config').status).toBe(0);

  fs.writeFileSync(path.join(repo, 'routes.js'), leaky);
  git('add', 'routes.js');
  const blocked = git('commit', '-qm', 'add a route');
  expect(blocked.status).not.toBe(0);
  expect(blocked.stdout + blocked.stderr).toMatch(/routes\.js:\d+:\d+ error .*\[release-in-finally\/leak\b/);
  expect(git('log', '--format=%s').stdout.trim()).toBe('config');

  fs.writeFileSync(path.join(repo, 'routes.js'), fixed);
  git('add', 'routes.js');
  const passed = git('commit', '-qm', 'add a route');
  expect(passed.status, passed.stdout + passed.stderr).toBe(0);
  expect(git('log', '--format=%s').stdout.trim().split('\n')).toEqual(['add a route', 'config']);
}, 600_000);
