/**
 * Python modules as files: where `from app.db import pool` (or `from .db
 * import pool`) leads, and how one file imports a name from another. A
 * package is a directory with `__init__.py`; the import root of a file is
 * the directory above its top-most package (what `sys.path` holds when the
 * application runs from there), or its own directory when it is not in a
 * package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dirsUpTo, gitRoot, readTextOrEmpty } from '../../project/paths';
import { COMMAND_FILES } from '../../project/processes';

function isPackage(dir: string): boolean {
  return fs.existsSync(path.join(dir, '__init__.py'));
}

/** The directory imports of this file are resolved from (the parent of its top package, or its own directory). */
function importRoot(file: string): string {
  let dir = path.dirname(file);
  while (isPackage(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The dotted module name of a file, from its import root (`app/db.py` -> `app.db`). */
function moduleNameOf(file: string): string | undefined {
  const root = importRoot(file);
  const relative = path.relative(root, file).replace(/\.py$/, '').split(path.sep);
  if (relative[relative.length - 1] === '__init__') relative.pop();
  return relative.length > 0 && relative.every((p) => /^[A-Za-z_]\w*$/.test(p)) ? relative.join('.') : undefined;
}

/**
 * The module `from` would import `target` by: its dotted name when both
 * share an import root the tool can prove, else undefined (no import the
 * tool can prove works).
 */
export function importPathFor(from: string, target: string): string | undefined {
  if (importRoot(from) !== importRoot(target) || !rootProven(path.dirname(from))) return undefined;
  return moduleNameOf(target);
}

/**
 * A file in a plain directory (no `__init__.py`) below the repository's root
 * is imported from that directory when it runs there (`cd app && uvicorn
 * main:app`), but from above it when it runs as part of a namespace package
 * (`uvicorn app.main:app`), where `from db import pool` fails at startup.
 * Its own directory is taken as the import root only with evidence: none
 * of its modules imports relatively (which works only inside a package), no
 * command line names one of its modules through the directory, and either
 * it is the repository's root (or there is no repository to tell), or it
 * holds a project's manifest (requirements.txt, pyproject.toml), or a
 * module there already imports a sibling by its bare name (the code runs
 * from there today).
 */
function rootProven(dir: string): boolean {
  return rootDoubt(dir) === null;
}

/** Why a plain directory's own import root is in doubt, in a reader's words; null when it is not. */
export function importRootDoubt(file: string): string | undefined {
  return rootDoubt(path.dirname(file)) ?? undefined;
}

function rootDoubt(dir: string): string | null {
  let doubt = doubts.get(dir);
  if (doubt === undefined) {
    doubt = ownRootDoubt(dir);
    doubts.set(dir, doubt);
  }
  return doubt;
}

/** Files that make a directory a Python project of its own, installed and run from there. */
const PROJECT_MANIFESTS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'Pipfile'];

/** Where a repository says how its service starts: its command files, and the README's and Makefile's commands. */
const LAUNCH_FILES = [...COMMAND_FILES, 'README.md', 'Makefile'];

/** Read once per directory and run: the files it reads do not change under a run. */
const doubts = new Map<string, string | null>();

function ownRootDoubt(dir: string): string | null {
  if (isPackage(dir)) return null;
  const top = gitRoot(dir);
  const base = path.basename(dir);
  const entries = readDir(dir);
  // Each of the directory's modules, read once for the three questions below that look into them.
  const sources = entries
    .filter((e) => e.endsWith('.py'))
    .map((file) => ({ file, text: readTextOrEmpty(path.join(dir, file)) }));
  // Only a directory named like a Python identifier can be started as `<dir>.<module>`.
  const modules = entries.filter((e) => /^[A-Za-z_]\w*\.py$/.test(e)).map((e) => e.slice(0, -3));
  const startedThrough =
    /^[A-Za-z_]\w*$/.test(base) && modules.length > 0
      ? new RegExp(`(?:^|[^\\w.])(${base}\\.(?:${modules.join('|')}))\\b`, 'm')
      : undefined;
  // `from ..settings import conf` works only in a module imported as part of a package: the root is above.
  const relative = relativeImportIn(sources);
  if (relative)
    return `${base}/ has no __init__.py, and its ${relative.file} imports \`${relative.module}\` relatively: it runs as part of a package, from above ${base}/`;
  // `from app.routes import router` in app/main.py: the modules are named through the directory, from above it.
  const through = importThroughIn(sources, entries, base);
  if (through)
    return `${base}/ has no __init__.py, and its ${through.file} imports \`${through.module}\`: it runs from above ${base}/`;
  for (const d of startedThrough ? dirsUpTo(dir, top) : [])
    for (const name of LAUNCH_FILES) {
      const started = startedThrough?.exec(readTextOrEmpty(path.join(d, name)))?.[1];
      if (started)
        return `${base}/ has no __init__.py, and ${path.relative(dir, path.join(d, name))} starts \`${started}\` from above it`;
    }
  if (!top || path.resolve(top) === path.resolve(dir)) return null;
  if (PROJECT_MANIFESTS.some((m) => entries.includes(m)) || importsSiblingByName(dir, entries, sources)) return null;
  return `${base}/ has no __init__.py, and nothing shows whether it runs from ${base}/ or from the directory above`;
}

/** The directory's modules, each with its text. */
type Sources = readonly { file: string; text: string }[];

/** A module with a relative import (`from .db import pool`, `from .. configuration import conf`), and what it names. */
function relativeImportIn(sources: Sources): { file: string; module: string } | undefined {
  for (const { file, text } of sources) {
    const found = /^[ \t]*from[ \t]+(\.+[ \t]*[\w.]*)[ \t]+import\b/m.exec(text);
    if (found) return { file, module: found[1].replace(/[ \t]+/g, '') };
  }
  return undefined;
}

/** A module that imports one of the directory's modules through the directory's name (`from app.db import pool` in app/). */
function importThroughIn(
  sources: Sources,
  entries: readonly string[],
  base: string,
): { file: string; module: string } | undefined {
  if (!/^[A-Za-z_]\w*$/.test(base)) return undefined;
  const pattern = new RegExp(`^[ \\t]*(?:from|import)[ \\t]+(${base}\\.[\\w.]+)`, 'm');
  for (const { file, text } of sources) {
    const found = pattern.exec(text);
    const name = found?.[1].split('.')[1];
    if (found && name && (entries.includes(`${name}.py`) || entries.includes(name))) return { file, module: found[1] };
  }
  return undefined;
}

/** A module imports another module of the directory by its bare name (`import db`, `from models import Item`). */
function importsSiblingByName(dir: string, entries: readonly string[], sources: Sources): boolean {
  const siblings = new Set(
    entries.flatMap((e) => (e.endsWith('.py') ? [e.slice(0, -3)] : isPackage(path.join(dir, e)) ? [e] : [])),
  );
  return sources.some(({ file, text }) =>
    [...text.matchAll(/^[ \t]*(?:from[ \t]+(\w+)[ \t]+import\b|import[ \t]+(\w+))/gm)].some(
      (m) => siblings.has(m[1] ?? m[2]) && `${m[1] ?? m[2]}.py` !== file,
    ),
  );
}

function readDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The file an import in `from` names (`.db`, `..core.db`, `app.db`): a
 * module file or a package's `__init__.py` that exists, else undefined.
 */
export function moduleFile(from: string, module: string): string | undefined {
  return filesNamed(from, module).find((f) => fs.existsSync(f));
}

/**
 * The file an import in `from` loads when the program runs: the one it
 * names from there (`moduleFile`), else, for a bare name found nowhere
 * there, one in a directory above (`moduleFileAbove`). For reading which
 * module loads which; an import the tool writes is never resolved this way.
 */
export function loadedModuleFile(from: string, module: string): string | undefined {
  return moduleFile(from, module) ?? moduleFileAbove(from, module);
}

/**
 * A bare import that names no file from `from`'s import root, looked for in
 * the directories above that root, up to the repository's: code run from a
 * parent directory has it on sys.path (`cd src && python main.py` makes
 * `from connection import connection` in src/services/ load
 * src/connection.py). Only for learning which module loads which; an import
 * the tool writes is never resolved this way.
 */
function moduleFileAbove(from: string, module: string): string | undefined {
  if (module.startsWith('.')) return undefined;
  const root = importRoot(from);
  const top = gitRoot(root);
  if (root === top) return undefined;
  for (const dir of dirsUpTo(path.dirname(root), top)) {
    const found = moduleFilesAt(dir, module).find((f) => fs.existsSync(f));
    if (found) return found;
  }
  return undefined;
}

/** The module `from module import name` loads when `name` is a submodule (`from . import db` -> `.db`). */
export function submodule(module: string, name: string): string {
  return module.endsWith('.') ? `${module}${name}` : `${module}.${name}`;
}

/** Whether an import in `from` of `module` would load `file` (a file the run knows, present or planned). */
export function importsFile(from: string, module: string, file: string): boolean {
  return filesNamed(from, module).includes(file);
}

/** The module file and the package `__init__.py` an import in `from` could mean. */
function filesNamed(from: string, module: string): string[] {
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  let base = dots > 0 ? path.dirname(from) : importRoot(from);
  for (let i = 1; i < dots; i++) base = path.dirname(base);
  return moduleFilesAt(base, module.slice(dots));
}

/** The module file and the package `__init__.py` a dotted name (no leading dots) means from `base`. */
function moduleFilesAt(base: string, dotted: string): string[] {
  const stem = path.join(base, ...dotted.split('.').filter(Boolean));
  return [`${stem}.py`, path.join(stem, '__init__.py')];
}
