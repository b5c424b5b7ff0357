/** The dirty-tree check before writing: uncommitted changes would mix with the rewrite. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Paths with uncommitted changes under `paths`, or [] when clean or not in a git work tree. */
export function uncommittedChanges(paths: string[]): string[] {
  const dirty: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    const dir = fs.existsSync(absolute) && fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
    let output: string;
    try {
      output = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--', absolute], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      continue; // not a git work tree (or no git): nothing to protect
    }
    for (const line of output.split('\n')) if (line.trim()) dirty.push(line.slice(3));
  }
  return [...new Set(dirty)];
}
