/**
 * The real-world suite: every application in __testfixtures__/real-world is
 * run as a project (a copy, dry), and what the tool reports and rewrites
 * must be exactly what REVIEW.md reviewed, site by site, and the rewrite
 * exactly the reviewed diff. A site that appears, disappears or changes
 * fails here until it is reviewed. The rewrite is also checked as --verify
 * checks it (TypeScript type-checked against the original, Python compiled
 * and, where the project configures mypy, type-checked): --verify must keep
 * every rewritten file. Written, no finding may be about code the same run
 * wrote.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/index';
import { displayPath } from '../src/project/paths';
import { patchText } from '../src/views/diff';
import { lineOrigins, writtenAt } from '../src/engine/positions';
import type { FileResult } from '../src/core/types';

const CORPUS = path.join(__dirname, '..', '__testfixtures__', 'real-world');
const REPOS = fs
  .readdirSync(CORPUS)
  .filter((d) => d.includes('--') && fs.statSync(path.join(CORPUS, d)).isDirectory())
  .sort();

interface Row {
  repo: string;
  site: string;
  message: string;
  kind: string;
  verdict: string;
}

/** The review table: `| repo | file:line | transform/message | kind | verdict | why |`. */
function reviewRows(): Row[] {
  const text = fs.readFileSync(path.join(CORPUS, 'REVIEW.md'), 'utf8');
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split(' | ').map((c) => c.replace(/^\| /, '').replace(/`/g, '').trim());
    if (cells.length < 6 || !REPOS.includes(cells[0])) continue;
    rows.push({ repo: cells[0], site: cells[1], message: cells[2], kind: cells[3], verdict: cells[4] });
  }
  return rows;
}

const key = (r: Pick<Row, 'site' | 'message' | 'kind'>) => `${r.site} ${r.message} ${r.kind}`;

function hasPython(dir: string): boolean {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .some((e) => (e.isDirectory() ? hasPython(path.join(dir, e.name)) : e.name.endsWith('.py')));
}

function copyOf(repo: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pool-codemod-real-${repo}-`));
  fs.cpSync(path.join(CORPUS, repo), dir, { recursive: true });
  return dir;
}

/**
 * Findings about code the run itself wrote: the tool contradicting itself
 * (a note on the statement timeout the same run added, say).
 */
function findingsOnWrittenCode(files: readonly FileResult[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (file.status !== 'changed' || typeof file.before !== 'string' || file.after === undefined) continue;
    const origins = lineOrigins(file.before, file.after);
    for (const f of file.findings)
      if (origins[f.line] && writtenAt(origins[f.line], f.column))
        found.push(`${path.basename(file.path)}:${f.line}:${f.column} ${f.transform}/${f.messageId}`);
  }
  return found;
}

describe('real-world suite', () => {
  const rows = reviewRows();

  it('reviews at least 12 JavaScript/TypeScript and 10 Python applications and gives every row a verdict', () => {
    const python = REPOS.filter((repo) => hasPython(path.join(CORPUS, repo)));
    expect(REPOS.length - python.length).toBeGreaterThanOrEqual(12);
    expect(python.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) expect(['right', 'wrong', 'debatable', 'false alarm', 'missed']).toContain(r.verdict);
    for (const r of rows) expect(r.kind === 'missed').toBe(r.verdict === 'missed');
  });

  for (const repo of REPOS) {
    it(`${repo}: the sites and the rewrite are the reviewed ones, and --verify keeps every rewrite`, async () => {
      const dir = copyOf(repo);
      const result = await run({ paths: [dir], dry: true, config: false });
      const produced: string[] = [];
      for (const file of result.files) {
        const name = displayPath(file.path, dir);
        for (const f of file.fixes)
          produced.push(key({ site: `${name}:${f.line}`, message: `${f.transform}/${f.messageId}`, kind: 'fix' }));
        for (const f of file.findings)
          produced.push(key({ site: `${name}:${f.line}`, message: `${f.transform}/${f.messageId}`, kind: 'finding' }));
      }
      const reviewed = rows.filter((r) => r.repo === repo && r.kind !== 'missed').map(key);
      expect(produced.sort()).toEqual(reviewed.sort());
      expect(result.summary.errors).toBe(0);

      const diffFile = path.join(CORPUS, 'reviewed-diffs', `${repo}.diff`);
      const expected = fs.existsSync(diffFile) ? fs.readFileSync(diffFile, 'utf8') : '';
      expect(patchText(result.files, dir)).toBe(expected);

      const verified = await run({ paths: [dir], dry: true, config: false, options: { verify: true } });
      const changed = (r: typeof result) => r.files.filter((f) => f.status === 'changed').map((f) => f.path);
      expect(changed(verified)).toEqual(changed(result));

      // Written, the findings are on the new text: none may be about code the same run wrote.
      const written = await run({ paths: [copyOf(repo)], dry: false, config: false });
      expect(findingsOnWrittenCode(written.files)).toEqual([]);
    }, 120_000);
  }
});
