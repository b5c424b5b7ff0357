/**
 * Diffs a reviewer merges as they are: every fixture output, every rewrite
 * of the real-world suite (the reviewed diffs), of the bundled examples and
 * of the end-to-end scenarios passes the diff lint (test/support/diff-lint.ts):
 * no trailing whitespace written, no new doubled blank line or block edge on
 * a blank line, the final newline kept, and written lines indented by the
 * file's unit to their brackets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/engine/run';
import { TRANSFORMS } from '../src/registry';
import { diffLint } from './support/diff-lint';
import { casesOf } from './support/fixtures';

const ROOT = path.join(__dirname, '..');
const CORPUS = path.join(ROOT, '__testfixtures__', 'real-world');

const isPython = (file: string) => file.endsWith('.py');

describe('diff lint', () => {
  it('the lint finds what it is for (mis-indented config, blank residue, trailing space, lost final newline)', () => {
    const before = 'export function f() {\n  const c = 1;\n\n  return c;\n}\n';
    expect(diffLint(before, 'export function f() {\n  const pool = x({\n      host: 1,\n  });\n}\n', false)).toEqual([
      expect.stringMatching(/^line 3: one unit deeper/),
      expect.stringMatching(/^line 4: a closing line one unit out/),
    ]);
    expect(
      diffLint(before, 'export function f() {\n  try {\n\n    const c = 1;\n  } finally {}\n\n\n  return c;\n}', false),
    ).toEqual([
      'the final newline changed',
      'two blank lines in a row: 0 before, 1 after',
      'a block opening on a blank line: 0 before, 1 after',
    ]);
    expect(diffLint(before, before.replace('  return c;', '  return c; '), false)).toEqual([
      'line 4: trailing whitespace',
    ]);
    expect(diffLint(before, before, false)).toEqual([]);
  });

  it('every fixture output', () => {
    const problems: string[] = [];
    for (const t of TRANSFORMS)
      for (const c of casesOf(t.meta.id)) {
        if (!c.output) continue;
        const found = diffLint(fs.readFileSync(c.input, 'utf8'), fs.readFileSync(c.output, 'utf8'), isPython(c.input));
        problems.push(...found.map((p) => `${path.relative(ROOT, c.output!)}: ${p}`));
      }
    expect(problems).toEqual([]);
  });

  const projects = [
    ...fs
      .readdirSync(CORPUS, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'reviewed-diffs')
      .map((e) => path.join(CORPUS, e.name)),
    ...fs.readdirSync(path.join(ROOT, 'examples')).map((e) => path.join(ROOT, 'examples', e)),
    path.join(ROOT, 'test', 'e2e', 'scenarios'),
  ];
  for (const dir of projects)
    it(`every rewrite of ${path.relative(ROOT, dir)}`, async () => {
      const result = await run({ transforms: 'all', paths: [dir], dry: true, options: { includeTests: false } });
      const problems = result.files.flatMap((f) =>
        typeof f.before === 'string' && f.after !== undefined
          ? diffLint(f.before, f.after, isPython(f.path)).map((p) => `${path.relative(ROOT, f.path)}: ${p}`)
          : [],
      );
      expect(problems).toEqual([]);
    }, 120_000);
});
