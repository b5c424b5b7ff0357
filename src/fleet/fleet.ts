/**
 * `pool-codemod fleet`: one `run` (or `audit`) per repository, each in a
 * child process of its own with a deadline, a few at a time. A repository
 * with uncommitted changes is never touched. With a branch and a commit
 * message, each repository that changed gets both, holding exactly the
 * files the run wrote; a repository that fails or runs out of time is put
 * back as it was and reported, and the others go on.
 *
 * Everything a run reports is data in a JSON-lines summary, one line per
 * repository in the order given; a rerun with `resume` skips repositories
 * that already have a line. Lines, diffs and pull-request bodies depend on
 * the inputs only (not on concurrency or timing), except `durationMs`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version';
import { GitError, branchExists, commitOnBranch, currentRef, dirtyPaths, restore, workTreeRoot } from './git';
import type { RepoRef } from './repos';
import { childEnv } from './child-env';
import { spawnTree } from './spawn';
import { type FleetLine, type FleetStatus, readSummary, writeSummary } from './summary';

export interface FleetOptions {
  repos: RepoRef[];
  mode: 'run' | 'audit';
  /** `all` or a comma-separated list, as `run` takes it. */
  transforms: string;
  dry: boolean;
  /** Arguments passed on to every repository's run (transform options, --verify, --jobs). */
  passThrough: string[];
  /** Secret-looking variables of the parent's environment the runs still get. */
  passEnv: string[];
  concurrency: number;
  timeoutMs: number;
  branch?: string;
  commitMessage?: string;
  /** Directory for each repository's pull-request body (`<slug>.md`). */
  prBodyDir?: string;
  /** The JSON-lines summary file. */
  summaryFile: string;
  resume: boolean;
  retryFailed: boolean;
  /** Called as each repository finishes. */
  onRepo?: (line: FleetLine, done: number, total: number) => void;
}

interface ChildDocument {
  exitCode?: number;
  error?: { kind: string; message: string };
  files?: { path: string; status: string; written?: boolean; reason?: string; findings?: { question: number }[] }[];
  findings?: { question: number; baseline?: boolean }[];
  summary?: { fixes?: Record<string, number> };
  /** The pull-request description (`--pr-body -`). */
  prBody?: string;
}

const BIN = path.join(PACKAGE_ROOT, 'bin', 'pool-codemod.js');

function blankLine(repo: RepoRef, status: FleetStatus): FleetLine {
  return {
    repo: repo.name,
    status,
    changedFiles: [],
    createdFiles: [],
    fixes: {},
    findingsByQuestion: {},
    branch: null,
    committed: false,
    prBody: null,
    exitCode: null,
    durationMs: 0,
    error: null,
  };
}

function countByQuestion(findings: readonly { question: number }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of [...findings].sort((a, b) => a.question - b.question))
    counts[String(f.question)] = (counts[String(f.question)] ?? 0) + 1;
  return counts;
}

function childArgs(options: FleetOptions, prBody: boolean): string[] {
  // A config inside the clone is the repository's, so the run never trusts the project unless the user says so.
  const trust = options.passThrough.some((a) => a === '--trust-project-code' || a.startsWith('--trust-project-code='))
    ? []
    : ['--no-trust-project-code'];
  if (options.mode === 'audit') return [BIN, 'audit', '.', '--format', 'json', ...trust, ...options.passThrough];
  return [
    BIN,
    'run',
    options.transforms,
    '.',
    '--json',
    ...(options.dry ? ['--dry'] : []),
    // The description comes back in the run's document: the run itself writes nothing outside the clone.
    ...(prBody ? ['--pr-body=-'] : []),
    ...trust,
    ...options.passThrough,
  ];
}

function failureReason(doc: ChildDocument, stderr: string, code: number | null): string {
  if (doc.error) return doc.error.message.split('\n')[0];
  const failed = (doc.files ?? []).filter((f) => f.status === 'error');
  if (failed.length > 0)
    return failed
      .slice(0, 3)
      .map((f) => `${f.path}: ${f.reason ?? 'failed'}`)
      .join('; ');
  return stderr.trim().split('\n').slice(-3).join(' ') || `exited with code ${code}`;
}

