/**
 * Writing: files that depend on each other (a new module and the files that
 * now import it) are written together or not at all. Every file of a set is
 * first written to a temporary file beside it; only when all of them are
 * there are they renamed into place, new modules first, so that a run killed
 * half-way never leaves an import of a module that does not exist. A rename
 * that fails puts back what was already replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import type { FileResult } from '../core/types';
import { isInside, realTarget } from '../project/containment';

const TEMP_MARK = '.pool-codemod-';
const TEMP_PATTERN = /\.pool-codemod-\d+-\d+\.tmp$/;

/** Groups of changed files that must be written together (connected by `dependsOn`). */
export function writeSets(results: readonly FileResult[]): FileResult[][] {
  const changing = results.filter((r) => r.status === 'changed' || r.status === 'created');
  const byPath = new Map(changing.map((r) => [r.path, r]));
  const parent = new Map<string, string>(changing.map((r) => [r.path, r.path]));
  const find = (p: string): string => {
    let root = p;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(p, root);
    return root;
  };
  for (const r of changing) for (const d of r.dependsOn ?? []) if (byPath.has(d)) parent.set(find(r.path), find(d));
  const sets = new Map<string, FileResult[]>();
  for (const r of changing) {
    const root = find(r.path);
    sets.set(root, [...(sets.get(root) ?? []), r]);
  }
  return [...sets.values()]
    .map((set) => set.sort((a, b) => a.path.localeCompare(b.path)))
    .sort((a, b) => a[0].path.localeCompare(b[0].path));
}

/**
 * Write every set; a set that cannot be written entirely is not written at
 * all, and each of its files says why. With a `root`, nothing is written
 * that resolves outside it. Returns how many files were written.
 */
export function writeAll(results: FileResult[], root?: string): number {
  let written = 0;
  let counter = 0;
  for (const set of writeSets(results)) {
    const problem = set.map((r) => ({ r, why: cannotWrite(r, root) })).find((x) => x.why);
    if (problem) {
      failSet(set, problem.r, problem.why!);
      continue;
    }
    const temps = new Map<FileResult, string>();
    try {
      for (const r of set) {
        const temp = path.join(
          path.dirname(r.path),
          `.${path.basename(r.path)}${TEMP_MARK}${process.pid}-${counter++}.tmp`,
        );
        fs.mkdirSync(path.dirname(r.path), { recursive: true });
        const mode = r.status === 'changed' ? fs.statSync(r.path).mode : undefined;
        writeDurably(temp, r.after ?? '', mode);
        temps.set(r, temp);
      }
    } catch (error) {
      for (const temp of temps.values()) removeQuietly(temp);
      failSet(set, set.find((r) => !temps.has(r)) ?? set[0], `cannot write: ${(error as Error).message}`);
      continue;
    }
    // New modules first: an importer never lands before what it imports.
    const order = [...set].sort((a, b) => (a.status === 'created' ? 0 : 1) - (b.status === 'created' ? 0 : 1));
    const done: FileResult[] = [];
    try {
      for (const r of order) {
        fs.renameSync(temps.get(r)!, r.path);
        done.push(r);
      }
    } catch (error) {
      rollBack(done);
      for (const r of order) if (!done.includes(r)) removeQuietly(temps.get(r)!);
      failSet(set, order[done.length], `cannot write: ${(error as Error).message}`);
      continue;
    }
    for (const r of set) r.written = true;
    written += set.length;
  }
  return written;
}

/** Why a file cannot be written, checked before anything in its set is touched. */
function cannotWrite(r: FileResult, root: string | undefined): string | undefined {
  const link = symlinkTarget(r.path);
  // Renaming over a link would replace it with a file; writing through it would change a file elsewhere.
  if (link !== undefined) return `a symbolic link to ${link}; not written through (rewrite the file it points to)`;
  if (root !== undefined && !isInside(r.path, [root]))
    return `resolves to ${realTarget(r.path) || r.path}, outside the project (${root}); not written`;
  if (r.status === 'changed') {
    try {
      fs.accessSync(r.path, fs.constants.W_OK);
    } catch {
      return 'the file is read-only; left alone';
    }
    const mode = fs.statSync(r.path).mode;
    if ((mode & 0o222) === 0) return 'the file is read-only; left alone';
  }
  let dir = path.dirname(r.path);
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    return `cannot write into ${dir}: permission denied`;
  }
  return undefined;
}

function symlinkTarget(file: string): string | undefined {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? realTarget(file) || fs.readlinkSync(file) : undefined;
  } catch {
    return undefined; // not there yet: a module the run creates
  }
}

function failSet(set: FileResult[], culprit: FileResult, why: string): void {
  for (const r of set) {
    r.written = false;
    r.status = 'error';
    r.reason =
      r === culprit ? why : `not written: it must be written together with ${culprit.path}, which failed (${why})`;
  }
}

function writeDurably(file: string, text: string, mode: number | undefined): void {
  const fd = fs.openSync(file, 'w', mode ?? 0o666);
  try {
    fs.writeFileSync(fd, text, 'utf8');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (mode !== undefined) fs.chmodSync(file, mode & 0o7777);
}

/** Put back files a failed set had already replaced (and remove modules it had created). */
function rollBack(done: FileResult[]): void {
  for (const r of done) {
    try {
      if (r.status === 'created') fs.rmSync(r.path, { force: true });
      else writeDurably(r.path, r.before ?? '', fs.statSync(r.path).mode);
    } catch {
      // Nothing more can be done here; the summary names the set as failed.
    }
  }
}

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}

/** Temporary files a killed run left behind under `dirs`, removed before a new run writes. */
export function removeStaleTemps(dirs: readonly string[]): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue;
    for (const file of globSync(['**/*.tmp'], {
      cwd: dir,
      absolute: true,
      dot: true,
      followSymbolicLinks: false,
      ignore: ['**/node_modules/**', '**/.git/**'],
    })) {
      if (TEMP_PATTERN.test(file)) {
        removeQuietly(file);
        removed.push(file);
      }
    }
  }
  return removed;
}
