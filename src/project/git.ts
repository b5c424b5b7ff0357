/** What git says about the paths a run writes to: uncommitted changes would mix with the rewrite. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function dirOf(given: string): string {
  const absolute = path.resolve(given);
  return fs.existsSync(absolute) && fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
}

/** Is the path inside a git work tree (and is git installed)? */
export function inGitWorkTree(given: string): boolean {
  try {
    return (
      execFileSync('git', ['-C', dirOf(given), 'rev-parse', '--is-inside-work-tree'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() === 'true'
    );
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
      output = execFileSync('git', ['-C', dirOf(given), 'status', '--porcelain', '--', path.resolve(given)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      continue; // not a git work tree (or no git): nothing to protect
    }
    for (const line of output.split('\n')) if (line.trim()) dirty.push(line.slice(3));
  }
  return [...new Set(dirty)];
}
