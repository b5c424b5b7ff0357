/** Unit tests of the small pieces the runner and transforms share. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimumVersion, versionAtLeast } from '../src/analysis/imports';
import { relativeSpecifier } from '../src/analysis/module-imports';
import { closeImportGap } from '../src/runner/print';
import { TEXT } from '../src/drivers';
import { awaitsRelativeImport } from '../src/project/nested-acquire';
import { isNeverParsed, parserNameFor } from '../src/runner/parser';
import { selectTransforms, UsageError } from '../src/runner/registry';
import { normalize, restore } from '../src/runner/text';
import { transformSource } from '../src/runner/transform-file';

describe('text shape', () => {
  it('round-trips CRLF, BOM and LF text unchanged', () => {
    for (const text of ['a\nb\n', 'a\r\nb\r\n', '\uFEFFa\r\nb', '\uFEFFx\n', 'mixed\r\nlines\n']) {
      const { text: body, shape } = normalize(text);
      expect(body.includes('\uFEFF')).toBe(false);
      expect(restore(body, shape)).toBe(text);
    }
  });
  it('leaves a file with mixed line endings as it is', () => {
    expect(normalize('a\r\nb\nc').shape.crlf).toBe(false);
  });
});

describe('parser choice', () => {
  it('picks ts, tsx or babel by extension, and never parses declarations, JSON or bundles', () => {
    expect(['a.ts', 'a.mts', 'a.cts', 'a.tsx', 'a.js', 'a.jsx', 'a.mjs'].map(parserNameFor)).toEqual(['ts', 'ts', 'ts', 'tsx', 'babel', 'babel', 'babel']);
    expect(isNeverParsed('x.d.ts')).toBe(true);
    expect(isNeverParsed('x.d.mts')).toBe(true);
    expect(isNeverParsed('x.json')).toBe(true);
    expect(isNeverParsed('vendor.min.js')).toBe(true);
    expect(isNeverParsed('bundle.js', `var a=${'1+'.repeat(4000)}1;`)).toBe(true);
    expect(isNeverParsed('app.ts', 'const a = 1;\n')).toBe(false);
  });
  it('parses TypeScript generics in .ts and JSX in .js', () => {
    // Each text calls an acquire method, so the file is really parsed.
    const ts = transformSource('a.ts', "import 'pg';\nconst f = <T,>(x: T) => x;\nvoid pool.connect;\nf(pool.connect());\n", 'all');
    const js = transformSource('a.js', "import 'pg';\nconst el = <div>{pool.connect()}</div>;\n", 'all');
    expect(ts.skipped).toBeUndefined();
    expect(js.skipped).toBeUndefined();
    expect(ts.error).toBeUndefined();
    expect(js.error).toBeUndefined();
    // TypeScript-only syntax in a .js file is a parse error, not silently accepted.
    expect(transformSource('a.js', "import 'pg';\nabstract class A {}\npool.connect();\n", 'all').error).toMatch(/cannot parse/);
  });
});

describe('pre-filter', () => {
  it('recognises driver imports, acquire calls and client construction, and nothing else', () => {
    expect(TEXT.driverModule.test("import { Pool } from 'pg'")).toBe(true);
    expect(TEXT.driverModule.test('const m = require("mysql2/promise")')).toBe(true);
    expect(TEXT.driverModule.test("import x from 'pgx'")).toBe(false);
    expect(TEXT.acquireCall.test('const c = await this.db.getConnection()')).toBe(true);
    expect(TEXT.acquireCall.test('const c = connect()')).toBe(false);
    expect(TEXT.clientFactory.test('const c = new pg.Client()')).toBe(true);
    expect(TEXT.clientFactory.test('const c = await mysql.createConnection(cfg)')).toBe(true);
    expect(TEXT.clientFactory.test("import React from 'react'; export const x = 1;")).toBe(false);
  });
  it('runs only the transforms whose text tests a file passes', () => {
    expect(transformSource('a.ts', "import { Pool } from 'pg';\nexport const pool = new Pool();\n", ['release-in-finally']).skipped).toBe(true);
    expect(transformSource('a.ts', "import { Pool } from 'pg';\nexport const pool = new Pool();\n", ['client-to-pool']).skipped).toBeUndefined();
  });
  it('marks a skipped file so the summary can count it', () => {
    expect(transformSource('a.ts', 'export const x = 1;\n', 'all').skipped).toBe(true);
  });
});

describe('transform selection', () => {
  it('accepts all, one id, or a list, and names unknown ids', () => {
    expect(selectTransforms('all').length).toBeGreaterThan(0);
    expect(selectTransforms('release-in-finally').map((t) => t.meta.id)).toEqual(['release-in-finally']);
    expect(() => selectTransforms('release-in-finally,nope')).toThrow(UsageError);
    expect(() => selectTransforms('release-in-finally,nope')).toThrow(/"nope"/);
  });
});

describe('versions', () => {
  it('reads the lowest version a range allows', () => {
    expect(minimumVersion('^3.18.0')).toEqual([3, 18, 0]);
    expect(minimumVersion('~3.9')).toEqual([3, 9, 0]);
    expect(minimumVersion('>=24')).toEqual([24, 0, 0]);
    expect(minimumVersion('latest')).toBeUndefined();
    expect(versionAtLeast([3, 18, 0], '3.18.0')).toBe(true);
    expect(versionAtLeast([3, 9, 5], '3.18.0')).toBe(false);
    expect(versionAtLeast([4, 0, 0], '3.18.0')).toBe(true);
  });
});

describe('import specifiers', () => {
  it('are relative, with the suffix a resolver needs', () => {
    expect(relativeSpecifier('/p/src/routes/a.ts', '/p/src/db/helpers.ts', false)).toBe('../db/helpers');
    expect(relativeSpecifier('/p/src/a.ts', '/p/src/helpers.ts', true)).toBe('./helpers.js');
    expect(relativeSpecifier('/p/src/a.mjs', '/p/src/helpers.mjs', false)).toBe('./helpers.mjs');
    expect(relativeSpecifier('/p/src/a.ts', '/p/src/helpers.mts', false)).toBe('./helpers.mjs');
  });
  it('keep a new import next to the existing ones', () => {
    const original = "import a from 'a';\n\nrun();\n";
    expect(closeImportGap("import a from 'a';\n\nimport { b } from './b';\n\nrun();\n", original)).toBe("import a from 'a';\nimport { b } from './b';\n\nrun();\n");
  });
});

describe('transformSource', () => {
  it('never returns output that does not parse, and reports a crash per file', () => {
    const broken = transformSource('a.ts', "import 'pg';\nconst c = await pool.connect(\nfunction (\n", 'all');
    expect(broken.error).toMatch(/cannot parse/);
    expect(broken.after).toBe(broken.before);
  });
  it('keeps the source byte-identical when nothing changes', () => {
    const dir = path.join(__dirname, '..', '__testfixtures__', 'release-in-finally');
    const file = path.join(dir, 'escapes-return.input.ts');
    const source = fs.readFileSync(file, 'utf8');
    const r = transformSource(file, source, 'all');
    expect(r.changed).toBe(false);
    expect(r.after).toBe(source);
  });
  it('is deterministic across runs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-det-'));
    const file = path.join(dir, 'a.ts');
    const source = fs.readFileSync(path.join(__dirname, '..', '__testfixtures__', 'release-in-finally', 'pg-two-sections.input.js'), 'utf8');
    expect(transformSource(file, source, 'all').after).toBe(transformSource(file, source, 'all').after);
  });
});

describe('nested-acquire pre-check', () => {
  it('loads a file into ts-morph only when it awaits a function imported from the project', () => {
    expect(awaitsRelativeImport("import { audit as log } from './audit';\nawait log('x');")).toBe(true);
    expect(awaitsRelativeImport("const { audit } = require('../audit');\nasync function f() { await audit(1); }")).toBe(true);
    expect(awaitsRelativeImport("import { audit } from 'audit-lib';\nawait audit(1);")).toBe(false);
    expect(awaitsRelativeImport("import { audit } from './audit';\naudit(1);")).toBe(false);
  });
});
