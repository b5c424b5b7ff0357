/**
 * What a cache was read from, and when each file was last changed: a
 * long-lived process (the ESLint plugin in an editor) reads a project again
 * once a file it was read from has changed, appeared or gone.
 */
import fs from 'node:fs';

/** Each file with its modification time (null: it did not exist). */
export type Stamp = readonly (readonly [file: string, mtimeMs: number | null])[];

function modified(file: string): number | null {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? null;
  } catch {
    return null; // ENOTDIR, EACCES: as good as absent
  }
}

export function stampOf(files: readonly string[]): Stamp {
  return [...new Set(files)].map((file) => [file, modified(file)] as const);
}

export function changedSince(stamp: Stamp): boolean {
  return stamp.some(([file, mtimeMs]) => modified(file) !== mtimeMs);
}
