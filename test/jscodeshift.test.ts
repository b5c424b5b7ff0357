/**
 * The published transforms under plain jscodeshift, as the README tells
 * users to run them: the real binary, its Babel require hook on (the
 * default), the built transform, a TypeScript project with a tsconfig.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..');
const JSCODESHIFT = path.join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

const leaky =
  "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 5 });\npool.on('error', (e: Error) => console.error(e));\nexport async function f() {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n";

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-jscodeshift-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', dependencies: { pg: '^8.11.0' } }));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    '{\n  // as projects write them\n  "compilerOptions": { "module": "nodenext", },\n}\n',
  );
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'db.ts'), leaky);
  return dir;
}

function jscodeshift(transform: string, dir: string, ...flags: string[]) {
  const r = spawnSync(
    process.execPath,
    [JSCODESHIFT, '-t', path.join(ROOT, 'dist', 'transforms', transform, 'index.js'), '--parser=ts', ...flags, 'src'],
    { cwd: dir, encoding: 'utf8' },
  );
  return { status: r.status, out: r.stdout + r.stderr, db: fs.readFileSync(path.join(dir, 'src', 'db.ts'), 'utf8') };
}

describe('under plain jscodeshift', () => {
  it('a transform rewrites the file and its findings appear as reports', () => {
    const r = jscodeshift('release-in-finally', project());
    expect(r.out).toMatch(/0 errors/);
    expect(r.out).toMatch(/1 ok/);
    expect(r.db).toContain('} finally {\n    c.release();\n  }');
  });

  it('a rewrite that needs another module written leaves the file alone and says why', () => {
    const r = jscodeshift('pool-monitoring', project(), '--metrics=prom-client');
    expect(r.out).toMatch(/0 errors/);
    expect(r.out).toMatch(
      /not rewritten \(metrics-added\): the rewrite also needs pool-metrics\.ts, \.\.\/package\.json written, which jscodeshift cannot do/,
    );
    expect(r.db).toBe(leaky);
  });
});
