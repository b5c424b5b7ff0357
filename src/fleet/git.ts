/**
 * The git steps of a fleet run, each a killable child process. A
 * repository is only ever written when it was clean (no changes, no
 * untracked files), so restoring it after a failure can never lose the
 * owner's work. No step runs a program the repository's config names: its
 * hooks, filters and fsmonitor are off for every call (src/project/git.ts).
 */
import { gitSafetyArgs } from '../project/git';
import { type Spawned, spawnTree } from './spawn';

export class GitError extends Error {}

/** Per repository, the settings that keep git from running its hooks, filters or fsmonitor (read once). */
const safety = new Map<string, string[]>();

async function git(repo: string, args: readonly string[], signal?: AbortSignal): Promise<Spawned> {
  let safe = safety.get(repo);
  if (!safe) {
    safe = gitSafetyArgs(repo);
    safety.set(repo, safe);
  }
  return spawnTree('git', [...safe, ...args], { cwd: repo, signal });
}

async function gitOk(repo: string, args: readonly string[], signal?: AbortSignal): Promise<string> {
  const r = await git(repo, args, signal);
  if (r.aborted) throw new GitError(`git ${args[0]} was stopped: the repository ran out of time`);
  if (r.code !== 0)
    throw new GitError(
      `git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`,
    );
  return r.stdout;
}

/** The work tree's top directory, or null when `dir` is not in a git work tree. */
export async function workTreeRoot(dir: string): Promise<string | null> {
  try {
    const r = await git(dir, ['rev-parse', '--show-toplevel']);
    return r.code === 0 ? r.stdout.trim() : null;
  } catch {
    return null;
  }
}

/** Uncommitted changes and untracked files, as `git status --porcelain` lists them. */
export async function dirtyPaths(repo: string): Promise<string[]> {
  const out = await gitOk(repo, ['status', '--porcelain', '--untracked-files=all']);
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(3));
}

/** The branch checked out, or the commit when HEAD is detached. */
export async function currentRef(repo: string): Promise<string> {
  const branch = await git(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (branch.code === 0) return branch.stdout.trim();
  return (await gitOk(repo, ['rev-parse', 'HEAD'])).trim();
}

export async function branchExists(repo: string, branch: string): Promise<boolean> {
  return (await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])).code === 0;
}

/** Branch off the current commit with the run's changes, and commit exactly the files the run wrote. */
export async function commitOnBranch(
  repo: string,
  branch: string,
  message: string,
  files: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  await gitOk(repo, ['checkout', '-q', '-b', branch], signal);
  await gitOk(repo, ['add', '--', ...files], signal);
  await gitOk(repo, ['commit', '-q', '-m', message], signal);
}

/**
 * Put a repository back as it was: on its original ref, without the run's
 * changes or new files, without the branch the run made. Safe only because
 * the repository was clean when the run began.
 */
export async function restore(repo: string, original: string, branch: string | undefined): Promise<void> {
  await gitOk(repo, ['reset', '-q', '--hard', 'HEAD']);
  await gitOk(repo, ['clean', '-q', '-fd']);
  if ((await currentRef(repo)) !== original) await gitOk(repo, ['checkout', '-q', original]);
  if (branch && (await branchExists(repo, branch))) await gitOk(repo, ['branch', '-q', '-D', branch]);
}
