/**
 * `pool-codemod fleet` over 20 local git repositories made from the bundled
 * example and the real-world fixture apps: most clean, one with uncommitted
 * changes, one with a file that does not parse, one whose run never returns
 * after writing its files (and whose pre-commit hook would never return,
 * were the fleet to run hooks). Checked: branches, commits, PR bodies, the JSON-lines
 * summary, the exit code; that --resume does nothing; and that a second
 * fleet with other --concurrency and --jobs gives byte-identical diffs,
 * summary lines (but for durationMs) and PR bodies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli';

const ROOT = path.join(__dirname, '..', '..');
const REAL_WORLD = path.join(ROOT, '__testfixtures__', 'real-world');
const IDENTITY = {
  GIT_AUTHOR_NAME: 'fleet test',
  GIT_AUTHOR_EMAIL: 'fleet@example.com',
  GIT_COMMITTER_NAME: 'fleet test',
  GIT_COMMITTER_EMAIL: 'fleet@example.com',
};
const BRANCH = 'pool-codemod/fix-connections';
const TIMEOUT_SECONDS = 20;

interface Line {
  repo: string;
  status: string;
  changedFiles: string[];
  createdFiles: string[];
  findingsByQuestion: Record<string, number>;
  branch: string | null;
  committed: boolean;
  prBody: string | null;
  durationMs: number;
  error: string | null;
}

const git = (repo: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });

function makeRepo(dir: string, from: string): void {
  fs.cpSync(from, dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'initial');
}

/** Twenty repositories in `root`; returns their names in the order given to the fleet. */
function makeFleet(root: string): string[] {
  const sources = fs
    .readdirSync(REAL_WORLD)
    // The applications are named owner--repo; reviewed-diffs/ beside them is not one.
    .filter((d) => d.includes('--') && fs.statSync(path.join(REAL_WORLD, d)).isDirectory())
    .sort()
    // Sixteen of them: the fleet stays at twenty repositories as the corpus grows.
    .slice(0, 16)
    .map((d) => ({ name: d, from: path.join(REAL_WORLD, d) }));
  const example = path.join(ROOT, 'examples', 'express-pg');
  const all = [
    ...sources,
    { name: 'example', from: example },
    { name: 'dirty', from: example },
    { name: 'unparsable', from: example },
    { name: 'hangs', from: example },
  ];
  expect(all).toHaveLength(20);
  for (const r of all) makeRepo(path.join(root, r.name), r.from);
  fs.appendFileSync(path.join(root, 'dirty', 'src', 'db.js'), '// work in progress\n');
  fs.writeFileSync(
    path.join(root, 'unparsable', 'src', 'broken.js'),
    "import { pool } from './db.js';\nexport async function f( {\n  const c = await pool.connect();\n",
  );
  git(path.join(root, 'unparsable'), 'add', '-A');
  git(path.join(root, 'unparsable'), 'commit', '-qm', 'a file that does not parse');
  const hook = path.join(root, 'hangs', '.git', 'hooks', 'pre-commit');
  fs.writeFileSync(hook, '#!/bin/sh\nsleep 600\n');
  fs.chmodSync(hook, 0o755);
  // The fleet runs no hooks, so the hang is the run's own: in the repository `hangs`, once the
  // rewritten files are written, its report on stdout never comes (NODE_OPTIONS reaches every run).
  fs.writeFileSync(
    path.join(root, 'hang-after-writing.cjs'),
    `if (require('path').basename(process.cwd()) === 'hangs' && process.argv.includes('run')) {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (...args) => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600000); return write(...args); };
}
`,
  );
  return all.map((r) => r.name);
}

function fleet(root: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'fleet', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...IDENTITY,
      NO_COLOR: '1',
      NODE_OPTIONS: `--require ${path.join(root, 'hang-after-writing.cjs')}`,
    },
    maxBuffer: 1 << 26,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FLEET_ARGS = [
  '--repos-file',
  'repos.txt',
  '--branch',
  BRANCH,
  '--commit',
  'Fix database connection handling (pool-codemod)',
  '--pr-body',
  'pr',
  '--timeout',
  String(TIMEOUT_SECONDS),
];

