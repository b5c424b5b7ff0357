/** The AST and text kit every transform builds on: style, edits, imports, positions, suppressions. */
import { applyPatch, formatPatch, structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { SpanSet, applyEdits, originMapper, spansConflict } from '../src/core/edits';
import { collectFacts } from '../src/frontends/js/facts';
import {
  addNamedImport,
  importSpecifier,
  moduleSystem,
  pruneImports,
  usedImportBindings,
} from '../src/frontends/js/imports';
import { LineIndex } from '../src/core/lines';
import { parseFile } from '../src/frontends/js/parse';
import { eolOf, foundIndentUnit, indentUnitOf, quoted, statement, stepInside } from '../src/frontends/js/style';
import { indentLines, removeStatementEdit } from '../src/frontends/js/text-edits';
import { isSuppressed } from '../src/core/suppressions';
import { findSuppressions } from '../src/frontends/js/suppressions';
import { linePatch } from '../src/views/line-diff';

const factsOf = (file: string, text: string) => {
  const ast = parseFile(file, text);
  return { ast, facts: collectFacts(ast, text) };
};

describe('code style', () => {
  it.each([
    ["import a from 'a';\nconst b = 'x';\n", { quote: "'", semi: true }],
    ['import a from "a"\nconst b = "x"\n', { quote: '"', semi: false }],
    ["const a = require(\"a\");\nconst b = 'x';\nconst c = 'y';\n", { quote: '"', semi: true }],
    ['const x = 1\nfoo()\nbar();\n', { quote: "'", semi: false }],
  ])('reads quotes from module specifiers first, and semicolons by majority: %j', (text, want) => {
    expect(factsOf('a.js', text).facts.style).toMatchObject(want);
  });

  it('reads the indent step, tabs, and line endings', () => {
    expect(indentUnitOf('function f() {\n    a();\n    if (b) {\n        c();\n    }\n}\n')).toBe('    ');
    expect(indentUnitOf('function f() {\n\ta();\n\tif (b) {\n\t\tc();\n\t}\n}\n')).toBe('\t');
    // JSDoc continuation lines do not make the step one space.
    expect(indentUnitOf('/**\n * doc\n */\nfunction f() {\n  a();\n}\n')).toBe('  ');
    // A flat module shows no unit of its own: the front end then asks the files beside it.
    expect(foundIndentUnit("const a = require('a');\n\nmodule.exports = { a };\n")).toBeUndefined();
    expect(foundIndentUnit('/**\n * doc\n */\nconst a = 1;\n')).toBeUndefined();
    expect(eolOf('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(eolOf('a\nb\r\nc\n')).toBe('\n');
  });

  it('takes the step inside a block from the block itself (files that mix 2 and 4 spaces)', () => {
    const text = 'class A {\n    m() {\n        x();\n    }\n}\nfunction f() {\n  y();\n}\n';
    const style = { eol: '\n' as const, quote: "'" as const, semi: true, indent: '  ' };
    expect(stepInside(text, text.indexOf('m() {') + 4, text.indexOf('x();'), style)).toBe('    ');
    expect(stepInside(text, text.indexOf('f() {') + 4, text.indexOf('y();'), style)).toBe('  ');
  });

  it('writes strings and statements the way the file does', () => {
    const single = { eol: '\n' as const, quote: "'" as const, semi: false, indent: '  ' };
    expect(quoted("it's", single)).toBe("'it\\'s'");
    expect(quoted('a"b', { ...single, quote: '"' })).toBe('"a\\"b"');
    expect(statement('client.release();', single)).toBe('client.release()');
    expect(statement('client.release()', { ...single, semi: true })).toBe('client.release();');
  });
});

describe('edits against the original text', () => {
  it('maps offsets of the new text back to the text as read', () => {
    // 'abcdef' -> 'aXYZdf': b removed, XYZ inserted at 3, e replaced by nothing.
    const edits = [
      { start: 1, end: 2, text: '' },
      { start: 3, end: 3, text: 'XYZ' },
      { start: 4, end: 5, text: '' },
    ];
    expect(applyEdits('abcdef', edits)).toBe('acXYZdf');
    const back = originMapper(edits);
    expect([0, 1, 2, 3, 4, 5, 6].map(back)).toEqual([0, 2, 3, 3, 3, 3, 5]);
  });

  it("a fix's own inserts at one point go in together; another fix's insert there conflicts", () => {
    const set = new SpanSet();
    expect(
      set.tryAddAll([
        { start: 10, end: 10 },
        { start: 10, end: 10 },
        { start: 12, end: 14 },
      ]),
    ).toBe(true);
    expect(set.tryAddAll([{ start: 10, end: 10 }])).toBe(false);
    expect(set.tryAddAll([{ start: 13, end: 20 }])).toBe(false);
    expect(set.tryAddAll([{ start: 30, end: 31 }])).toBe(true);
  });

  it('apply in position order, insertions at one point in the order made', () => {
    expect(
      applyEdits('abcdef', [
        { start: 3, end: 3, text: 'X' },
        { start: 1, end: 2, text: '' },
        { start: 3, end: 3, text: 'Y' },
      ]),
    ).toBe('acXYdef');
  });

  it('refuse overlapping edits instead of producing a mangled file', () => {
    expect(() =>
      applyEdits('abcdef', [
        { start: 1, end: 4, text: '' },
        { start: 2, end: 3, text: 'Z' },
      ]),
    ).toThrow(/overlapping/);
  });

  it('fixes whose spans only meet do not conflict, but two insertions at one point do', () => {
    expect(spansConflict({ start: 0, end: 5 }, { start: 5, end: 9 })).toBe(false);
    expect(spansConflict({ start: 0, end: 6 }, { start: 5, end: 9 })).toBe(true);
    expect(spansConflict({ start: 5, end: 5 }, { start: 5, end: 5 })).toBe(true);
    expect(spansConflict({ start: 5, end: 5 }, { start: 0, end: 5 })).toBe(true);
    expect(spansConflict({ start: 4, end: 4 }, { start: 5, end: 5 })).toBe(false);
  });

  it('remove a statement with its line, keeping a trailing comment, and never re-indent literal text', () => {
    const text = 'f();\n  client.release();\n  g(); // keep\nconst s = `a\n  b`;\n';
    const { ast } = factsOf('a.js', text);
    const release = ast.program.body[1];
    expect(applyEdits(text, [removeStatementEdit(release, text)])).toBe('f();\n  g(); // keep\nconst s = `a\n  b`;\n');
    const g = ast.program.body[2];
    expect(applyEdits(text, [removeStatementEdit(g, text)])).toBe(
      'f();\n  client.release();\n  // keep\nconst s = `a\n  b`;\n',
    );
    const { facts } = factsOf('a.js', text);
    expect(applyEdits(text, indentLines(text, 0, text.length, '\t', facts.literals))).toBe(
      '\tf();\n\t  client.release();\n\t  g(); // keep\n\tconst s = `a\n  b`;\n',
    );
  });
});

describe('imports', () => {
  const project = { esm: false, tsconfig: undefined };

  it('follow the project: extensions for Node ES modules and NodeNext, none for CommonJS and bundlers', () => {
    expect(importSpecifier('/p/src/routes/a.js', '/p/src/db.js', 'cjs', project)).toBe('../db');
    expect(importSpecifier('/p/src/a.js', '/p/src/db.js', 'esm', { esm: true })).toBe('./db.js');
    expect(importSpecifier('/p/src/a.mjs', '/p/src/db.mjs', 'esm', project)).toBe('./db.mjs');
    expect(
      importSpecifier('/p/src/a.ts', '/p/src/db.ts', 'esm', {
        esm: false,
        tsconfig: { path: '', module: 'nodenext', moduleResolution: 'nodenext' },
      }),
    ).toBe('./db.js');
    expect(
      importSpecifier('/p/src/a.ts', '/p/src/db.ts', 'esm', {
        esm: false,
        tsconfig: { path: '', module: 'esnext', moduleResolution: 'bundler' },
      }),
    ).toBe('./db');
    expect(importSpecifier('/p/src/a.ts', '/p/src/db.mts', 'esm', project)).toBe('./db.mjs');
    // A file whose own relative imports carry extensions keeps doing so.
    const { facts } = factsOf('a.ts', "import { x } from './x.js';\n");
    expect(importSpecifier('/p/src/a.ts', '/p/src/db.ts', 'esm', project, facts)).toBe('./db.js');
  });

  it('tell the module system by syntax, then extension, then package type', () => {
    expect(moduleSystem('a.js', { esm: false, usesRequire: true }, { esm: true })).toBe('cjs');
    expect(moduleSystem('a.js', { esm: false, usesRequire: false }, { esm: true })).toBe('esm');
    expect(moduleSystem('a.cjs', { esm: true, usesRequire: false }, { esm: true })).toBe('cjs');
    expect(moduleSystem('a.ts', { esm: false, usesRequire: false }, { esm: false })).toBe('esm');
  });

  it('add a name to an existing import, or a new line after the last import, in the file style', () => {
    const style = { eol: '\r\n' as const, quote: '"' as const, semi: false, indent: '\t' };
    const text = 'import { a } from "./db"\r\nimport b from "b"\r\n\r\nrun()\r\n';
    const { ast, facts } = factsOf('a.ts', text);
    expect(applyEdits(text, addNamedImport({ name: 'pool', specifier: './db' }, text, ast, facts, 'esm', style))).toBe(
      'import { a, pool } from "./db"\r\nimport b from "b"\r\n\r\nrun()\r\n',
    );
    expect(applyEdits(text, addNamedImport({ name: 'x', specifier: './x' }, text, ast, facts, 'esm', style))).toBe(
      'import { a } from "./db"\r\nimport b from "b"\r\nimport { x } from "./x"\r\n\r\nrun()\r\n',
    );
    const cjs = "'use strict';\n/* license */\nconst express = require('express');\n\nmodule.exports = {};\n";
    const parsed = factsOf('a.js', cjs);
    expect(
      applyEdits(
        cjs,
        addNamedImport({ name: 'pool', specifier: './db' }, cjs, parsed.ast, parsed.facts, 'cjs', {
          ...style,
          eol: '\n',
          quote: "'",
          semi: true,
        }),
      ),
    ).toBe(
      "'use strict';\n/* license */\nconst express = require('express');\nconst { pool } = require('./db');\n\nmodule.exports = {};\n",
    );
  });

  it('are removed when a rewrite leaves them unused, and only then', () => {
    const before =
      "import pg, { Client, types } from 'pg';\nimport { log } from './log';\nconst c = new Client();\ntypes.x = pg;\nlog(c);\n";
    const original = factsOf('a.ts', before);
    const used = usedImportBindings(original.ast, original.facts);
    const after = "import pg, { Client, types } from 'pg';\nimport { log } from './log';\ntypes.x = 1;\n";
    const rewritten = factsOf('a.ts', after);
    expect(applyEdits(after, pruneImports(after, rewritten.ast, rewritten.facts, used))).toBe(
      "import { types } from 'pg';\ntypes.x = 1;\n",
    );
    // A name used only as a type still counts as used.
    const typed = "import { Pool } from 'pg';\nexport function f(p: Pool) { return p; }\n";
    const t = factsOf('a.ts', typed);
    expect(pruneImports(typed, t.ast, t.facts, new Set(['pg\u0000Pool\u0000Pool']))).toEqual([]);
    // CommonJS destructuring, and a namespace taken apart.
    const cjsBefore = "const pg = require('pg');\nconst { Client } = pg;\nnew Client();\n";
    const cb = factsOf('a.js', cjsBefore);
    const cjsAfter = "const pg = require('pg');\nconst { Client } = pg;\npool.query();\n";
    const ca = factsOf('a.js', cjsAfter);
    expect(applyEdits(cjsAfter, pruneImports(cjsAfter, ca.ast, ca.facts, usedImportBindings(cb.ast, cb.facts)))).toBe(
      "const pg = require('pg');\npool.query();\n",
    );
  });
});

describe('positions and suppressions', () => {
  it('turn offsets into 1-based lines and columns', () => {
    const lines = new LineIndex('ab\ncd\r\nef');
    expect(lines.position(0)).toEqual({ line: 1, column: 1 });
    expect(lines.position(4)).toEqual({ line: 2, column: 2 });
    expect(lines.position(7)).toEqual({ line: 3, column: 1 });
  });

  it('silence a finding on its line or the next, only with a reason', () => {
    const text =
      'a();\n// pool-codemod-ignore release-in-finally: the callee releases it\nb();\n// pool-codemod-ignore split-io\nc();\n';
    const found = findSuppressions(parseFile('a.js', text), text);
    expect(isSuppressed(found, 'release-in-finally', 'escapes-argument', 3)).toBe(true);
    expect(isSuppressed(found, 'release-in-finally', 'escapes-argument', 1)).toBe(false);
    expect(isSuppressed(found, 'split-io', 'io-needs-split', 5)).toBe(false);
  });
});

describe('line diffs', () => {
  /** A deterministic pseudo-random sequence, so a failure can be replayed. */
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  it('on big files with scattered changes, the patch turns the old text into the new one', () => {
    const next = random(7);
    for (let round = 0; round < 5; round++) {
      const old = Array.from({ length: 3000 }, (_, i) =>
        next() < 0.1 ? '}\n' : `line ${i} ${Math.floor(next() * 50)}\n`,
      );
      const changed = old.flatMap((line) => {
        const r = next();
        if (r < 0.05) return [];
        if (r < 0.1) return [`new ${line}`, line];
        if (r < 0.15) return [`edited ${line}`];
        return [line];
      });
      const a = old.join('');
      const b = changed.join('') + (round % 2 ? 'no newline at the end' : '');
      const patch = linePatch('a', 'b', a, b);
      expect(applyPatch(a, patch)).toBe(b);
      expect(applyPatch(a, formatPatch(patch))).toBe(b);
    }
  });

  it('on small files is exactly jsdiff', () => {
    const a = 'a\nb\nc\nd\n';
    const b = 'a\nB\nc\nd\ne';
    expect(linePatch('x', 'y', a, b)).toEqual(structuredPatch('x', 'y', a, b, undefined, undefined, { context: 3 }));
  });

  it('is right where most lines repeat and only the function names anchor: thousands of changes in one file', () => {
    const fns = (n: number, released: boolean) =>
      Array.from(
        { length: n },
        (_, i) =>
          `function f${i}() {\n  const c = await pool.connect();\n${released ? '  try {\n    work();\n  } finally {\n    c.release();\n  }\n' : '  work();\n  c.release();\n'}}\n`,
      ).join('');
    const patch = linePatch('a', 'b', fns(4000, false), fns(4000, true));
    expect(patch.hunks.length).toBeGreaterThan(0);
    expect(applyPatch(fns(4000, false), patch)).toBe(fns(4000, true));
  });
});
