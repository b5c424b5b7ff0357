/** Path questions several stages ask: the repository root, the nearest file of a name, a common ancestor. */
import fs from 'node:fs';
import path from 'node:path';

/** The nearest directory at or above `start` that holds `name`, stopping at the filesystem root. */
export function nearestDirWith(start: string, name: string, stopAt?: (dir: string) => boolean): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, name))) return dir;
    if (stopAt?.(dir) || path.dirname(dir) === dir) return undefined;
  }
}

/** `dir` and its parents up to `top` (the repository root), or three levels when there is none. */
export function dirsUpTo(dir: string, top: string | undefined): string[] {
  const dirs: string[] = [];
  for (let d = dir; dirs.length < (top ? 50 : 4); d = path.dirname(d)) {
    dirs.push(d);
    if (d === top || path.dirname(d) === d) break;
  }
  return dirs;
}

/** The work tree root of the git repository holding `start`, if any. */
export function gitRoot(start: string): string | undefined {
  return nearestDirWith(start, '.git');
}

/** The deepest directory holding every one of `files`. */
export function commonAncestor(files: readonly string[]): string {
  if (files.length === 0) return process.cwd();
  let dir = path.dirname(path.resolve(files[0]));
  for (const file of files) {
    const resolved = path.resolve(file);
    while (!resolved.startsWith(dir + path.sep) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  }
  return dir;
}

/** `a/b/c.ts` relative to `base`, with forward slashes, for display and patches. */
export function displayPath(file: string, base: string): string {
  return path.relative(base, file).split(path.sep).join('/') || path.basename(file);
}

/** A file's text, or '' when it cannot be read (missing, a directory): for files a project may or may not have. */
export function readTextOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** `inner` is `outer` or a path inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
