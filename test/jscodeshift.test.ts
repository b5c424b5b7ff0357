/**
 * Every transform also runs under plain `jscodeshift -t transforms/<id>.ts`:
 * the same rewrite as pool-codemod's runner, checked on the fixture cases
 * that need no options.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../src/runner/registry';

const ROOT = path.join(__dirname, '..');
const JSCODESHIFT = path.join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

describe('plain jscodeshift', () => {
  for (const { meta } of TRANSFORMS) {
    it(`jscodeshift -t transforms/${meta.id}.ts rewrites the TypeScript fixtures as the runner does`, () => {
      const fixtures = path.join(ROOT, '__testfixtures__', meta.id);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-jscs-'));
      const cases = fs
        .readdirSync(fixtures)
        .filter((f) => f.endsWith('.input.ts'))
        .map((f) => f.replace('.input.ts', ''))
        .filter((name) => !fs.existsSync(path.join(fixtures, `${name}.options.json`)));
      for (const name of cases) fs.copyFileSync(path.join(fixtures, `${name}.input.ts`), path.join(dir, `${name}.ts`));
      const r = spawnSync(process.execPath, [JSCODESHIFT, '-t', path.join(ROOT, 'transforms', `${meta.id}.ts`), '--parser=ts', '--run-in-band', dir], { encoding: 'utf8', cwd: ROOT });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/0 errors/);
      for (const name of cases) {
        const output = path.join(fixtures, `${name}.output.ts`);
        const expected = fs.readFileSync(fs.existsSync(output) ? output : path.join(fixtures, `${name}.input.ts`), 'utf8');
        expect(fs.readFileSync(path.join(dir, `${name}.ts`), 'utf8'), name).toBe(expected);
      }
      // Findings reach jscodeshift's report lines.
      expect(r.stdout).toMatch(new RegExp(`REP .*\\[${meta.id}/`));
    });
  }
});
