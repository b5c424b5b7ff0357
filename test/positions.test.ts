/** Findings point into the file as it is on disk: a dry run places them in the text as read. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/engine/run';
import { lineOrigins } from '../src/engine/positions';

describe('lineOrigins', () => {
  it('matches lines ignoring indentation, points written lines at what they replaced or come before', () => {
    const before = ['a', 'b', '  c', 'd', 'e'].join('\n');
    // b replaced by B; x inserted before d; c indented by two more.
    const after = ['a', 'B', '    c', 'x', 'd', 'e'].join('\n');
    const origins = lineOrigins(before, after);
    expect(origins.slice(1).map((o) => [o.line, o.shift, o.written])).toEqual([
      [1, 0, false],
      [2, 0, true],
      [3, 2, false],
      [4, 0, true],
      [4, 0, false],
      [5, 0, false],
    ]);
  });

  it('many scattered rewrites (a generated file): every kept line maps to its own line, repeated lines included', () => {
    const fn = (i: number, wrapped: boolean) =>
      wrapped
        ? [
            `function f${i}() {`,
            '  const c = get();',
            '  try {',
            `    use(c, ${i});`,
            '  } finally {',
            '    c.release();',
            '  }',
            '}',
          ]
        : [`function f${i}() {`, '  const c = get();', `  use(c, ${i});`, '  c.release();', '}'];
    const count = 500;
    const before = Array.from({ length: count }, (_, i) => fn(i, false)).flat();
    const after = Array.from({ length: count }, (_, i) => fn(i, true)).flat();
    const origins = lineOrigins(before.join('\n'), after.join('\n'));
    for (let i = 0; i < count; i++) {
      const at = (offset: number) => origins[i * 8 + offset + 1];
      // The header, the repeated checkout line and the use keep their own lines; the release points at itself.
      expect([at(0).line, at(1).line, at(3).line, at(3).shift, at(5).line]).toEqual([
        i * 5 + 1,
        i * 5 + 2,
        i * 5 + 3,
        2,
        i * 5 + 4,
      ]);
      expect(at(2).written).toBe(true);
    }
  });

  it('CRLF text and a line added at the end', () => {
    const origins = lineOrigins('a\r\nb\r\n', 'a\r\nb\r\nc\r\n');
    expect(origins[3]).toMatchObject({ line: 3, written: true });
    expect(origins[2]).toMatchObject({ line: 2, written: false });
  });
});

describe('a run places findings in the file as it is on disk', () => {
  const source = [
    "import pg from 'pg';",
    'export const pool = new pg.Pool();',
    'export async function one(id) {',
    '  const client = await pool.connect();',
    "  const r = await client.query('SELECT $1::int AS n', [id]);",
    '  client.release();',
    "  client.query('SELECT 2');",
    '  return r;',
    '}',
    '',
  ].join('\n');

  function project(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-positions-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { pg: '^8' } }));
    fs.writeFileSync(path.join(dir, 'db.js'), source);
    return dir;
  }

  it('--dry: the lines of the text as read, as an audit gives them; written: the lines of the new text', async () => {
    const dir = project();
    const placed = async (dry: boolean, mode: 'run' | 'audit' = 'run') =>
      (await run({ transforms: 'all', paths: [dir], dry, mode, options: { format: 'none' } })).files
        .flatMap((f) => f.findings)
        .map((f) => `${f.messageId} ${f.line}:${f.column}`)
        .sort();
    const audit = await placed(true, 'audit');
    const dry = await placed(true);
    // The pool's line changes (a config is added) but its call keeps its place; the query after the release moves
    // down by the listener inserted above it, and the dry run still names its line as read.
    expect(dry).toEqual([
      'no-explicit-size 2:21',
      'not-monitored 2:21',
      'unawaited-query 7:3',
      'use-after-release 7:3',
    ]);
    expect(audit).toEqual(expect.arrayContaining(['unawaited-query 7:3', 'use-after-release 7:3']));
    const written = await placed(false);
    const after = fs.readFileSync(path.join(dir, 'db.js'), 'utf8').split('\n');
    const moved = after.findIndex((l) => l.includes("client.query('SELECT 2')")) + 1;
    expect(moved).toBeGreaterThan(7);
    expect(written).toEqual(expect.arrayContaining([`unawaited-query ${moved}:3`, 'no-explicit-size 2:21']));
  });
});
