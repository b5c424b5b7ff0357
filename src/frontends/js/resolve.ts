/**
 * Where a relative import leads: the file Node.js, a bundler or TypeScript
 * would load for `./db`, `./db.js` (a `.ts` source under NodeNext) or
 * `./lib` (its index). Only relative specifiers: packages are not the
 * project's own code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_EXTENSIONS } from './parse';

const RUNTIME_TO_SOURCE: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
  '.jsx': ['.tsx'],
};

export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base];
  const ext = path.extname(base);
  for (const source of RUNTIME_TO_SOURCE[ext] ?? []) candidates.push(base.slice(0, -ext.length) + source);
  for (const e of SOURCE_EXTENSIONS) candidates.push(base + e);
  for (const e of SOURCE_EXTENSIONS) candidates.push(path.join(base, `index${e}`));
  return candidates.find((c) => isFile(c));
}

/** No exception for a missing file: most candidates are missing, and building the error cost more than the stat. */
function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // ENOTDIR (a file where a directory was expected), EACCES
  }
}
