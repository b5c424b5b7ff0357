/** Which files a run looks at: source extensions, minus node_modules, .gitignore'd and --ignore'd paths. */
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globSync } from 'tinyglobby';
import { SOURCE_EXTENSIONS } from './parser';

export interface FindOptions {
  extensions?: string[];
  ignore?: string[];
}

export function findFiles(paths: string[], options: FindOptions = {}): string[] {
  const extensions = (options.extensions ?? SOURCE_EXTENSIONS).map((e) => (e.startsWith('.') ? e : `.${e}`));
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    if (!fs.existsSync(absolute)) throw new Error(`no such file or directory: ${given}`);
    if (fs.statSync(absolute).isFile()) {
      // A file named explicitly is taken even if ignored, as long as it is source.
      if (extensions.includes(path.extname(absolute))) found.add(absolute);
      continue;
    }
    const files = globSync(extensions.map((e) => `**/*${e}`), {
      cwd: absolute,
      absolute: true,
      dot: false,
      ignore: ['**/node_modules/**', ...(options.ignore ?? [])],
    });
    const gitignored = gitignoreFilter(absolute);
    for (const file of files) if (!gitignored(file)) found.add(path.normalize(file));
  }
  return [...found].sort();
}

/** A predicate true for files excluded by any .gitignore between the repository root and the file. */
function gitignoreFilter(root: string): (file: string) => boolean {
  const filters = new Map<string, Ignore | null>();
  const filterFor = (dir: string): Ignore | null => {
    if (!filters.has(dir)) {
      const file = path.join(dir, '.gitignore');
      filters.set(dir, fs.existsSync(file) ? ignore().add(fs.readFileSync(file, 'utf8')) : null);
    }
    return filters.get(dir)!;
  };
  const ignoredBetween = (file: string, top: string, directory: boolean): boolean => {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const filter = filterFor(dir);
      const relative = path.relative(dir, file).split(path.sep).join('/') + (directory ? '/' : '');
      if (filter && filter.ignores(relative)) return true;
      if (dir === top || path.dirname(dir) === dir) return false;
    }
  };
  // A directory named explicitly is searched even if an outer .gitignore excludes it.
  const repository = gitRoot(root) ?? root;
  const top = root !== repository && ignoredBetween(root, repository, true) ? root : repository;
  return (file: string) => ignoredBetween(file, top, false);
}

function gitRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
