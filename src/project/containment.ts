/**
 * Where a run may write. A repository the tool runs on is data, and so are
 * the paths it names: whatever the source of a path (a flag, a config found
 * in the repository, a default beside a file), the file it leads to, after
 * every symlink, must lie inside the project root. A report file the user
 * names on the command line may also go in the directory the user runs from.
 * Anything else stops the command before it writes, with the key and the
 * resolved path named (a `Refusal`, exit 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Refusal } from '../core/errors';
import { commonAncestor, gitRoot } from './paths';

/** Symlink hops followed before a path counts as a loop (Linux's own limit). */
const MAX_LINKS = 40;

/**
 * The real path `file` has, or would have once written: every symlink on the
 * way resolved, a dangling one included (writing to it would create its
 * target), and the missing rest appended.
 */
export function realTarget(file: string, hops = 0): string {
  const absolute = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realTarget(parent, hops), path.basename(absolute));
  }
  if (!stat.isSymbolicLink()) return fs.realpathSync(absolute);
  // A loop resolves nowhere; the empty path lies inside no root.
  if (hops >= MAX_LINKS) return '';
  // A relative link is read from the real directory that holds it, not from the name it was reached by.
  const holder = realTarget(path.dirname(absolute), hops);
  return realTarget(path.resolve(holder, fs.readlinkSync(absolute)), hops + 1);
}

/** The project the paths belong to: the git work tree holding them, else their common directory; real path. */
export function projectRoot(paths: readonly string[]): string {
  const start = commonAncestor(
    paths.map((p) => {
      const absolute = path.resolve(p);
      return isDirectory(absolute) ? path.join(absolute, 'x') : absolute;
    }),
  );
  return realTarget(gitRoot(start) ?? start);
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Does `file`, symlinks resolved, lie in one of the (real) directories? */
export function isInside(file: string, dirs: readonly string[]): boolean {
  const real = realTarget(file);
  return (
    real !== '' && dirs.some((dir) => real === dir || real.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep))
  );
}

/** Where a write may go: the project root, and for a report the user named, the directory they run from. */
export interface WriteScope {
  root: string;
  /** The directory the user runs from, for report files named on the command line. */
  cwd?: string;
}

function allowedDirs(scope: WriteScope): string[] {
  return scope.cwd ? [scope.root, realTarget(scope.cwd)] : [scope.root];
}

/**
 * Throws a `Refusal` naming `key` unless `file` resolves inside the scope.
 * `key` is how the user set the path (`--patch`, `poolModule in pool-codemod.config.json`).
 */
export function assertWritable(key: string, file: string, scope: WriteScope): void {
  const allowed = allowedDirs(scope);
  if (isInside(file, allowed)) return;
  const real = realTarget(file) || path.resolve(file);
  const where =
    allowed.length > 1 && allowed[1] !== allowed[0]
      ? `the project (${allowed[0]}) and the directory you run from (${allowed[1]})`
      : `the project (${allowed[0]})`;
  throw new Refusal(
    `${key} resolves to ${real}, outside ${where}; nothing was written. The tool writes only inside the project it runs on: name a path there${allowed.length > 1 ? ' or under the directory you run from' : ''}.`,
    { key, path: real, allowed },
  );
}
