/**
 * Type-check verification: TypeScript fixture outputs add no diagnostic their
 * inputs did not have, and `run --verify` rolls back a rewrite that does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'pool-codemod.js');

function keys(sf: SourceFile): string[] {
  return sf
    .getPreEmitDiagnostics()
    .map((d) => `TS${d.getCode()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, ' ')}`)
    .sort();
}

/** Diagnostics in `after` that `before` does not have (as a multiset, positions ignored). */
function added(before: string[], after: string[]): string[] {
  const left = [...before];
  return after.filter((k) => {
    const i = left.indexOf(k);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

describe('type-check of fixture outputs', () => {
  // Resolve pg, mysql2, express, generic-pool types from this repository's node_modules.
  const project = new Project({
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, jsx: ts.JsxEmit.ReactJSX, noEmit: true, skipLibCheck: true, types: ['node'] },
  });
  for (const id of fs.readdirSync(path.join(ROOT, '__testfixtures__'))) {
    const dir = path.join(ROOT, '__testfixtures__', id);
    const outputs = fs.readdirSync(dir).filter((f) => /\.output\.(ts|tsx|mts|cts)$/.test(f));
    it(`${id}: ${outputs.length} TypeScript outputs add no diagnostics`, () => {
      expect(outputs.length).toBeGreaterThan(0);
      for (const output of outputs) {
        const input = output.replace('.output.', '.input.');
        // Same file name for both, so relative imports resolve alike.
        const name = path.join(dir, `__check__${path.extname(output)}`);
        const before = keys(project.createSourceFile(name, fs.readFileSync(path.join(dir, input), 'utf8'), { overwrite: true }));
        const after = keys(project.createSourceFile(name, fs.readFileSync(path.join(dir, output), 'utf8'), { overwrite: true }));
        expect(added(before, after), output).toEqual([]);
      }
    });
  }
});

describe('pool-codemod run --verify', () => {
  function copyProject(): string {
    // Inside the repository (gitignored), so `pg` and its types resolve from node_modules.
    const dir = path.join(ROOT, 'test', 'projects', '.tmp', `verify-${process.pid}-${Date.now()}`);
    fs.cpSync(path.join(ROOT, 'test', 'projects', 'verify-ts'), dir, { recursive: true });
    return dir;
  }
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('rolls back the rewrite that adds a TypeScript diagnostic, keeps the others, and reports why', () => {
    const dir = copyProject();
    const audit = fs.readFileSync(path.join(dir, 'src/audit.ts'), 'utf8');
    const r = cli('run', 'all', dir, '--style', 'helper', '--verify', '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const file = doc.files.find((f: { path: string }) => f.path.endsWith('src/audit.ts'));
    expect(file.changed).toBe(false);
    expect(file.findings).toEqual([expect.objectContaining({ transform: 'verify', reason: 'type-check', message: expect.stringContaining("TS2339: Property 'audit' does not exist on type 'PoolClient'") })]);
    expect(fs.readFileSync(path.join(dir, 'src/audit.ts'), 'utf8')).toBe(audit);
    expect(fs.readFileSync(path.join(dir, 'src/users.ts'), 'utf8')).toContain('return withClient(pool, async (client) => {');
    expect(fs.existsSync(path.join(dir, 'src/pool-helpers.ts'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without --verify the same rewrite goes through (so the check above is what stops it)', () => {
    const dir = copyProject();
    const r = cli('run', 'all', dir, '--style', 'helper', '--dry', '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc.files.find((f: { path: string }) => f.path.endsWith('src/audit.ts')).changed).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
