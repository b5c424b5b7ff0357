/**
 * `pool-codemod fleet`: the command-line side of src/fleet (flags to
 * options, the table at the end, the exit code). The runs themselves are
 * separate processes, so nothing here depends on the transforms.
 */
import os from 'node:os';
import path from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors';
import { defineCommand } from './common';
import { assertWritable, realTarget } from '../project/containment';
import { runFleet } from '../fleet/fleet';
import { readReposFile, resolveRepos } from '../fleet/repos';
import { type FleetLine, summaryTable } from '../fleet/summary';

interface FleetFlags {
  repos: string[];
  reposFile?: string;
  audit: boolean;
  transforms: string;
  dry: boolean;
  concurrency?: number;
  timeout: number;
  branch?: string;
  commit?: string;
  prBody?: string;
  summary: string;
  resume: boolean;
  retryFailed: boolean;
  passEnv?: string[];
  '--'?: (string | number)[];
}

function positiveInteger(value: number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${flag} takes a whole number of at least 1 (got ${value})`);
  return value;
}

/** 0 when every repository ran; 3 when one failed or timed out and none changed; 4 when some changed and some failed. */
function fleetExitCode(lines: readonly FleetLine[]): number {
  const failed = lines.some((l) => l.status === 'failed' || l.status === 'timeout');
  if (!failed) return 0;
  return lines.some((l) => l.status === 'changed') ? 4 : 3;
}

async function fleetCommand(flags: FleetFlags): Promise<number> {
  if ((flags.branch === undefined) !== (flags.commit === undefined))
    throw new UsageError('--branch and --commit go together: the branch holds the commit');
  if (flags.branch && (flags.dry || flags.audit))
    throw new UsageError('--branch makes commits; it cannot go with --dry or --audit');
  const cwd = process.cwd();
  // The fleet's own files go where the user runs it, never into (or through) somewhere else.
  const scope = { root: realTarget(cwd) };
  assertWritable('--summary', path.resolve(flags.summary), scope);
  if (flags.prBody !== undefined) assertWritable('--pr-body', path.resolve(flags.prBody), scope);
  const entries = [...flags.repos, ...(flags.reposFile ? readReposFile(flags.reposFile) : [])];
  const base = flags.reposFile && flags.repos.length === 0 ? path.dirname(path.resolve(flags.reposFile)) : cwd;
  const repos = resolveRepos(entries, base);
  const concurrency = positiveInteger(flags.concurrency, 'concurrency') ?? Math.min(4, os.availableParallelism());
  const timeoutMs = positiveInteger(flags.timeout, 'timeout')! * 1000;
  const passThrough = (flags['--'] ?? []).map(String);
  // Each repository's run gets its share of the cores, unless the pass-through sets --jobs.
  if (!passThrough.some((a) => a === '--jobs' || a.startsWith('--jobs=')))
    passThrough.push('--jobs', String(Math.max(1, Math.floor(os.availableParallelism() / concurrency))));
  const progress = process.stderr.isTTY === true;
  const lines = await runFleet({
    repos,
    mode: flags.audit ? 'audit' : 'run',
    transforms: flags.transforms,
    dry: flags.dry,
    passThrough,
    passEnv: (flags.passEnv ?? [])
      .flatMap((name) => name.split(','))
      .map((name) => name.trim())
      .filter(Boolean),
    concurrency,
    timeoutMs,
    branch: flags.branch,
    commitMessage: flags.commit,
    prBodyDir: flags.prBody === undefined ? undefined : path.resolve(flags.prBody),
    summaryFile: path.resolve(flags.summary),
    resume: flags.resume,
    retryFailed: flags.retryFailed,
    onRepo: progress
      ? (line, done, total) => process.stderr.write(`[${done}/${total}] ${line.repo}: ${line.status}\n`)
      : undefined,
  });
  process.stdout.write(`${summaryTable(lines)}\n`);
  return fleetExitCode(lines);
}

export const FLEET = defineCommand({
  command: 'fleet [repos..]',
  describe:
    'run (or audit) every repository of a list, each in its own process; branch, commit and a pull-request body per repository; a JSON-lines summary',
  builder: (y: Argv) =>
    y
      .positional('repos', { type: 'string', array: true, default: [], describe: 'clones (directories or globs)' })
      .option('repos-file', { type: 'string', describe: 'a file listing clones, one per line (# comments)' })
      .option('transforms', { type: 'string', default: 'all', describe: '`all` or a comma-separated list' })
      .option('audit', { type: 'boolean', default: false, describe: 'audit each repository instead of rewriting' })
      .option('dry', { type: 'boolean', default: false, describe: 'write nothing; report what would change' })
      .option('concurrency', { type: 'number', describe: 'repositories at once (default: cores, at most 4)' })
      .option('timeout', {
        type: 'number',
        default: 600,
        describe: 'seconds per repository before it is stopped and restored',
      })
      .option('branch', {
        type: 'string',
        describe: 'create this branch in each repository that changed (with --commit)',
      })
      .option('commit', { type: 'string', describe: 'commit message for that branch' })
      .option('pr-body', {
        type: 'string',
        describe: 'directory for a pull-request body per changed repository (<repo>.md)',
      })
      .option('summary', {
        type: 'string',
        default: 'pool-codemod-fleet.jsonl',
        describe: 'the JSON-lines summary, one line per repository',
      })
      .option('resume', {
        type: 'boolean',
        default: false,
        describe: 'skip repositories the summary already has a line for',
      })
      .option('retry-failed', {
        type: 'boolean',
        default: false,
        describe: 'with --resume: run failed, timed-out and dirty repositories again',
      })
      .option('pass-env', {
        type: 'string',
        array: true,
        describe:
          'environment variables each run still gets although their names look secret (*_TOKEN, *_KEY, *_SECRET, *_PASSWORD, *_CREDENTIALS, AWS_*, NPM_CONFIG_*AUTH*, PGPASSWORD, MYSQL_PWD, SSH_AUTH_SOCK are dropped otherwise); repeatable or comma-separated',
      })
      .epilog("Arguments after -- go to every repository's run (transform options, --verify, --jobs)."),
  examples: [
    ["$0 fleet 'clones/*' --audit", 'audit every clone; one JSON line per repository'],
    [
      "$0 fleet --repos-file repos.txt --branch pool-codemod/fix --commit 'Fix connection handling' --pr-body prs",
      'rewrite each, commit on a branch, and write a pull-request body per repository',
    ],
  ],
  run: fleetCommand,
});