/** Fill `line` from the child's JSON document. */
function readDocument(line: FleetLine, doc: ChildDocument, mode: FleetOptions['mode']): void {
  const files = doc.files ?? [];
  line.changedFiles = files
    .filter((f) => f.status === 'changed')
    .map((f) => f.path)
    .sort();
  line.createdFiles = files
    .filter((f) => f.status === 'created')
    .map((f) => f.path)
    .sort();
  line.fixes = Object.fromEntries(
    Object.entries(doc.summary?.fixes ?? {})
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const findings =
    mode === 'audit' ? (doc.findings ?? []).filter((f) => !f.baseline) : files.flatMap((f) => f.findings ?? []);
  line.findingsByQuestion = countByQuestion(findings);
}

async function processRepo(repo: RepoRef, options: FleetOptions): Promise<FleetLine> {
  const started = performance.now();
  const line = blankLine(repo, 'unchanged');
  const signal = AbortSignal.timeout(options.timeoutMs);
  const finish = (status: FleetStatus, error: string | null = null): FleetLine => {
    line.status = status;
    line.error = error;
    line.durationMs = Math.round(performance.now() - started);
    return line;
  };
  const root = await workTreeRoot(repo.path);
  if (root === null) return finish('failed', 'not a git work tree (fleet runs only on clones it can restore)');
  const dirty = await dirtyPaths(repo.path);
  if (dirty.length > 0 && !(options.dry || options.mode === 'audit'))
    return finish(
      'dirty',
      `uncommitted changes, not touched: ${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ` and ${dirty.length - 5} more` : ''}`,
    );
  const original = await currentRef(repo.path);
  if (options.branch && (await branchExists(repo.path, options.branch)))
    return finish('failed', `branch ${options.branch} already exists; not touched`);

  const prBody = options.prBodyDir && options.mode === 'run' ? path.join(options.prBodyDir, `${repo.slug}.md`) : null;
  const child = await spawnTree(process.execPath, childArgs(options, prBody !== null), {
    cwd: repo.path,
    signal,
    env: childEnv(process.env, repo.path, options.passEnv),
  });
  const writes = options.mode === 'run' && !options.dry;
  if (child.aborted) {
    if (writes) await restore(repo.path, original, undefined);
    return finish('timeout', `stopped after ${options.timeoutMs} ms; the repository is as it was`);
  }
  let doc: ChildDocument;
  try {
    doc = JSON.parse(child.stdout) as ChildDocument;
  } catch {
    if (writes) await restore(repo.path, original, undefined);
    return finish(
      'failed',
      `the run crashed: ${child.stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${child.code}`}`,
    );
  }
  line.exitCode = child.code;
  readDocument(line, doc, options.mode);
  if (child.code !== 0 && !(options.mode === 'audit' && child.code === 1)) {
    if (writes) await restore(repo.path, original, undefined);
    line.changedFiles = [];
    line.createdFiles = [];
    return finish('failed', `${failureReason(doc, child.stderr, child.code)}; nothing kept`);
  }
  const changed = line.changedFiles.length + line.createdFiles.length > 0;
  if (changed && prBody && doc.prBody !== undefined) {
    fs.writeFileSync(prBody, doc.prBody);
    line.prBody = path.relative(process.cwd(), prBody).split(path.sep).join('/');
  }
  if (options.mode === 'audit') return finish('audited');
  if (!changed) return finish('unchanged');
  if (options.dry) return finish('would-change');
  if (options.branch && options.commitMessage) {
    try {
      await commitOnBranch(
        repo.path,
        options.branch,
        options.commitMessage,
        [...line.changedFiles, ...line.createdFiles],
        signal,
      );
    } catch (error) {
      await restore(repo.path, original, options.branch);
      if (prBody) fs.rmSync(prBody, { force: true });
      line.prBody = null;
      line.changedFiles = [];
      line.createdFiles = [];
      const timedOut = signal.aborted;
      return finish(
        timedOut ? 'timeout' : 'failed',
        `${error instanceof GitError ? error.message : String(error)}; the repository is as it was`,
      );
    }
    line.branch = options.branch;
    line.committed = true;
  }
  return finish('changed');
}

/** Statuses a rerun with `resume` repeats only when asked to retry them (a dirty repository may since have been cleaned). */
const FAILED: ReadonlySet<FleetStatus> = new Set(['failed', 'timeout', 'dirty']);

export async function runFleet(options: FleetOptions): Promise<FleetLine[]> {
  if (options.prBodyDir) fs.mkdirSync(options.prBodyDir, { recursive: true });
  const previous = options.resume ? readSummary(options.summaryFile) : new Map<string, FleetLine>();
  const results = new Map<string, FleetLine>();
  const todo = options.repos.filter((r) => {
    const before = previous.get(r.name);
    if (before && !(options.retryFailed && FAILED.has(before.status))) {
      results.set(r.name, before);
      return false;
    }
    return true;
  });
  const ordered = (): FleetLine[] => [
    ...options.repos.flatMap((r) => results.get(r.name) ?? []),
    ...[...previous.values()].filter((l) => !options.repos.some((r) => r.name === l.repo)),
  ];
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const repo = todo[next++];
      let line: FleetLine;
      try {
        line = await processRepo(repo, options);
      } catch (error) {
        line = { ...blankLine(repo, 'failed'), error: error instanceof Error ? error.message : String(error) };
      }
      results.set(repo.name, line);
      // Written as each repository finishes, so a stopped fleet keeps what it did (and --resume skips it).
      writeSummary(options.summaryFile, ordered());
      options.onRepo?.(line, ++done, todo.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, todo.length)) }, worker));
  writeSummary(options.summaryFile, ordered());
  return ordered();
}
