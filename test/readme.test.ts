/** The README's API example runs as written, against the built package, as a user's script would. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..');

/** The first ```js block after the "Programmatic API" heading. */
function apiExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Programmatic API'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README has no js example under "Programmatic API"');
  return match[1];
}

it("the README's API example runs and prints what it says", () => {
  const code = apiExample();
  expect(code.split('\n').filter((l) => l.trim()).length).toBeLessThanOrEqual(10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-readme-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'pool-codemod'), 'dir');
  fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'example.mjs'), code);
  const r = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/src\/routes\/users\.js: \d+ fix\(es\), \d+ finding\(s\) left/);
  expect(r.stdout).toMatch(/^Q2 (no|partly): Are connections always released/m);
  expect(r.stdout).toMatch(/^5 files would change$/m);
  // Nothing was written: the example is a dry run.
  expect(fs.readFileSync(path.join(dir, 'examples', 'express-pg', 'src', 'db.js'), 'utf8')).toBe(
    fs.readFileSync(path.join(ROOT, 'examples', 'express-pg', 'src', 'db.js'), 'utf8'),
  );
});
