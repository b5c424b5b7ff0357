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
 * share an import root, else undefined (no import the tool can prove works).
 */
export function importPathFor(from: string, target: string): string | undefined {
  if (importRoot(from) !== importRoot(target)) return undefined;
  return moduleNameOf(target);
}

/**
 * The file an import in `from` names (`.db`, `..core.db`, `app.db`): a
 * module file or a package's `__init__.py` that exists, else undefined.
 */
export function moduleFile(from: string, module: string): string | undefined {
  return filesNamed(from, module).find((f) => fs.existsSync(f));
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
  const parts = module.slice(dots).split('.').filter(Boolean);
  const stem = path.join(base, ...parts);
  return [`${stem}.py`, path.join(stem, '__init__.py')];
}