const summary = (root: string): Line[] =>
  fs
    .readFileSync(path.join(root, 'pool-codemod-fleet.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

/** What must be identical across runs: everything but the time taken. */
const stable = (root: string): string =>
  fs.readFileSync(path.join(root, 'pool-codemod-fleet.jsonl'), 'utf8').replace(/"durationMs":\d+/g, '"durationMs":0');

function branchDiffs(root: string, names: readonly string[]): Record<string, string> {
  const diffs: Record<string, string> = {};
  for (const n of names) {
    const repo = path.join(root, n);
    if (git(repo, 'branch', '--list', BRANCH).trim()) diffs[n] = git(repo, 'diff', `main..${BRANCH}`);
  }
  return diffs;
}

function prBodies(root: string): Record<string, string> {
  const dir = path.join(root, 'pr');
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

describe('fleet over 20 repositories', () => {
  const first = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-fleet-a-'));
  const second = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-fleet-b-'));
  let names: string[] = [];
  let run1: ReturnType<typeof fleet>;
  let lines: Line[] = [];

  beforeAll(() => {
    names = makeFleet(first);
    fs.writeFileSync(path.join(first, 'repos.txt'), `# the fleet\n${names.join('\n')}\n`);
    run1 = fleet(first, ...FLEET_ARGS, '--concurrency', '4', '--', '--jobs', '2');
    lines = summary(first);
  }, 300_000);

  it('writes one summary line per repository, in the order given, and prints the table', () => {
    expect(lines.map((l) => l.repo)).toEqual(names);
    expect(run1.stdout).toContain('20 repositories:');
    for (const n of names) expect(run1.stdout).toContain(n);
  });

  it('exits 4: some repositories changed, some failed', () => {
    expect(run1.code, run1.stderr).toBe(4);
  });

  it('commits exactly the changed files on the branch of each changed repository, and leaves its work tree clean', () => {
    const changed = lines.filter((l) => l.status === 'changed');
    expect(changed.length).toBeGreaterThanOrEqual(5);
    for (const l of changed) {
      const repo = path.join(first, l.repo);
      expect(l.committed).toBe(true);
      expect(l.branch).toBe(BRANCH);
      expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe(BRANCH);
      expect(git(repo, 'rev-list', '--count', `main..${BRANCH}`).trim()).toBe('1');
      expect(git(repo, 'log', '-1', '--format=%s').trim()).toBe('Fix database connection handling (pool-codemod)');
      const committed = git(repo, 'diff', '--name-only', `main..${BRANCH}`).trim().split('\n').sort();
      const inRepo = (f: string) => path.relative(repo, path.resolve(repo, f)).split(path.sep).join('/');
      expect(committed).toEqual([...l.changedFiles, ...l.createdFiles].map(inRepo).sort());
      expect(git(repo, 'status', '--porcelain').trim()).toBe('');
    }
  });

  it('leaves repositories with nothing to change without a branch', () => {
    for (const l of lines.filter((x) => x.status === 'unchanged')) {
      expect(git(path.join(first, l.repo), 'branch', '--list', BRANCH).trim()).toBe('');
      expect(l.prBody).toBeNull();
    }
  });

  it('never touches a repository with uncommitted changes', () => {
    const dirty = lines.find((l) => l.repo === 'dirty')!;
    expect(dirty.status).toBe('dirty');
    expect(dirty.error).toContain('src/db.js');
    const repo = path.join(first, 'dirty');
    expect(git(repo, 'status', '--porcelain').trim()).toBe('M src/db.js');
    expect(git(repo, 'branch', '--list', BRANCH).trim()).toBe('');
  });

  it('reports a repository with an unparsable file, and puts it back as it was', () => {
    const bad = lines.find((l) => l.repo === 'unparsable')!;
    expect(bad.status).toBe('failed');
    expect(bad.error).toContain('src/broken.js');
    const repo = path.join(first, 'unparsable');
    expect(git(repo, 'status', '--porcelain').trim()).toBe('');
    expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(git(repo, 'branch', '--list', BRANCH).trim()).toBe('');
  });

  it('stops a repository that runs out of time, restores it, and goes on with the others', () => {
    const hangs = lines.find((l) => l.repo === 'hangs')!;
    expect(hangs.status).toBe('timeout');
    expect(hangs.durationMs).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000);
    expect(hangs.changedFiles).toEqual([]);
    const repo = path.join(first, 'hangs');
    expect(git(repo, 'status', '--porcelain').trim()).toBe('');
    expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(git(repo, 'branch', '--list', BRANCH).trim()).toBe('');
    expect(fs.existsSync(path.join(first, 'pr', 'hangs.md'))).toBe(false);
  });

  it('writes a pull-request body for each changed repository: changes, findings, checks, checklist, diff', () => {
    const example = fs.readFileSync(path.join(first, 'pr', 'example.md'), 'utf8');
    for (const section of [
      '### What changed',
      '### Left for people',
      '### How this was checked',
      '### Reviewer checklist',
      '### Diff',
    ])
      expect(example).toContain(section);
    expect(example).toMatch(/\| `release-in-finally` \| 2\. .* \| \d+ \| \[src\/[^\]]+\]\(#pool-codemod-hunk-\d+\)/);
    const anchors = [...example.matchAll(/\(#(pool-codemod-hunk-\d+)\)/g)].map((m) => m[1]);
    for (const a of anchors) expect(example).toContain(`<a id="${a}"></a>`);
    for (const l of lines.filter((x) => x.status === 'changed')) expect(l.prBody).toBe(`pr/${l.repo}.md`);
  });

  it('does nothing on --resume: same summary, same branches, same exit code', () => {
    const before = fs.readFileSync(path.join(first, 'pool-codemod-fleet.jsonl'), 'utf8');
    const heads = names.map((n) => git(path.join(first, n), 'rev-parse', 'HEAD'));
    const again = fleet(first, ...FLEET_ARGS, '--resume');
    expect(again.code).toBe(4);
    expect(fs.readFileSync(path.join(first, 'pool-codemod-fleet.jsonl'), 'utf8')).toBe(before);
    expect(names.map((n) => git(path.join(first, n), 'rev-parse', 'HEAD'))).toEqual(heads);
  }, 120_000);

  it('gives byte-identical diffs, summary lines and PR bodies with other --concurrency and --jobs', () => {
    makeFleet(second);
    fs.writeFileSync(path.join(second, 'repos.txt'), `# the fleet\n${names.join('\n')}\n`);
    const run2 = fleet(second, ...FLEET_ARGS, '--concurrency', '1', '--', '--jobs', '1');
    expect(run2.code).toBe(run1.code);
    expect(stable(second)).toBe(stable(first));
    expect(prBodies(second)).toEqual(prBodies(first));
    expect(branchDiffs(second, names)).toEqual(branchDiffs(first, names));
  }, 600_000);
});
