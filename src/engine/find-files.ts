/**
 * Which files a run looks at: source extensions under the given paths, minus
 * declaration files, node_modules, `.gitignore`d and `--ignore`d paths, and
 * installed Python packages (a committed virtualenv's site-packages, a
 * `pip install --target` bundle beside a Lambda handler): those are the
 * libraries' own code, psycopg2's included. A directory symlink is never
 * followed (no loops, nothing outside the tree), and each real file is
 * processed once, under one name.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globSync } from 'tinyglobby';
import { UsageError } from '../core/errors';
import { gitRoot } from '../project/paths';
import { isTestPath } from './test-files';

export interface FindOptions {
  /** File extensions to look at (with or without the dot). */
  extensions: readonly string[];
  /** Whether a file with one of them is source a front end reads (not a declaration file, not data). */
  isSource: (file: string) => boolean;
  ignore?: readonly string[];
  /** Look at test files too (default: they go to `tests`, unread). */
  includeTests?: boolean;
}

export interface FoundFiles {
  files: string[];
  /** Files left out for a reason the user should hear (a symlink leading out of the tree). */
  skipped: { path: string; reason: string }[];
  /** Test files under the directories given (see test-files.ts), in `files` only with `includeTests`; a file named explicitly is never one. */
  tests: string[];
  /** Installed packages under the directories given, by the directory they were installed into: never in `files`. */
  installed: { dir: string; files: number }[];
}

/** pip's list of the files a package installed, relative to the directory it was installed into. */
const INSTALL_RECORD = '**/*.dist-info/RECORD';
/** Directories a Python installs packages into (a virtualenv committed with the code). */
const INSTALL_DIRS = new Set(['site-packages', 'dist-packages']);

export function findFiles(paths: readonly string[], options: FindOptions): FoundFiles {
  const extensions = options.extensions.map((e) => (e.startsWith('.') ? e : `.${e}`));
  const byRealPath = new Map<string, string>();
  const skipped: FoundFiles['skipped'] = [];
  const tests = new Set<string>();
  const installed = new Map<string, number>();
  const note = (file: string, roots: readonly string[]) => {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      return; // a dangling symlink: nothing to read
    }
    if (!roots.some((root) => real === root || real.startsWith(root + path.sep))) {
      skipped.push({ path: file, reason: `a symlink to ${real}, outside the paths given; not followed` });
      return;
    }
    const known = byRealPath.get(real);
    // One name per real file: the one that is the file itself, else the first in sort order.
    if (!known || (file === real && known !== real) || (known !== real && file < known)) byRealPath.set(real, file);
  };
  for (const given of paths) {
    const absolute = path.resolve(given);
    if (!fs.existsSync(absolute)) throw new UsageError(`no such file or directory: ${given}`);
    const root = fs.realpathSync(absolute);
    if (fs.statSync(absolute).isFile()) {
      // A file named explicitly is taken even if ignored, as long as it is source (and not a link out of its directory).
      if (extensions.includes(path.extname(absolute)) && options.isSource(absolute))
        note(absolute, [fs.realpathSync(path.dirname(absolute))]);
      continue;
    }
    const found = globSync([...extensions.map((e) => `**/*${e}`), INSTALL_RECORD], {
      cwd: absolute,
      absolute: true,
      dot: false,
      followSymbolicLinks: false,
      ignore: ['**/node_modules/**', '**/.git/**', ...(options.ignore ?? [])],
    });
    const ignored = gitignoreFilter(absolute);
    const installedIn = installDirs(found, absolute);
    for (const file of found) {
      const normal = path.normalize(file);
      if (!extensions.includes(path.extname(normal)) || ignored(normal) || !options.isSource(normal)) continue;
      const installDir = installedIn(normal);
      if (installDir) {
        installed.set(installDir, (installed.get(installDir) ?? 0) + 1);
        continue;
      }
      const test = isTestPath(normal, absolute);
      if (test) tests.add(normal);
      if (!test || options.includeTests) note(normal, [root, absolute]);
    }
  }
  return {
    files: [...byRealPath.values()].sort(),
    skipped,
    tests: [...tests].sort(),
    installed: [...installed].sort().map(([dir, files]) => ({ dir, files })),
  };
}

/**
 * The directory a file's package was installed into, if it belongs to an
 * installed package: a site-packages directory below `root`, or the target
 * of a `pip install --target` whose `*.dist-info/RECORD` (among the files
 * found) lists it.
 */
function installDirs(found: readonly string[], root: string): (file: string) => string | undefined {
  const recorded = new Map<string, string>();
  for (const record of found.filter((f) => f.endsWith('RECORD') && path.extname(path.dirname(f)) === '.dist-info')) {
    const target = path.dirname(path.dirname(record));
    let text: string;
    try {
      text = fs.readFileSync(record, 'utf8');
    } catch {
      continue;
    }
    // Each line is `path,hash,size`; the path is relative to the directory the package was installed into.
    for (const line of text.split(/\r?\n/)) {
      const file = line.split(',')[0];
      if (file) recorded.set(path.resolve(target, file), target);
    }
  }
  return (file) => {
    const target = recorded.get(path.resolve(file));
    if (target) return target;
    // Below the directory given: a site-packages directory named on the command line is read as asked.
    const parts = path.relative(root, file).split(path.sep);
    const at = parts.findIndex((part) => INSTALL_DIRS.has(part));
    return at >= 0 ? path.join(root, ...parts.slice(0, at + 1)) : undefined;
  };
}

/** A predicate true for files excluded by any .gitignore between the repository root and the file. */
function gitignoreFilter(root: string): (file: string) => boolean {
  const filters = new Map<string, Ignore | null>();
  const filterFor = (dir: string): Ignore | null => {
    if (!filters.has(dir)) {
      const file = path.join(dir, '.gitignore');
      let filter: Ignore | null;
      try {
        filter = ignore().add(fs.readFileSync(file, 'utf8'));
      } catch {
        filter = null; // no .gitignore here
      }
      filters.set(dir, filter);
    }
    return filters.get(dir)!;
  };
  const ignoredBetween = (file: string, top: string, directory: boolean): boolean => {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const filter = filterFor(dir);
      const relative = path.relative(dir, file).split(path.sep).join('/') + (directory ? '/' : '');
      if (filter && relative && filter.ignores(relative)) return true;
      if (dir === top || path.dirname(dir) === dir) return false;
    }
  };
  // A directory named explicitly is searched even if an outer .gitignore excludes it.
  const repository = gitRoot(root) ?? root;
  const top = root !== repository && ignoredBetween(root, repository, true) ? root : repository;
  return (file: string) => ignoredBetween(file, top, false);
}
