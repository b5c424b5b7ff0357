/**
 * What git says about the paths a run writes to (uncommitted changes would
 * mix with the rewrite), and how git is run on a repository the tool was
 * given: its own `.git/config` may name programs (hooks, an fsmonitor, clean
 * and smudge filters, a signing program) that git would start, and a
 * repository is data, so every git call here turns them off.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function dirOf(given: string): string {
  const absolute = path.resolve(given);
  return fs.existsSync(absolute) && fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
}

/** Settings that stop git from running programs a repository's config names. */
const NO_PROGRAMS = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'core.untrackedCache=false',
];

/**
 * `-c` arguments for every git call in `dir`: the settings above, and each
 * filter the repository configures emptied (git skips a filter whose command
 * is empty), which a list of fixed settings cannot name in advance.
 */
export function gitSafetyArgs(dir: string): string[] {
  let filters: string[] = [];
  try {
    filters = execFileSync('git', ['-C', dir, 'config', '--name-only', '--get-regexp', '^filter\\.'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .map((key) => /^filter\.(.+)\.[^.]+$/.exec(key.trim())?.[1])
      .filter((name): name is string => name !== undefined);
  } catch {
    // No filter configured (git exits 1), or not a repository: nothing to empty.
  }
  const emptied = [...new Set(filters)].flatMap((name) =>
    ['clean', 'smudge', 'process'].map((step) => `filter.${name}.${step}=`),
  );
  return [...NO_PROGRAMS, ...emptied].flatMap((setting) => ['-c', setting]);
}

function git(dir: string, args: readonly string[]): string {
  return execFileSync('git', [...gitSafetyArgs(dir), '-C', dir, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** Is the path inside a git work tree (and is git installed)? */
export function inGitWorkTree(given: string): boolean {
  try {
    return git(dirOf(given), ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    return false;
  }
}

/** Paths with uncommitted changes under `paths` ([] when clean or not in a git work tree). */
export function uncommittedChanges(paths: readonly string[]): string[] {
  const dirty: string[] = [];
  for (const given of paths) {
    let output: string;
    try {
      output = git(dirOf(given), ['status', '--porcelain', '--', path.resolve(given)]);
    } catch {
      continue; // not a git work tree (or no git): nothing to protect
    }
    for (const line of output.split('\n')) if (line.trim()) dirty.push(line.slice(3));
  }
  return [...new Set(dirty)];
}
