/**
 * Which repositories a fleet run covers: directories given as arguments,
 * globs (expanded, sorted), and a file with one per line (`#` comments and
 * blank lines skipped), in the order given, each once (by real path).
 */
import fs from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../core/errors';

export interface RepoRef {
  /** Absolute real path. */
  path: string;
  /** As shown in the summary: relative to where the fleet runs, with `/`. */
  name: string;
  /** A file name made from `name`, for the repository's pull-request body. */
  slug: string;
}

function expand(entry: string, cwd: string): string[] {
  if (!isDynamicPattern(entry)) return [path.resolve(cwd, entry)];
  const dirs = globSync(entry, { cwd, onlyDirectories: true, absolute: true, expandDirectories: false }).sort();
  if (dirs.length === 0) throw new UsageError(`fleet: the glob ${entry} matches no directory`);
  return dirs.map((d) => d.replace(/\/$/, ''));
}

export function readReposFile(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`fleet: cannot read the repository list ${file}: ${(error as Error).message}`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function resolveRepos(entries: readonly string[], cwd: string): RepoRef[] {
  const seen = new Set<string>();
  const repos: RepoRef[] = [];
  for (const entry of entries) {
    for (const dir of expand(entry, cwd)) {
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
        throw new UsageError(`fleet: ${entry} is not a directory`);
      const real = fs.realpathSync(dir);
      if (seen.has(real)) continue;
      seen.add(real);
      const name = path.relative(cwd, dir).split(path.sep).join('/') || '.';
      repos.push({
        path: real,
        name,
        slug: name.replace(/^(\.\.\/)+/, '').replace(/[^A-Za-z0-9._-]+/g, '__') || 'repo',
      });
    }
  }
  if (repos.length === 0)
    throw new UsageError('fleet: no repositories given (pass directories, globs, or --repos-file)');
  const slugs = new Map<string, number>();
  for (const r of repos) {
    const n = slugs.get(r.slug) ?? 0;
    slugs.set(r.slug, n + 1);
    if (n > 0) r.slug = `${r.slug}-${n + 1}`;
  }
  return repos;
}
